#include "support/recording_runner.hpp"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "support/log_capture.hpp"

namespace svcagent::testing {
namespace {

TEST(RecordingRunner, LongestPrefixWinsAndCommandsAreRecorded) {
    RecordingRunner runner;
    runner.on({"docker"}, {.exit_code = 1});
    runner.on({"docker", "ps"}, {.exit_code = 0, .out = "[]"});
    const LogCapture log;
    EXPECT_EQ(runner.run({.argv = {"docker", "ps", "-a"}}, log.logger()).out, "[]");
    EXPECT_EQ(runner.run({.argv = {"docker", "rm", "x"}}, log.logger()).exit_code, 1);
    EXPECT_EQ(runner.argvs(),
              (std::vector<std::vector<std::string>>{{"docker", "ps", "-a"}, {"docker", "rm", "x"}}));
    EXPECT_EQ(runner.count({"docker", "ps"}), 1U);
}

TEST(RecordingRunner, SequenceRepliesInOrderThenRepeatsTheLast) {
    RecordingRunner runner;
    runner.on_sequence({"docker", "inspect"}, {{.out = "starting"}, {.out = "running"}});
    const LogCapture log;
    const Command cmd{.argv = {"docker", "inspect", "x"}};
    EXPECT_EQ(runner.run(cmd, log.logger()).out, "starting");
    EXPECT_EQ(runner.run(cmd, log.logger()).out, "running");
    EXPECT_EQ(runner.run(cmd, log.logger()).out, "running");
}

TEST(RecordingRunner, UnscriptedCommandFailsTheTestWithExit127) {
    EXPECT_NONFATAL_FAILURE(
        {
            RecordingRunner runner;
            const LogCapture log;
            const auto result = runner.run({.argv = {"umount", "/srv"}}, log.logger());
            EXPECT_EQ(result.exit_code, 127);
        },
        "unscripted command: umount /srv");
}

}  // namespace
}  // namespace svcagent::testing
