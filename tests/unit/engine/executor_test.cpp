#include "engine/executor.hpp"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <svcagent/probe_cache.hpp>

#include "engine/frozen.hpp"
#include "engine/monitor_file.hpp"
#include "support/log_capture.hpp"
#include "support/recording_runner.hpp"
#include "support/temp_dir.hpp"
#include "unit/engine/fake_resource.hpp"

namespace svcagent::engine {
namespace {

using testing::FakeResource;

class Engine : public ::testing::Test {
protected:
    Engine() {
        node.nodename = "node1";
        node.paths = Paths::relocated(tmp.path());
        graph.service = "svc1";
        graph.nodes = {"node1"};
    }

    FakeResource& add(const std::string& rid, const std::string& type = "fs.flag", const std::string& subset = "") {
        ResourceNode n;
        n.rid = rid;
        n.type = type;
        n.group = type.substr(0, type.find('.'));
        n.subset = subset;
        n.mnt = "/" + rid;
        auto impl = std::make_unique<FakeResource>(rid, journal);
        auto& ref = *impl;
        n.impl = std::move(impl);
        graph.resources.push_back(std::move(n));
        return ref;
    }
    ResourceNode& node_of(const std::string& rid) { return *graph.find(rid); }

    void run(const std::string& action, ActionOptions options = {}, Selection selection = {}) {
        ActionRequest request{.action = action, .selection = std::move(selection), .options = std::move(options)};
        request.waitlock = std::chrono::milliseconds{0};
        Executor executor(node, runner, probes, log.shared(), locks, ExecutorHooks{.peers = nullptr, .status = status});
        executor.run(graph, request);
    }
    std::string run_error(const std::string& action, ActionOptions options = {}, Selection selection = {}) {
        try {
            run(action, std::move(options), std::move(selection));
        } catch (const std::exception& e) {
            return e.what();
        }
        return "(no error)";
    }
    // Journal entries without the abort-phase conflict checks.
    std::vector<std::string> actions() const {
        auto entries = journal->entries();
        std::erase_if(entries, [](const std::string& e) { return e.rfind("conflict ", 0) == 0; });
        return entries;
    }
    bool logged(const std::string& text) const {
        const auto lines = log.messages();
        return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(text) != std::string::npos; });
    }

    svcagent::testing::TempDir tmp;
    NodeInfo node;
    svcagent::testing::RecordingRunner runner;
    svcagent::testing::LogCapture log{"node1.svc1"};
    ProbeCache probes{runner, log.logger()};
    LockManager locks;
    StatusRefresher* status = nullptr;
    std::shared_ptr<testing::Journal> journal = std::make_shared<testing::Journal>();
    ServiceGraph graph;
};

TEST_F(Engine, FailedStartRollsBackWhatItStartedInReverse) {
    add("fs#1");
    add("fs#2");
    add("fs#3").fail_start = true;
    EXPECT_EQ(run_error("start"), "fs#3: start failed on purpose");
    EXPECT_EQ(actions(), (std::vector<std::string>{"start fs#1", "start fs#2", "start fs#3", "stop fs#2", "stop fs#1"}));
    EXPECT_TRUE(logged("INFO trying to rollback start on fs#2, fs#1"));
    EXPECT_EQ(read_monitor(node.paths.var, "svc1").last_result, "failed");
}

TEST_F(Engine, FailedStartRollsBackOnlyWhatItStarted) {
    add("fs#1").up = true;
    add("fs#2");
    add("fs#3").fail_start = true;
    (void)run_error("start");
    EXPECT_EQ(actions(), (std::vector<std::string>{"start fs#1", "start fs#2", "start fs#3", "stop fs#2"}));
}

TEST_F(Engine, RollbackSkippedWhenNothingActivated) {
    add("fs#1").up = true;
    add("fs#2").fail_start = true;
    (void)run_error("start");
    EXPECT_TRUE(logged("skip rollback start: no resource activated"));
    EXPECT_EQ(actions(), (std::vector<std::string>{"start fs#1", "start fs#2"}));
}

