// SPEC §10.4 aggregation vectors (tests/fixtures/status/aggregation.json), §10.2 helpers, §10.5 flags.

#include "status/aggregate.hpp"

#include <gtest/gtest.h>

#include "vectors.hpp"

namespace svcagent {
namespace {

ResourceState resource_from_vector(const nlohmann::json& v, std::size_t index) {
    ResourceState r;
    r.rid = v.value("rid", "fs#" + std::to_string(index));
    r.group = v.value("group", "fs");
    r.status = test::vector_status(v.at("status").get<std::string>());
    r.optional = v.value("optional", false);
    r.disabled = v.value("disabled", false);
    r.encap = v.value("encap", false);
    r.unsupported = v.value("unsupported", false);
    for (const auto& l : v.value("log", nlohmann::json::array())) {
        r.log.push_back({l.at("level").get<std::string>(), l.at("message").get<std::string>()});
    }
    return r;
}

class Aggregation : public ::testing::TestWithParam<nlohmann::json> {};

TEST_P(Aggregation, GivesTheSpecValues) {
    const auto& v = GetParam();
    std::vector<ResourceState> resources;
    for (const auto& r : v.at("resources")) {
        resources.push_back(resource_from_vector(r, resources.size()));
    }
    const auto agg = aggregate(resources);
    EXPECT_EQ(to_text(agg.avail), to_text(test::vector_status(v.at("avail").get<std::string>())));
    EXPECT_EQ(agg.avail, test::vector_status(v.at("avail").get<std::string>()));
    if (v.contains("optional")) {
        EXPECT_EQ(agg.optional, test::vector_status(v.at("optional").get<std::string>()));
    }
    if (v.contains("overall")) {
        EXPECT_EQ(agg.overall, test::vector_status(v.at("overall").get<std::string>()));
    }
    ASSERT_EQ(agg.groups.size(), k_status_groups.size());
    const auto groups = v.value("groups", nlohmann::json::object());
    for (const auto& [group, expected] : groups.items()) {
        const auto rank = group_rank(group);
        ASSERT_LT(rank, agg.groups.size());
        EXPECT_EQ(agg.groups[rank].group, group);
        EXPECT_EQ(agg.groups[rank].status, test::vector_status(expected.get<std::string>())) << group;
    }
}

INSTANTIATE_TEST_SUITE_P(Spec, Aggregation,
                         ::testing::ValuesIn(test::load_status_vectors("aggregation.json")),
                         [](const auto& p) { return test::vector_name(p.param); });

TEST(Aggregation, ApplyFillsTheInstanceInGroupOrder) {
    InstanceStatus instance;
    instance.resources.push_back({.rid = "sync#i0", .group = "sync", .status = Status::up});
    instance.resources.push_back({.rid = "ip#0", .group = "ip", .status = Status::up});
    apply_aggregation(instance);
    EXPECT_EQ(instance.avail, Status::up);
    EXPECT_EQ(instance.optional, Status::na);
    EXPECT_EQ(instance.overall, Status::up);
    ASSERT_EQ(instance.status_group.size(), 6U);
    EXPECT_EQ(instance.status_group.front().group, "ip");
    EXPECT_EQ(instance.status_group.back().group, "sync");
}

TEST(ResourceStatus, StandbyMapsUpAndDownOnly) {
    EXPECT_EQ(standby_status(Status::up, true), Status::stdby_up);
    EXPECT_EQ(standby_status(Status::down, true), Status::stdby_down);
    EXPECT_EQ(standby_status(Status::warn, true), Status::warn);
    EXPECT_EQ(standby_status(Status::up, false), Status::up);
}

TEST(ResourceStatus, DriverIsNotAskedForDisabledEncapUnsupportedOrNostatus) {
    EXPECT_FALSE(status_skips_driver({.rid = "fs#1"}));
    EXPECT_TRUE(status_skips_driver({.rid = "fs#1", .disabled = true}));
    EXPECT_TRUE(status_skips_driver({.rid = "fs#1", .encap = true}));
    EXPECT_TRUE(status_skips_driver({.rid = "fs#1", .unsupported = true}));
    EXPECT_TRUE(status_skips_driver({.rid = "fs#1", .tags = {"a", "nostatus"}}));
}

TEST(Flags, TreeFlagsOfTheSpecExamples) {
    EXPECT_EQ(tree_flags({.rid = "fs#1", .provisioned = true}), "........");
    EXPECT_EQ(tree_flags({.rid = "sync#i0", .group = "sync"}), "...O./..");
    EXPECT_EQ(tree_flags({.rid = "disk#1", .standby = true, .provisioned = true}), "......S.");
    EXPECT_EQ(tree_flags({.rid = "app#1", .monitor = true, .restart = 2, .provisioned = false}), ".M...P.2");
    EXPECT_EQ(tree_flags({.rid = "app#0", .disabled = true}), "..D../..");
}

TEST(Flags, TreeFlagsRunningEncapAndRestartBounds) {
    EXPECT_EQ(tree_flags({.rid = "a", .encap = true, .restart = 10, .provisioned = true, .running = true}),
              "R...E..+");
    EXPECT_EQ(tree_flags({.rid = "a", .restart = 9, .provisioned = true}), ".......9");
    EXPECT_EQ(tree_flags({.rid = "a", .restart = -1, .provisioned = true}), "........");
}

TEST(Flags, ClassicFlagsAreMonitorDisabledOptionalEncap) {
    EXPECT_EQ(classic_flags({.rid = "sync#i0", .group = "sync"}), "..O.");
    EXPECT_EQ(classic_flags({.rid = "a", .disabled = true, .optional = true, .encap = true, .monitor = true}),
              "MDOE");
    EXPECT_EQ(classic_flags({.rid = "a", .standby = true, .restart = 3}), "....");
}

TEST(NaturalOrder, ComparesDigitRunsAsNumbers) {
    EXPECT_TRUE(natural_less("fs#2", "fs#10"));
    EXPECT_FALSE(natural_less("fs#10", "fs#2"));
    EXPECT_TRUE(natural_less("ip#01db", "ip#01dbg"));
    EXPECT_TRUE(natural_less("ip#01smg", "ip#02db"));
    EXPECT_TRUE(natural_less("sync#i0", "sync#i1"));
    EXPECT_FALSE(natural_less("fs#1", "fs#1"));
    EXPECT_TRUE(natural_less("fs#01", "fs#1"));
}

}  // namespace
}  // namespace svcagent
