// SPEC §10.6 provisioned state, monitor word and notices; §10.7 cluster status.

#include <gtest/gtest.h>

#include "status/aggregate.hpp"

namespace svcagent {
namespace {

ResourceState prov(std::optional<bool> state, bool disabled = false) {
    return {.rid = "fs#1", .disabled = disabled, .provisioned = state};
}

TEST(Provisioned, AllKnownProvisionedIsYesNoneKnownIsYes) {
    EXPECT_EQ(instance_provisioned(std::vector{prov(true), prov(std::nullopt)}), Provisioned::yes);
    EXPECT_EQ(instance_provisioned(std::vector{prov(std::nullopt)}), Provisioned::yes);
    EXPECT_EQ(instance_provisioned(std::vector<ResourceState>{}), Provisioned::yes);
}

TEST(Provisioned, NoneProvisionedIsNoSomeIsMixed) {
    EXPECT_EQ(instance_provisioned(std::vector{prov(false), prov(std::nullopt)}), Provisioned::no);
    EXPECT_EQ(instance_provisioned(std::vector{prov(false), prov(true)}), Provisioned::mixed);
    EXPECT_EQ(instance_provisioned(std::vector{prov(true), prov(false, true)}), Provisioned::yes);
}

TEST(MonitorWord, LockIntentBecomesAParticiple) {
    const MonitorRecord none;
    EXPECT_EQ(monitor_word(std::string("start"), none), "starting");
    EXPECT_EQ(monitor_word(std::string("stop"), none), "stopping");
    EXPECT_EQ(monitor_word(std::string("restart"), none), "restarting");
    EXPECT_EQ(monitor_word(std::string("provision"), none), "provisioning");
    EXPECT_EQ(monitor_word(std::string("unprovision"), none), "unprovisioning");
    EXPECT_EQ(monitor_word(std::string("switch"), none), "switching");
    EXPECT_EQ(monitor_word(std::string("sync_nodes"), none), "syncing");
    EXPECT_EQ(monitor_word(std::string("freeze"), none), "busy");
}

TEST(MonitorWord, FailedLastActionElseIdle) {
    EXPECT_EQ(monitor_word(std::nullopt, {.last_action = "start", .last_result = "failed"}), "start failed");
    EXPECT_EQ(monitor_word(std::nullopt, {.last_action = "start", .last_result = "ok"}), "idle");
    EXPECT_EQ(monitor_word(std::string("stop"), {.last_action = "start", .last_result = "failed"}),
              "stopping");
}

TEST(Notices, InstanceNoticesInSpecOrder) {
    InstanceStatus s;
    s.overall = Status::warn;
    s.frozen = 1732220000;
    s.provisioned = Provisioned::mixed;
    s.monitor = {.status = "idle", .local_expect = "started"};
    EXPECT_EQ(join_notices(instance_notices(s)), "warn, frozen, part-provisioned, idle, started");
    s = {};
    s.provisioned = Provisioned::no;
    EXPECT_EQ(join_notices(instance_notices(s)), "not provisioned, idle");
}

TEST(Notices, PeerNoticesAddUnreachableStaleUnknown) {
    PeerInstance p{.node = "node2"};
    EXPECT_EQ(join_notices(peer_notices(p)), "unknown");
    p.unreachable = true;
    EXPECT_EQ(join_notices(peer_notices(p)), "unreachable, unknown");
    p.data = InstanceStatus{};
    p.stale = true;
    EXPECT_EQ(join_notices(peer_notices(p)), "idle, unreachable, stale");
}

TEST(Notices, StaleAfterTenMinutes) {
    InstanceStatus s;
    s.updated = 1000;
    EXPECT_FALSE(is_stale(s, 1600));
    EXPECT_TRUE(is_stale(s, 1601));
}

ServiceView two_nodes(Status local_avail, std::optional<Status> peer_avail) {
    ServiceView v;
    v.name = "db1";
    v.nodes = {"node-1-1", "node-1-2"};
    v.local.nodename = "node-1-1";
    v.local.avail = local_avail;
    v.local.overall = local_avail;
    PeerInstance p{.node = "node-1-2"};
    if (peer_avail) {
        p.data = InstanceStatus{};
        p.data->nodename = "node-1-2";
        p.data->avail = *peer_avail;
        p.data->overall = *peer_avail;
    }
    v.peers.push_back(p);
    return v;
}

TEST(ClusterStatus, FailoverCountsInstancesUp) {
    EXPECT_EQ(cluster_status(two_nodes(Status::up, Status::down)), Status::up);
    EXPECT_EQ(cluster_status(two_nodes(Status::up, Status::up)), Status::warn);
    EXPECT_EQ(cluster_status(two_nodes(Status::down, Status::na)), Status::down);
    EXPECT_EQ(cluster_status(two_nodes(Status::na, Status::na)), Status::na);
    EXPECT_EQ(cluster_status(two_nodes(Status::na, std::nullopt)), Status::na);
    EXPECT_EQ(cluster_status(two_nodes(Status::undef, std::nullopt)), Status::undef);
}

TEST(ClusterStatus, FlexUsesMinAndMax) {
    auto v = two_nodes(Status::up, Status::up);
    v.topology = "flex";
    v.flex_min = 1;
    EXPECT_EQ(cluster_status(v), Status::up);  // flex_max 0: number of nodes
    v.flex_max = 1;
    EXPECT_EQ(cluster_status(v), Status::warn);
    v = two_nodes(Status::down, Status::down);
    v.topology = "flex";
    EXPECT_EQ(cluster_status(v), Status::down);
    v = two_nodes(Status::up, Status::down);
    v.topology = "flex";
    v.flex_min = 2;
    EXPECT_EQ(cluster_status(v), Status::warn);
}

TEST(ClusterStatus, PlacementNonOptimalWhenUpAwayFromTheLeader) {
    EXPECT_FALSE(placement_non_optimal(two_nodes(Status::up, Status::down)));
    const auto away = two_nodes(Status::down, Status::up);
    EXPECT_TRUE(placement_non_optimal(away));
    EXPECT_EQ(join_notices(service_notices(away)), "placement non-optimal");
    auto primary = away;
    primary.flex_primary = "node-1-2";
    EXPECT_FALSE(placement_non_optimal(primary));
    auto flex = away;
    flex.topology = "flex";
    EXPECT_FALSE(placement_non_optimal(flex));
}

TEST(ClusterStatus, ServiceWarnsWhenAKnownInstanceWarns) {
    auto v = two_nodes(Status::up, Status::down);
    v.peers[0].data->overall = Status::warn;
    EXPECT_EQ(join_notices(service_notices(v)), "warn");
}

}  // namespace
}  // namespace svcagent

namespace svcagent {
namespace {

TEST(CompleteInstance, FillsAggregationProvisionedRunningAndMonitor) {
    InstanceStatus s;
    s.running = {"fs#1"};
    s.resources.push_back({.rid = "fs#1", .group = "fs", .status = Status::up, .provisioned = true});
    s.resources.push_back({.rid = "fs#2", .group = "fs", .status = Status::down, .provisioned = false});
    complete_instance(s, std::string("start"), {.last_action = "stop", .local_expect = "started"});
    EXPECT_EQ(s.avail, Status::warn);
    EXPECT_EQ(s.provisioned, Provisioned::mixed);
    EXPECT_TRUE(s.resources[0].running);
    EXPECT_FALSE(s.resources[1].running);
    EXPECT_EQ(tree_flags(s.resources[0]), "R.......");
    EXPECT_EQ(s.monitor.status, "starting");
    EXPECT_EQ(s.monitor.local_expect, "started");
}

}  // namespace
}  // namespace svcagent
