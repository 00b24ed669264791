// SPEC §10.9: instance status to and from JSON.

#include "status/status_json.hpp"

#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

namespace svcagent {
namespace {

// The db1 instance of the SPEC §10.9 example, built by hand.
InstanceStatus db1_example() {
    InstanceStatus s;
    s.name = "db1";
    s.nodename = "node-1-1";
    s.updated = 1732221360.512;
    s.provisioned = Provisioned::yes;
    s.csum = "5b2f0e4c2d1a9f6e3c8b7a6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f";
    s.config_mtime = 1732220000.0;
    s.config_path = "/etc/opensvc/db1.conf";
    s.monitor = {.status = "idle", .local_expect = "started"};
    // Engine order differs from the natural rid order on purpose.
    s.resources.push_back({.rid = "sync#i0",
                           .group = "sync",
                           .type = "sync.rsync",
                           .label = "rsync svc config to nodes",
                           .status = Status::up});
    s.resources.push_back(
        {.rid = "fs#1",
         .group = "fs",
         .type = "fs.xfs",
         .label = "xfs /dev/db1/data@/srv/db1/data",
         .status = Status::up,
         .info = {{"dev", "/dev/db1/data"}, {"mnt", "/srv/db1/data"}, {"source", "/dev/mapper/db1-data"}},
         .provisioned = true,
         .provisioned_mtime = 1732220104.9});
    s.resources.push_back({.rid = "disk#0",
                           .group = "disk",
                           .type = "disk.vg",
                           .label = "vg db1",
                           .status = Status::up,
                           .info = {{"tags", {"node-1-1"}}},
                           .provisioned = true,
                           .provisioned_mtime = 1732220101.3});
    apply_aggregation(s);
    s.status_group[0].status = Status::up;  // ip and container: the example is abridged
    s.status_group[3].status = Status::up;
    return s;
}

nlohmann::ordered_json spec_example() {
    std::ifstream in(std::string(SVCAGENT_FIXTURES_DIR) + "/status/db1_example.json");
    return nlohmann::ordered_json::parse(in);
}

std::vector<std::string> keys(const nlohmann::ordered_json& j) {
    std::vector<std::string> out;
    for (const auto& item : j.items()) {
        out.push_back(item.key());
    }
    return out;
}

TEST(StatusJson, ReproducesTheSpecExampleWithMembersInTableOrder) {
    const auto expected = spec_example();
    const auto actual = instance_to_json(db1_example());
    EXPECT_EQ(keys(actual), keys(expected));
    EXPECT_EQ(keys(actual["resources"]), keys(expected["resources"]));
    for (const auto& [rid, r] : expected["resources"].items()) {
        EXPECT_EQ(keys(actual["resources"][rid]), keys(r)) << rid;
    }
    EXPECT_EQ(actual.dump(), expected.dump());
}

TEST(StatusJson, OptionalMembersOnlyWhenNotDefault) {
    InstanceStatus s;
    s.orchestrate = "ha";
    s.priority = 50;
    s.drp = true;
    s.frozen = 1732220000.5;
    s.provisioned = Provisioned::mixed;
    const auto j = instance_to_json(s);
    EXPECT_EQ(j["orchestrate"], "ha");
    EXPECT_EQ(j["priority"], 50);
    EXPECT_EQ(j["drp"], true);
    EXPECT_EQ(j["frozen"], 1732220000.5);
    EXPECT_EQ(j["provisioned"], "mixed");
    const auto plain = instance_to_json(InstanceStatus{});
    EXPECT_FALSE(plain.contains("orchestrate"));
    EXPECT_FALSE(plain.contains("priority"));
    EXPECT_FALSE(plain.contains("drp"));
    EXPECT_EQ(plain["frozen"].dump(), "0");
}

TEST(StatusJson, ResourceMembersOnlyWhenTrueOrNonEmpty) {
    const ResourceState r{.rid = "app#1",
                          .group = "app",
                          .type = "app.forking",
                          .label = "web",
                          .status = Status::stdby_down,
                          .log = {{"warn", "pid file missing"}},
                          .disabled = true,
                          .optional = true,
                          .encap = true,
                          .standby = true,
                          .monitor = true,
                          .restart = 2,
                          .provisioned = false,
                          .subset = "web",
                          .tags = {"zeta", "alpha"},
                          .unsupported = true};
    const auto j = resource_to_json(r);
    EXPECT_EQ(j.dump(), R"({"type":"app.forking","status":"stdby down","label":"web",)"
                        R"("provisioned":{"state":false},"disable":true,"standby":true,"optional":true,)"
                        R"("encap":true,"monitor":true,"restart":2,"subset":"web","tags":["alpha","zeta"],)"
                        R"("log":["warn: pid file missing"],"unsupported":true})");
    const ResourceState plain{
        .rid = "fs#1", .group = "fs", .type = "fs.ext4", .label = "x", .status = Status::up};
    EXPECT_EQ(resource_to_json(plain).dump(), R"({"type":"fs.ext4","status":"up","label":"x"})");
}

TEST(StatusJson, FromJsonReadsWhatToJsonWrites) {
    InstanceStatus s = db1_example();
    s.frozen = 12.5;
    s.drp = true;
    s.orchestrate = "ha";
    s.subsets = {{.group = "disk", .name = "cge", .parallel = true}};
    s.running = {"fs#1"};
    s.resources[0].log = {{"warn", "node2 need update: now"}};
    s.resources[0].tags = {"a", "b"};
    const auto text = instance_to_json(s).dump(2);
    const InstanceStatus back = instance_from_json_text(text);
    EXPECT_EQ(instance_to_json(back).dump(2), text);
    ASSERT_EQ(back.resources.size(), 3U);
    EXPECT_EQ(back.resources[0].rid, "disk#0");
    EXPECT_EQ(back.resources[0].group, "disk");
    EXPECT_TRUE(back.resources[1].running);
    EXPECT_EQ(back.resources[2].log[0].level, "warn");
    EXPECT_EQ(back.resources[2].log[0].message, "node2 need update: now");
    EXPECT_EQ(back.overall, Status::up);
    EXPECT_EQ(back.subsets[0].name, "cge");
}

TEST(StatusJson, FromJsonToleratesMissingAndForeignMembers) {
    const auto s = instance_from_json_text(
        R"({"name": "db1", "avail": "bogus", "overall": "warn", "frozen": "x",
            "resources": {"fs#1": {"status": "down"}, "ip#0": 3}, "extra": [1]})");
    EXPECT_EQ(s.name, "db1");
    EXPECT_EQ(s.avail, Status::na);
    EXPECT_EQ(s.overall, Status::warn);
    EXPECT_EQ(s.frozen, 0);
    EXPECT_EQ(s.monitor.status, "idle");
    ASSERT_EQ(s.resources.size(), 2U);
    EXPECT_EQ(s.resources[0].rid, "fs#1");
    EXPECT_EQ(s.resources[0].status, Status::down);
    EXPECT_EQ(s.resources[1].group, "ip");
    EXPECT_THROW((void)instance_from_json(nlohmann::json::array()), std::invalid_argument);
    EXPECT_THROW((void)instance_from_json_text("{"), nlohmann::json::parse_error);
}

TEST(StatusJson, MonitorRecordRoundTrips) {
    const MonitorRecord r{
        .last_action = "start", .last_result = "failed", .last_time = 17.5, .local_expect = "started"};
    const auto j = monitor_record_to_json(r);
    EXPECT_EQ(j.dump(),
              R"({"last_action":"start","last_result":"failed","last_time":17.5,"local_expect":"started"})");
    const auto back = monitor_record_from_json(nlohmann::json::parse(j.dump()));
    EXPECT_EQ(back.last_action, "start");
    EXPECT_EQ(back.last_result, "failed");
    EXPECT_EQ(back.last_time, 17.5);
    EXPECT_EQ(back.local_expect, "started");
}

}  // namespace
}  // namespace svcagent
