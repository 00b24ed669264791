#include <ctime>
#include <sstream>

#include <gtest/gtest.h>
#include <spdlog/details/log_msg.h>
#include <spdlog/formatter.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <svcagent/log.hpp>

#include "support/temp_dir.hpp"

namespace svcagent {
namespace {

using svcagent::testing::read_file;
using svcagent::testing::TempDir;

std::string format_line(LogLayout layout, spdlog::level::level_enum level, std::string_view origin,
                        std::string_view text) {
    std::tm local{};
    local.tm_year = 2026 - 1900;
    local.tm_mon = 10;
    local.tm_mday = 21;
    local.tm_hour = 20;
    local.tm_min = 35;
    local.tm_sec = 50;
    local.tm_isdst = -1;
    const auto when =
        std::chrono::system_clock::from_time_t(std::mktime(&local)) + std::chrono::milliseconds{4};
    const spdlog::details::log_msg msg{when, spdlog::source_loc{}, origin, level, text};
    spdlog::memory_buf_t out;
    make_log_formatter(layout)->format(msg, out);
    return fmt::to_string(out);
}

TEST(LogFormat, FileLineHasDateUpperLevelAndPaddedOrigin) {
    EXPECT_EQ(format_line(LogLayout::file, spdlog::level::info, "node1.db1.fs#1",
                          "mount -t xfs /dev/db1/data /srv"),
              "2026-11-21 20:35:50,004 INFO    node1.db1.fs#1           mount -t xfs /dev/db1/data /srv\n");
}

TEST(LogFormat, TerminalLineHasTimeOnly) {
    EXPECT_EQ(format_line(LogLayout::terminal, spdlog::level::warn, "node-1-1.db1", "vg db1 is also tagged"),
              "20:35:50,004 WARNING node-1-1.db1             vg db1 is also tagged\n");
}

TEST(LogFormat, LongOriginIsFollowedByOneSpace) {
    EXPECT_EQ(format_line(LogLayout::terminal, spdlog::level::err, "node-1-1.db1.container#10", "x"),
              "20:35:50,004 ERROR   node-1-1.db1.container#10 x\n");
    EXPECT_EQ(format_line(LogLayout::terminal, spdlog::level::debug, "n.s", "y"),
              "20:35:50,004 DEBUG   n.s                      y\n");
}

NodeInfo make_node(const TempDir& dir) {
    NodeInfo node;
    node.nodename = "node1";
    node.paths.log = dir.path() / "log";
    return node;
}

struct Fixture {
    TempDir dir;
    NodeInfo node = make_node(dir);
    std::ostringstream terminal;
    LogOptions options{.color = ColorMode::never,
                       .write_file = true,
                       .terminal_sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(terminal)};
};

TEST(ServiceLogger, TerminalGetsInfoAndFileGetsDebug) {
    Fixture f;
    {
        const auto log = make_service_logger(f.node, "db1", f.options);
        log->debug("probe line");
        log->info("do start");
    }
    const std::string file = read_file(f.node.paths.log / "db1.log");
    EXPECT_NE(file.find("DEBUG   node1.db1                probe line"), std::string::npos) << file;
    EXPECT_NE(file.find("INFO    node1.db1                do start"), std::string::npos) << file;
    EXPECT_EQ(f.terminal.str().find("probe line"), std::string::npos) << f.terminal.str();
    EXPECT_NE(f.terminal.str().find("INFO    node1.db1                do start"), std::string::npos);
}

TEST(ServiceLogger, DebugOptionShowsDebugOnTerminal) {
    Fixture f;
    f.options.debug = true;
    f.options.write_file = false;
    make_service_logger(f.node, "db1", f.options)->debug("probe line");
    EXPECT_NE(f.terminal.str().find("DEBUG   node1.db1                probe line"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(f.node.paths.log / "db1.log"));
}

TEST(ServiceLogger, ChildLoggerSharesSinksAndStaysOutOfRegistry) {
    Fixture f;
    const auto base = make_service_logger(f.node, "db1", f.options);
    const auto child = child_logger(base, "node1.db1.fs#1");
    child->info("umount /srv/db1");
    base->flush();
    EXPECT_NE(f.terminal.str().find("node1.db1.fs#1           umount /srv/db1"), std::string::npos);
    EXPECT_NE(read_file(f.node.paths.log / "db1.log").find("umount /srv/db1"), std::string::npos);
    EXPECT_EQ(spdlog::get("node1.db1"), nullptr);
    EXPECT_EQ(spdlog::get("node1.db1.fs#1"), nullptr);
}

TEST(ServiceLogger, NodeLoggerWritesNodeLog) {
    Fixture f;
    make_node_logger(f.node, f.options)->info("freeze");
    EXPECT_NE(read_file(f.node.paths.log / "node.log").find("INFO    node1                    freeze"),
              std::string::npos);
}

TEST(ServiceLogger, FileRotatesAtTenMebibytesIntoNumberedFiles) {
    Fixture f;
    f.options.terminal_sink = std::make_shared<spdlog::sinks::null_sink_mt>();
    const auto log = make_service_logger(f.node, "db1", f.options);
    const std::string payload(1000, 'x');
    for (int i = 0; i < 11 * 1024; ++i) {
        log->debug("{}", payload);
    }
    log->flush();
    EXPECT_TRUE(std::filesystem::exists(f.node.paths.log / "db1.log.1"));
    EXPECT_FALSE(std::filesystem::exists(f.node.paths.log / "db1.log.2"));
    EXPECT_LE(std::filesystem::file_size(f.node.paths.log / "db1.log.1"), std::uintmax_t{10} * 1024 * 1024);
    EXPECT_GT(std::filesystem::file_size(f.node.paths.log / "db1.log"), 0U);
}

TEST(NullLogger, DropsEverything) {
    const auto log = make_null_logger();
    EXPECT_FALSE(log->should_log(spdlog::level::err));
}

}  // namespace
}  // namespace svcagent
