// Driver tests for app.forking / app.simple (drivers/app) and fs.flag (drivers/fs), kept with
// the engine tests that own these drivers.

#include "app/app_resource.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <thread>

#include <gtest/gtest.h>

#include <svcagent/probe_cache.hpp>

#include "fs/flag_resource.hpp"
#include "support/log_capture.hpp"
#include "support/recording_runner.hpp"
#include "support/temp_dir.hpp"

namespace svcagent::drivers {
namespace {

using svcagent::testing::LogCapture;
using svcagent::testing::RecordingRunner;
using svcagent::testing::TempDir;
using Env = std::vector<std::pair<std::string, std::string>>;

class Driver : public ::testing::Test {
protected:
    Driver() {
        node.nodename = "node1";
        node.paths = Paths::relocated(tmp.path());
        script = tmp.write("etc/svc1.d/web", "#!/bin/sh\nexit 0\n");
        std::filesystem::permissions(script, std::filesystem::perms::owner_all);
    }
    ActionContext ctx() { return ActionContext{node, runner, probes, log.logger(), options}; }
    app::AppConfig config(std::string type = "forking") {
        app::AppConfig c;
        c.service = "svc1";
        c.rid = "app#1";
        c.type = std::move(type);
        c.script = "web";
        c.start = "true";
        c.stop = "true";
        c.check = "true";
        c.label_dir = tmp.path() / "etc/svc1.d";
        return c;
    }
    bool logged(const std::string& text) const {
        const auto lines = log.messages();
        return std::any_of(lines.begin(), lines.end(), [&](const auto& l) { return l.find(text) != std::string::npos; });
    }

