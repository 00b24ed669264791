#include "support/log_capture.hpp"

namespace svcagent::testing {

namespace {
std::string level_name(spdlog::level::level_enum level) {
    switch (level) {
    case spdlog::level::trace:
        return "TRACE";
    case spdlog::level::debug:
        return "DEBUG";
    case spdlog::level::info:
        return "INFO";
    case spdlog::level::warn:
        return "WARNING";
    default:
        return "ERROR";
    }
}
}  // namespace

class LogCapture::Sink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    std::vector<LogLine> lines() {
        const std::lock_guard lock{mutex_};
        return m_lines;
    }
    void clear() {
        const std::lock_guard lock{mutex_};
        m_lines.clear();
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        m_lines.push_back({level_name(msg.level), std::string{msg.logger_name.data(), msg.logger_name.size()},
                           std::string{msg.payload.data(), msg.payload.size()}});
    }
    void flush_() override {}

private:
    std::vector<LogLine> m_lines;
};

LogCapture::LogCapture(std::string name)
    : m_sink(std::make_shared<Sink>()), m_logger(std::make_shared<spdlog::logger>(std::move(name), m_sink)) {
    m_logger->set_level(spdlog::level::debug);
}

std::vector<LogLine> LogCapture::lines() const {
    return m_sink->lines();
}

std::vector<std::string> LogCapture::messages() const {
    std::vector<std::string> result;
    for (const auto& line : m_sink->lines()) {
        result.push_back(line.level + " " + line.message);
    }
    return result;
}

void LogCapture::clear() {
    m_sink->clear();
}

}  // namespace svcagent::testing
