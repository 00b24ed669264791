#include "exec/dry_run_runner.hpp"

#include <gtest/gtest.h>

#include "support/log_capture.hpp"
#include "support/recording_runner.hpp"

namespace svcagent::exec {
namespace {

using svcagent::testing::LogCapture;
using svcagent::testing::RecordingRunner;

TEST(DryRunRunner, RunsProbesThroughTheInnerRunner) {
    RecordingRunner inner;
    inner.on({"lvm", "fullreport"}, {.exit_code = 0, .out = "{}"});
    DryRunRunner dry{inner};
    const LogCapture log;
    const auto result = dry.run({.argv = {"lvm", "fullreport"}, .effect = Effect::probe}, log.logger());
    EXPECT_EQ(result.out, "{}");
    EXPECT_EQ(inner.count({"lvm"}), 1U);
}

TEST(DryRunRunner, LogsStateChangingCommandAndAnswersExitZero) {
    RecordingRunner inner;  // any call would fail the test: nothing is scripted
    DryRunRunner dry{inner};
    const LogCapture log;
    const auto result = dry.run({.argv = {"vgchange", "-a", "y", "db 1"}}, log.logger());
    EXPECT_TRUE(result.ok());
    EXPECT_TRUE(result.out.empty());
    EXPECT_TRUE(inner.commands().empty());
    EXPECT_EQ(log.messages(), (std::vector<std::string>{"INFO would run: vgchange -a y 'db 1'"}));
}

}  // namespace
}  // namespace svcagent::exec