    TempDir tmp;
    NodeInfo node;
    RecordingRunner runner;
    LogCapture log{"node1.svc1.app#1"};
    ProbeCache probes{runner, log.logger()};
    ActionOptions options{.action = "start"};
    std::filesystem::path script;
};

TEST_F(Driver, AppCommandWordsFollowTheKeywordForms) {
    EXPECT_EQ(app::command_words("true", "web", "start"), (std::vector<std::string>{"web", "start"}));
    EXPECT_EQ(app::command_words("10", "web", "stop"), (std::vector<std::string>{"web", "stop"}));
    EXPECT_FALSE(app::command_words("false", "web", "start").has_value());
    EXPECT_FALSE(app::command_words(std::nullopt, "web", "start").has_value());
    EXPECT_EQ(app::command_words("sh -c 'echo a; rm -rf /'", std::nullopt, "start"),
              (std::vector<std::string>{"sh", "-c", "echo a; rm -rf /"}));
    EXPECT_EQ(app::command_words(R"x(/bin/echo "$(reboot)" a\ b)x", std::nullopt, "start"),
              (std::vector<std::string>{"/bin/echo", "$(reboot)", "a b"}));
    EXPECT_THROW((void)app::split_shlex("echo 'open"), std::invalid_argument);
}

TEST_F(Driver, ForkingStartChecksThenRunsScriptWithEnvironment) {
    app::AppResource res(config());
    runner.on({script.string(), "status"}, {.exit_code = 1});
    runner.on({script.string(), "start"});
    auto c = ctx();
    EXPECT_TRUE(res.start(c));
    const auto cmds = runner.commands();
    ASSERT_EQ(cmds.size(), 2U);
    EXPECT_EQ(cmds[0].argv, (std::vector<std::string>{script.string(), "status"}));
    EXPECT_EQ(cmds[0].effect, Effect::probe);
    EXPECT_EQ(cmds[1].argv, (std::vector<std::string>{script.string(), "start"}));
    EXPECT_EQ(cmds[1].effect, Effect::changes_state);
    EXPECT_EQ(cmds[1].cwd, std::filesystem::path("/"));
    for (const auto& kv : Env{{"OPENSVC_SVCNAME", "svc1"}, {"OPENSVC_ACTION", "start"}, {"OPENSVC_RID", "app#1"},
                              {"USER", "root"}, {"LOGNAME", "root"}}) {
        EXPECT_NE(std::find(cmds[1].env.begin(), cmds[1].env.end(), kv), cmds[1].env.end()) << kv.first;
    }
    EXPECT_TRUE(logged("INFO exec " + script.string() + " start as user root"));
    EXPECT_TRUE(logged("- ret 0"));
}

TEST_F(Driver, ForkingStartOfARunningAppChangesNothing) {
    app::AppResource res(config());
    runner.on({script.string(), "status"});
    auto c = ctx();
    EXPECT_FALSE(res.start(c));
    EXPECT_EQ(runner.commands().size(), 1U);
    EXPECT_TRUE(logged("forking " + script.string() + " is already started"));
}

TEST_F(Driver, ForkingStartFailureReportsExitCode) {
    app::AppResource res(config());
    runner.on({script.string(), "status"}, {.exit_code = 1});
    runner.on({script.string(), "start"}, {.exit_code = 4});
    auto c = ctx();
    EXPECT_THROW(
        {
            try {
                (void)res.start(c);
            } catch (const ResourceError& e) {
                EXPECT_STREQ(e.what(), "app#1: exit code 4");
                throw;
            }
        },
        ResourceError);
}

TEST_F(Driver, ForkingStopFailureIsAnError) {
    app::AppResource res(config());
    runner.on({script.string(), "status"});
    runner.on({script.string(), "stop"}, {.exit_code = 2});
    auto c = ctx();
    EXPECT_THROW((void)res.stop(c), ResourceError);
}

TEST_F(Driver, ForkingStopOfAStoppedAppChangesNothing) {
    app::AppResource res(config());
    runner.on({script.string(), "status"}, {.exit_code = 1});
    auto c = ctx();
    EXPECT_FALSE(res.stop(c));
    EXPECT_TRUE(logged("is already stopped"));
}

TEST_F(Driver, CheckExitCodesMapToStatus) {
    app::AppResource res(config());
    auto c = ctx();
    runner.on_sequence({script.string(), "status"},
                       {{.exit_code = 0}, {.exit_code = 1}, {.exit_code = 3}, {.exit_code = -1, .out = {}, .err = {}, .timed_out = true}});
    EXPECT_EQ(res.status(c).status, Status::up);
    EXPECT_EQ(res.status(c).status, Status::down);
    const auto errors = res.status(c);
    EXPECT_EQ(errors.status, Status::warn);
    ASSERT_FALSE(errors.log.empty());
    EXPECT_EQ(errors.log.back().message, "check reports errors (3)");
    const auto timeout = res.status(c);
    EXPECT_EQ(timeout.status, Status::warn);
    EXPECT_EQ(timeout.log.back().message, "check timed out");
}

TEST_F(Driver, NoCheckGivesNotApplicable) {
    auto cfg = config();
    cfg.check.reset();
    app::AppResource res(cfg);
    auto c = ctx();
    const auto report = res.status(c);
    EXPECT_EQ(report.status, Status::na);
    EXPECT_EQ(report.log.at(0).message, "check is not set");
}

TEST_F(Driver, MissingOrNonExecutableScriptIsReported) {
    auto cfg = config();
    cfg.script = "absent";
    app::AppResource missing(cfg);
    auto c = ctx();
    EXPECT_THROW((void)missing.start(c), ResourceError);
    tmp.write("etc/svc1.d/plain", "data");
    cfg.script = "plain";
    app::AppResource plain(cfg);
    try {
        (void)plain.resolve(node, "start");
        FAIL();
    } catch (const ResourceError& e) {
        EXPECT_EQ(std::string(e.what()), "app#1: " + (tmp.path() / "etc/svc1.d/plain").string() + " is not executable");
    }
}

TEST_F(Driver, StatusOverrideRules) {
    EXPECT_EQ(app::app_status_override(Status::down, std::nullopt)->log.at(0).message, "not evaluated (instance not up)");
    EXPECT_EQ(app::app_status_override(Status::up, std::string("start"))->log.at(0).message, "start in progress");
    EXPECT_FALSE(app::app_status_override(Status::na, std::nullopt).has_value());
    EXPECT_FALSE(app::app_status_override(std::nullopt, std::nullopt).has_value());
}

TEST_F(Driver, SimpleAppIsDetachedAndStoppedBySignal) {
    auto cfg = config("simple");
    cfg.script.reset();
    cfg.start = "/bin/sleep 30";
    cfg.stop.reset();
    cfg.check.reset();
    app::AppResource res(cfg);
    auto c = ctx();
    EXPECT_EQ(res.status(c).status, Status::down);
    EXPECT_TRUE(res.start(c));
    EXPECT_EQ(res.status(c).status, Status::up);
    EXPECT_FALSE(res.start(c));
    EXPECT_TRUE(res.stop(c));
    EXPECT_EQ(res.status(c).status, Status::down);
    EXPECT_TRUE(std::filesystem::exists(node.paths.log / "svc1.app#1.out"));
}

TEST_F(Driver, SimpleAppExitingWithErrorFailsTheStart) {
    auto cfg = config("simple");
    cfg.script.reset();
    cfg.start = "/bin/false";
    cfg.check.reset();
    cfg.stop.reset();
    app::AppResource res(cfg);
    auto c = ctx();
    EXPECT_THROW((void)res.start(c), ResourceError);
}

TEST_F(Driver, MakeAppReadsKeywords) {
    ResolvedSection section;
    section.service = "svc1";
    section.rid = "app#1";
    section.group = "app";
    section.type = "forking";
    section.where = Origin{(tmp.path() / "etc/svc1.conf").string(), 3};
    section.values["script"] = Value{.data = std::string("web"), .text = "web", .where = {}, .is_set = true};
    section.values["start"] = Value{.data = std::string("10"), .text = "10", .where = {}, .is_set = true};
    section.values["timeout"] = Value{.data = std::int64_t{30}, .text = "30s", .where = {}, .is_set = true};
    section.values["environment"] =
        Value{.data = std::vector<std::string>{"A=1"}, .text = "A=1", .where = {}, .is_set = true};
    const auto res = app::make_app(section);
    const auto& app = dynamic_cast<const app::AppResource&>(*res);
    EXPECT_EQ(app.config().start_timeout, std::chrono::seconds{30});
    EXPECT_EQ(app.config().check_timeout, std::chrono::seconds{60});
    EXPECT_EQ(app.label(), "forking " + script.string());
    const auto env = app.child_env(options, "start");
    EXPECT_NE(std::find(env.begin(), env.end(), std::pair<std::string, std::string>{"A", "1"}), env.end());
}

TEST_F(Driver, FlagStartCreatesFileOnceAndStopRemovesIt) {
    fs::FlagResource flag("svc1", "fs#1");
    auto c = ctx();
    const auto file = node.paths.flag / "svc1" / "fs#1.flag";
    EXPECT_EQ(flag.path(node), file);
    EXPECT_EQ(flag.status(c).status, Status::down);
    EXPECT_TRUE(flag.start(c));
    EXPECT_TRUE(std::filesystem::exists(file));
    struct stat st {};
    ASSERT_EQ(::stat(file.parent_path().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777U, 0700U);
    EXPECT_EQ(flag.status(c).status, Status::up);
    EXPECT_FALSE(flag.start(c));
    EXPECT_TRUE(logged("fs.flag is already up"));
    EXPECT_TRUE(flag.stop(c));
    EXPECT_FALSE(std::filesystem::exists(file));
    EXPECT_FALSE(flag.stop(c));
    EXPECT_TRUE(logged("fs.flag is already down"));
    EXPECT_TRUE(runner.commands().empty());
}

TEST_F(Driver, FlagDryRunChangesNothing) {
    fs::FlagResource flag("svc1", "fs#1");
    options.dry_run = true;
    auto c = ctx();
    EXPECT_FALSE(flag.start(c));
    EXPECT_FALSE(std::filesystem::exists(flag.path(node)));
}

}  // namespace
}  // namespace svcagent::drivers