TEST_F(Engine, RollbackDisabledByOptionOrDefault) {
    add("fs#1");
    add("fs#2").fail_start = true;
    (void)run_error("start", ActionOptions{.action = {}, .force = false, .confirm = false, .dry_run = false,
                                           .disable_rollback = true});
    EXPECT_TRUE(logged("skip rollback start: as instructed by --disable-rollback"));
    graph.rollback = false;
    (void)run_error("start");
    EXPECT_TRUE(logged("skip rollback start: as instructed by DEFAULT.rollback"));
    const auto done = actions();
    EXPECT_EQ(std::count(done.begin(), done.end(), "stop fs#1"), 0);
}

TEST_F(Engine, OptionalFailureIsIgnoredInSerialSet) {
    add("fs#1").fail_start = true;
    node_of("fs#1").optional = true;
    add("fs#2");
    run("start");
    EXPECT_EQ(actions(), (std::vector<std::string>{"start fs#1", "start fs#2"}));
    EXPECT_TRUE(logged("WARNING start failed on optional resource: fs#1: start failed on purpose (ignored)"));
    EXPECT_FALSE(logged("rollback"));
}

TEST_F(Engine, OptionalFailureIsIgnoredInParallelSet) {
    graph.parallel_subsets["fs:p"] = true;
    add("fs#1", "fs.flag", "p").fail_start = true;
    node_of("fs#1").optional = true;
    add("fs#2", "fs.flag", "p");
    add("fs#3", "fs.flag", "p");
    run("start");
    auto done = actions();
    std::sort(done.begin(), done.end());
    EXPECT_EQ(done, (std::vector<std::string>{"start fs#1", "start fs#2", "start fs#3"}));
    EXPECT_TRUE(logged("(ignored)"));
}

TEST_F(Engine, ParallelSetFailureListsRidsAndRunsEveryMember) {
    graph.parallel_subsets["fs:p"] = true;
    add("fs#1", "fs.flag", "p");
    add("fs#2", "fs.flag", "p").fail_start = true;
    add("fs#3", "fs.flag", "p");
    EXPECT_EQ(run_error("start"), "start failed on fs#2");
    const auto done = actions();
    EXPECT_NE(std::find(done.begin(), done.end(), "start fs#3"), done.end());
    EXPECT_TRUE(logged("trying to rollback start on"));
}

TEST_F(Engine, ConflictAbortsBeforeAnyChange) {
    add("fs#1");
    add("fs#2").conflict = "mount point busy";
    EXPECT_EQ(run_error("start"), "start aborted: fs#2: mount point busy");
    EXPECT_TRUE(actions().empty());
}

TEST_F(Engine, ConflictCheckSkipsResourcesAlreadyUp) {
    auto& r = add("fs#1");
    r.up = true;
    r.conflict = "would conflict";
    run("start");
    EXPECT_EQ(journal->entries(), (std::vector<std::string>{"start fs#1"}));
}

TEST_F(Engine, FrozenServiceRefusesWithoutForce) {
    add("fs#1");
    freeze(node.paths.var, "svc1");
    EXPECT_EQ(run_error("startfs"), "Abort action 'startfs' for frozen service. Use --force to override.");
    run("start", ActionOptions{.action = {}, .force = true});
    EXPECT_EQ(actions(), std::vector<std::string>{"start fs#1"});
}

TEST_F(Engine, FrozenBootIsSkippedSuccessfully) {
    add("fs#1");
    freeze(node.paths.var, "svc1");
    run("boot");
    EXPECT_TRUE(logged("frozen, skip boot"));
    EXPECT_TRUE(actions().empty());
}

TEST_F(Engine, RefusesOnANodeOutsideTheService) {
    graph.nodes = {"node2"};
    EXPECT_EQ(run_error("start"), "this node (node1) is not a node of svc1 (DEFAULT.nodes, drpnodes, encapnodes)");
}

