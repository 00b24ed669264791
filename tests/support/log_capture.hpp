#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <spdlog/logger.h>
#include <spdlog/sinks/base_sink.h>

namespace svcagent::testing {

struct LogLine {
    std::string level;   // "DEBUG", "INFO", "WARNING", "ERROR"
    std::string origin;  // logger name
    std::string message;
};

// A logger at DEBUG whose lines are kept in memory; child loggers (clone) share the record.
class LogCapture {
public:
    explicit LogCapture(std::string name = "node1.svc1");
    [[nodiscard]] spdlog::logger& logger() const { return *m_logger; }
    [[nodiscard]] const std::shared_ptr<spdlog::logger>& shared() const { return m_logger; }
    [[nodiscard]] std::vector<LogLine> lines() const;
    [[nodiscard]] std::vector<std::string> messages() const;  // "INFO mount ..." per line
    void clear();

private:
    class Sink;
    std::shared_ptr<Sink> m_sink;
    std::shared_ptr<spdlog::logger> m_logger;
};

}  // namespace svcagent::testing
