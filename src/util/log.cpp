#include <array>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string_view>
#include <unistd.h>

#include <spdlog/details/file_helper.h>
#include <spdlog/logger.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/ansicolor_sink.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/null_sink.h>

#include <svcagent/log.hpp>

namespace svcagent {

namespace {

constexpr std::size_t k_rotate_size = std::size_t{10} * 1024 * 1024;
constexpr int k_rotate_files = 5;

class UpperLevel final : public spdlog::custom_flag_formatter {
public:
    void format(const spdlog::details::log_msg& msg, const std::tm& /*time*/,
                spdlog::memory_buf_t& dest) override {
        static constexpr std::array<std::string_view, 7> k_names{"TRACE", "DEBUG", "INFO", "WARNING",
                                                                 "ERROR", "ERROR", "OFF"};
        const auto index = static_cast<std::size_t>(msg.level);
        const std::string_view name = index < k_names.size() ? k_names[index] : "?";
        fmt::format_to(std::back_inserter(dest), "{:<7}", name);
    }
    [[nodiscard]] std::unique_ptr<custom_flag_formatter> clone() const override {
        return std::make_unique<UpperLevel>();
    }
};

// Size-rotated file: <file>.1 is the newest old file, <file>.5 the oldest (SPEC §15).
class RotatingFileSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    explicit RotatingFileSink(std::filesystem::path path) : m_path(std::move(path)) {
        m_file.open(m_path.string(), /*truncate=*/false);
        m_size = m_file.size();
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        spdlog::memory_buf_t formatted;
        formatter_->format(msg, formatted);
        if (m_size > 0 && m_size + formatted.size() > k_rotate_size) {
            rotate();
        }
        m_file.write(formatted);
        m_size += formatted.size();
    }
    void flush_() override { m_file.flush(); }

private:
    void rotate() {
        m_file.close();
        std::error_code ignored;
        for (int i = k_rotate_files - 1; i >= 1; --i) {
            std::filesystem::rename(numbered(i), numbered(i + 1), ignored);
        }
        std::filesystem::rename(m_path, numbered(1), ignored);
        m_file.open(m_path.string(), /*truncate=*/true);
        m_size = 0;
    }
    [[nodiscard]] std::filesystem::path numbered(int index) const {
        std::filesystem::path result = m_path;
        result += "." + std::to_string(index);
        return result;
    }

    std::filesystem::path m_path;
    spdlog::details::file_helper m_file;
    std::size_t m_size = 0;
};

bool wants_color(ColorMode mode) {
    if (mode != ColorMode::automatic) {
        return mode == ColorMode::always;
    }
    const char* term = std::getenv("TERM");  // NOLINT(concurrency-mt-unsafe): read-only
    return ::isatty(STDERR_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr &&  // NOLINT
           (term == nullptr || std::string_view{term} != "dumb");
}

std::shared_ptr<spdlog::sinks::sink> make_terminal_sink(const LogOptions& options) {
    if (options.terminal_sink) {
        return options.terminal_sink;
    }
    auto sink = std::make_shared<spdlog::sinks::ansicolor_stderr_sink_mt>(
        wants_color(options.color) ? spdlog::color_mode::always : spdlog::color_mode::never);
    for (const auto level : {spdlog::level::trace, spdlog::level::debug, spdlog::level::info}) {
        sink->set_color(level, "");
    }
    sink->set_color(spdlog::level::warn, sink->yellow);
    sink->set_color(spdlog::level::err, sink->red);
    sink->set_color(spdlog::level::critical, sink->red);
    return sink;
}

std::shared_ptr<spdlog::logger> make_logger(std::string name, const std::filesystem::path& file,
                                            const LogOptions& options) {
    auto terminal = make_terminal_sink(options);
    terminal->set_formatter(make_log_formatter(LogLayout::terminal));
    terminal->set_level(options.debug ? spdlog::level::debug : spdlog::level::info);
    std::vector<spdlog::sink_ptr> sinks{terminal};
    if (options.write_file) {
        auto sink = std::make_shared<RotatingFileSink>(file);
        sink->set_formatter(make_log_formatter(LogLayout::file));
        sink->set_level(spdlog::level::debug);
        sinks.push_back(std::move(sink));
    }
    auto logger = std::make_shared<spdlog::logger>(std::move(name), sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::debug);
    logger->flush_on(spdlog::level::debug);
    return logger;
}

}  // namespace

std::unique_ptr<spdlog::formatter> make_log_formatter(LogLayout layout) {
    auto formatter = std::make_unique<spdlog::pattern_formatter>();
    formatter->add_flag<UpperLevel>('*').set_pattern(
        layout == LogLayout::file ? "%Y-%m-%d %H:%M:%S,%e %^%*%$ %-24n %v" : "%H:%M:%S,%e %^%*%$ %-24n %v");
    return formatter;
}

std::shared_ptr<spdlog::logger> make_service_logger(const NodeInfo& node, std::string_view svc,
                                                    const LogOptions& options) {
    return make_logger(node.nodename + "." + std::string{svc}, node.paths.log / (std::string{svc} + ".log"),
                       options);
}

std::shared_ptr<spdlog::logger> make_node_logger(const NodeInfo& node, const LogOptions& options) {
    return make_logger(node.nodename, node.paths.log / "node.log", options);
}

std::shared_ptr<spdlog::logger> child_logger(const std::shared_ptr<spdlog::logger>& base, std::string name) {
    return base->clone(std::move(name));
}

std::shared_ptr<spdlog::logger> make_null_logger(std::string name) {
    auto logger =
        std::make_shared<spdlog::logger>(std::move(name), std::make_shared<spdlog::sinks::null_sink_mt>());
    logger->set_level(spdlog::level::off);
    return logger;
}

}  // namespace svcagent