TEST_F(Engine, PrdNodeRefusesNonPrdService) {
    add("fs#1");
    ActionRequest request{.action = "start"};
    request.node_env = "PRD";
    Executor executor(node, runner, probes, log.shared(), locks);
    EXPECT_THROW(executor.run(graph, request), ActionError);
    EXPECT_TRUE(actions().empty());
}

TEST_F(Engine, StopSkipsStandbyUnlessForced) {
    add("fs#1").up = true;
    node_of("fs#1").standby = true;
    add("fs#2").up = true;
    run("stop");
    EXPECT_EQ(actions(), std::vector<std::string>{"stop fs#2"});
    EXPECT_TRUE(logged("INFO skip stop of standby resource"));
    run("shutdown");
    EXPECT_EQ(actions(), (std::vector<std::string>{"stop fs#2", "stop fs#2", "stop fs#1"}));
}

TEST_F(Engine, RestartStopsThenStartsTheSameSelection) {
    add("fs#1").up = true;
    add("fs#2").up = true;
    run("restart", {}, Selection{.rids = {"fs#2"}, .tags = {}, .subsets = {}});
    EXPECT_EQ(actions(), (std::vector<std::string>{"stop fs#2", "start fs#2"}));
}

TEST_F(Engine, BootOnNonAutostartNodeStartsStandbyOnly) {
    add("fs#1");
    node_of("fs#1").standby = true;
    add("fs#2");
    run("boot");
    EXPECT_EQ(actions(), std::vector<std::string>{"start fs#1"});
}

TEST_F(Engine, BootOnAutostartNodeStartsEverything) {
    graph.orchestrate = "start";
    add("fs#1");
    add("fs#2");
    run("boot");
    EXPECT_EQ(actions(), (std::vector<std::string>{"start fs#1", "start fs#2"}));
    EXPECT_EQ(read_monitor(node.paths.var, "svc1").local_expect, "started");
}

TEST_F(Engine, UnprovisionNeedsConfirm) {
    add("fs#1");
    EXPECT_EQ(run_error("unprovision"), "unprovision destroys data; add --confirm to proceed");
    run("unprovision", ActionOptions{.action = {}, .force = false, .confirm = true});
    EXPECT_EQ(actions(), (std::vector<std::string>{"stop fs#1", "unprovision fs#1"}));
}

TEST_F(Engine, ProvisionRecordsStateAndStarts) {
    add("fs#1");
    run("provision");
    run("provision");
    EXPECT_EQ(actions(), (std::vector<std::string>{"provision fs#1", "start fs#1", "start fs#1"}));
    EXPECT_TRUE(logged("fs#1 already provisioned"));
}

TEST_F(Engine, MonitorRecordsExpectationOfUnscopedActionsOnly) {
    add("fs#1");
    add("fs#2");
    run("start");
    auto record = read_monitor(node.paths.var, "svc1");
    EXPECT_EQ(record.last_action, "start");
    EXPECT_EQ(record.last_result, "ok");
    EXPECT_EQ(record.local_expect, "started");
    run("stop", {}, Selection{.rids = {"fs#1"}, .tags = {}, .subsets = {}});
    EXPECT_EQ(read_monitor(node.paths.var, "svc1").local_expect, "started");
    run("stop");
    EXPECT_EQ(read_monitor(node.paths.var, "svc1").local_expect, "");
}

TEST_F(Engine, LockHoldsIntentAndRunningRidDuringTheWalk) {
    std::optional<LockHolder> seen;
    add("fs#1").on_start = [&] { seen = read_lock_holder(lock_path(node.paths.var, "svc1")); };
    run("startfs");
    ASSERT_TRUE(seen.has_value());
    EXPECT_EQ(seen->intent, "start");
    EXPECT_EQ(seen->running, std::vector<std::string>{"fs#1"});
    EXPECT_FALSE(read_lock_holder(lock_path(node.paths.var, "svc1")).has_value());
}

