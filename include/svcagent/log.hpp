#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <svcagent/node_info.hpp>

namespace spdlog {
class logger;
class formatter;
namespace sinks {
class sink;
}
}  // namespace spdlog

namespace svcagent {

// SPEC §11.4 --color: automatic means stderr is a terminal, TERM is not "dumb", NO_COLOR unset.
enum class ColorMode { automatic, always, never };

// Line layouts of SPEC §15 (the level padded to 7, the origin to 24 characters):
//   terminal: "20:35:50,004 INFO    node1.db1.fs#1           mount ..."
//   file:     "2026-11-21 20:35:50,004 INFO    node1.db1.fs#1           mount ..."
enum class LogLayout { terminal, file };

struct LogOptions {
    bool debug = false;                      // --debug: the terminal shows DEBUG lines too
    ColorMode color = ColorMode::automatic;  // level names coloured (WARNING yellow, ERROR red)
    bool write_file = false;                 // state-changing actions only; never with --dry-run
    std::shared_ptr<spdlog::sinks::sink> terminal_sink{};  // replaces stderr (tests); null: stderr
};

// Formatter for one layout, with the upper-case level names (spdlog's are lower-case).
[[nodiscard]] std::unique_ptr<spdlog::formatter> make_log_formatter(LogLayout layout);

// Logger "<node>.<svc>": terminal sink (INFO, or DEBUG with options.debug) and, with
// options.write_file, "<node.paths.log>/<svc>.log" at DEBUG (rotated at 10 MiB, 5 old files
// <svc>.log.1 ... .5). The logger itself passes DEBUG. Never registered in spdlog's registry.
[[nodiscard]] std::shared_ptr<spdlog::logger> make_service_logger(const NodeInfo& node, std::string_view svc,
                                                                  const LogOptions& options);

// Logger "<node>" for nodemgr, file "<node.paths.log>/node.log".
[[nodiscard]] std::shared_ptr<spdlog::logger> make_node_logger(const NodeInfo& node,
                                                               const LogOptions& options);

// A logger sharing base's sinks and level under another origin, e.g. "node1.db1.fs#1".
[[nodiscard]] std::shared_ptr<spdlog::logger> child_logger(const std::shared_ptr<spdlog::logger>& base,
                                                           std::string name);

// A logger that drops everything (probes in tools, tests that do not look at logs).
[[nodiscard]] std::shared_ptr<spdlog::logger> make_null_logger(std::string name = "null");

}  // namespace svcagent