TEST_F(Engine, DryRunTakesNoLockAndWritesNoMonitor) {
    std::optional<LockHolder> seen{LockHolder{}};
    add("fs#1").on_start = [&] { seen = read_lock_holder(lock_path(node.paths.var, "svc1")); };
    run("start", ActionOptions{.action = {}, .force = false, .confirm = false, .dry_run = true});
    EXPECT_FALSE(seen.has_value());
    EXPECT_FALSE(std::filesystem::exists(monitor_path(node.paths.var, "svc1")));
}

TEST_F(Engine, ServiceTriggersWrapTheActionAndBlockingFailureAborts) {
    add("fs#1");
    graph.triggers.commands["pre_start"] = {"/bin/pre", "a b"};
    graph.triggers.commands["blocking_pre_start"] = {"/bin/check"};
    runner.on({"/bin/pre"}, {.exit_code = 3});
    runner.on({"/bin/check"}, {.exit_code = 1});
    EXPECT_EQ(run_error("start"), "blocking_pre_start: /bin/check blocking error [1]");
    EXPECT_TRUE(logged("WARNING pre_start: /bin/pre 'a b' non-blocking error [3]"));
    EXPECT_TRUE(actions().empty());
    const auto cmds = runner.commands();
    ASSERT_EQ(cmds.size(), 2U);
    EXPECT_EQ(cmds[0].argv, (std::vector<std::string>{"/bin/pre", "a b"}));
    const auto& env = cmds[0].env;
    EXPECT_NE(std::find(env.begin(), env.end(), std::pair<std::string, std::string>{"OPENSVC_ACTION", "start"}), env.end());
}

TEST_F(Engine, ResourceTriggerGetsRidAndShellOperatorsAreRefused) {
    add("fs#1");
    node_of("fs#1").triggers.commands["post_start"] = {"/bin/post", "x"};
    node_of("fs#1").triggers.commands["blocking_pre_start"] = {"echo", "a", "|", "wc"};
    runner.on({"/bin/post"});
    EXPECT_EQ(run_error("start"),
              "blocking_pre_start: shell operator \"|\" is not interpreted; wrap the command in sh -c '...'");
    node_of("fs#1").triggers.commands.erase("blocking_pre_start");
    run("start");
    const auto cmds = runner.commands();
    ASSERT_EQ(cmds.size(), 1U);
    const auto& env = cmds[0].env;
    EXPECT_NE(std::find(env.begin(), env.end(), std::pair<std::string, std::string>{"OPENSVC_RID", "fs#1"}), env.end());
}

TEST_F(Engine, DependencyAdditionIsLogged) {
    add("container#1", "container.docker");
    add("ip#1", "ip.netns");
    node_of("ip#1").netns = "container#1";
    run("start", {}, Selection{.rids = {"ip#1"}, .tags = {}, .subsets = {}});
    EXPECT_TRUE(logged("INFO add container#1 to satisfy dependencies"));
    EXPECT_EQ(actions(), (std::vector<std::string>{"start container#1", "start ip#1"}));
}

class FixedAvail final : public StatusRefresher {
public:
    explicit FixedAvail(Status s) : m_status(s) {}
    std::optional<Status> refresh(ServiceGraph&, spdlog::logger&) override { return m_status; }

private:
    Status m_status;
};

TEST_F(Engine, UnscopedStartChecksFinalAvail) {
    FixedAvail warn(Status::warn);
    status = &warn;
    add("fs#1");
    EXPECT_EQ(run_error("start"), "start action returned 0 but instance avail status is warn");
    EXPECT_NO_THROW(run("start", {}, Selection{.rids = {"fs#1"}, .tags = {}, .subsets = {}}));
}

}  // namespace
}  // namespace svcagent::engine
