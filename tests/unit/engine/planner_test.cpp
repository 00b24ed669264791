#include "engine/planner.hpp"

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "unit/engine/fake_resource.hpp"

namespace svcagent::engine {
namespace {

std::vector<nlohmann::json> load_vectors() {
    std::ifstream in(SVCAGENT_FIXTURES_DIR "/engine/plan.json");
    const auto all = nlohmann::json::parse(in);
    return {all.begin(), all.end()};
}

std::string str(const nlohmann::json& j, const char* key) { return j.value(key, std::string{}); }

ServiceGraph graph_from(const nlohmann::json& vector) {
    ServiceGraph graph;
    graph.service = "svc1";
    auto journal = std::make_shared<testing::Journal>();
    for (const auto& r : vector["resources"]) {
        ResourceNode node;
        node.rid = r["rid"].get<std::string>();
        node.type = r["type"].get<std::string>();
        node.group = r.contains("group") ? r["group"].get<std::string>() : node.type.substr(0, node.type.find('.'));
        node.subset = str(r, "subset");
        node.vg_name = str(r, "vg_name");
        node.lv_vg = str(r, "lv_vg");
        node.mnt = str(r, "mnt");
        node.netns = str(r, "netns");
        node.standby = r.value("standby", false);
        node.disabled = r.value("disabled", false);
        node.encap = r.value("encap", false);
        node.unsupported = r.value("unsupported", false);
        if (r.contains("app_sequence")) {
            node.app_sequence = r["app_sequence"].get<std::int64_t>();
        }
        for (const auto& tag : r.value("tags", nlohmann::json::array())) {
            node.tags.insert(tag.get<std::string>());
        }
        if (!node.unsupported) {
            node.impl = std::make_unique<testing::FakeResource>(node.rid, journal);
        }
        graph.resources.push_back(std::move(node));
    }
    const auto parallel = vector.value("parallel", nlohmann::json::object());
    for (const auto& [key, value] : parallel.items()) {
        graph.parallel_subsets[key] = value.get<bool>();
    }
    return graph;
}

std::vector<std::string> rids_of(const ServiceGraph& graph, const std::vector<std::size_t>& nodes) {
    std::vector<std::string> out;
    for (const auto i : nodes) {
        out.push_back(graph.resources[i].rid);
    }
    return out;
}

class PlanVector : public ::testing::TestWithParam<nlohmann::json> {};

TEST_P(PlanVector, MatchesSpec) {
    const auto& v = GetParam();
    const auto graph = graph_from(v);
    const Selection selection{.rids = parse_list(str(v, "rid")), .tags = str(v, "tags"),
                              .subsets = parse_list(str(v, "subsets"))};
    const PlanOptions options{.force = v.value("force", false)};
    if (v.contains("error")) {
        try {
            (void)make_plan(graph, str(v, "action"), selection, options);
            FAIL() << "expected an error";
        } catch (const ActionError& e) {
            EXPECT_EQ(e.what(), v["error"].get<std::string>());
        }
        return;
    }
    const auto plan = make_plan(graph, str(v, "action"), selection, options);
    EXPECT_EQ(rids_of(graph, plan.nodes()), v["expect"].get<std::vector<std::string>>());
    if (v.contains("added")) {
        EXPECT_EQ(plan.added, v["added"].get<std::vector<std::string>>());
    }
    if (v.contains("skipped")) {
        std::vector<std::size_t> skipped;
        for (const auto& s : plan.skipped) {
            skipped.push_back(s.node);
        }
        EXPECT_EQ(rids_of(graph, skipped), v["skipped"].get<std::vector<std::string>>());
    }
    if (v.contains("sets")) {
        ASSERT_EQ(plan.sets.size(), v["sets"].size());
        for (std::size_t i = 0; i < plan.sets.size(); ++i) {
            const auto& expect = v["sets"][i];
            EXPECT_EQ(plan.sets[i].subset, expect["subset"].get<std::string>());
            EXPECT_EQ(plan.sets[i].parallel, expect["parallel"].get<bool>());
            std::vector<std::size_t> nodes;
            for (const auto& step : plan.sets[i].steps) {
                nodes.push_back(step.node);
            }
            EXPECT_EQ(rids_of(graph, nodes), expect["rids"].get<std::vector<std::string>>());
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Planner, PlanVector, ::testing::ValuesIn(load_vectors()),
                         [](const auto& vector_info) { return vector_info.param["id"].template get<std::string>(); });

TEST(Planner, ParallelMembersWaitForTheirDependencies) {
    const auto graph = graph_from(nlohmann::json::parse(R"({"resources": [
        {"rid": "disk#1", "type": "disk.lv", "lv_vg": "data", "subset": "p"},
        {"rid": "disk#2", "type": "disk.vg", "vg_name": "data", "subset": "p"},
        {"rid": "disk#3", "type": "disk.vg", "vg_name": "other", "subset": "p"}]})"));
    const auto start = make_plan(graph, "start", {});
    ASSERT_EQ(start.sets.size(), 1U);
    const auto& steps = start.sets[0].steps;  // disk#2, disk#1, disk#3
    EXPECT_EQ(graph.resources[steps[1].node].rid, "disk#1");
    EXPECT_EQ(steps[1].after, std::vector<std::size_t>{0});
    EXPECT_TRUE(steps[2].after.empty());
    const auto stop = make_plan(graph, "stop", {});
    const auto& rsteps = stop.sets[0].steps;  // disk#3, disk#1, disk#2: the vg waits for its lv
    EXPECT_EQ(graph.resources[rsteps[2].node].rid, "disk#2");
    EXPECT_EQ(rsteps[2].after, std::vector<std::size_t>{1});
}

TEST(Planner, UnscopedPlanOnEmptyServiceIsNotAnError) {
    const ServiceGraph graph;
    EXPECT_TRUE(make_plan(graph, "start", {}).sets.empty());
}

TEST(Planner, StandbySkipSaysWhy) {
    const auto graph = graph_from(nlohmann::json::parse(
        R"({"resources": [{"rid": "fs#1", "type": "fs.ext4", "mnt": "/1", "standby": true}]})"));
    const auto plan = make_plan(graph, "stop", {});
    ASSERT_EQ(plan.skipped.size(), 1U);
    EXPECT_EQ(plan.skipped[0].message, "skip stop of standby resource");
    EXPECT_EQ(plan.skipped[0].level, PlanSkip::Level::info);
}

TEST(Planner, UnsupportedDriverWarnsWithTheSpecText) {
    const auto graph = graph_from(nlohmann::json::parse(
        R"({"resources": [{"rid": "fs#1", "type": "fs.zfs", "unsupported": true}]})"));
    const auto plan = make_plan(graph, "start", {});
    ASSERT_EQ(plan.skipped.size(), 1U);
    EXPECT_EQ(plan.skipped[0].message, "driver fs.zfs is not supported; fs#1 skipped");
    EXPECT_EQ(plan.skipped[0].level, PlanSkip::Level::warning);
}

TEST(Planner, ResolvesShortcutsAndTriggerActions) {
    EXPECT_EQ(resolve_action("stopcontainer")->walk, "stop");
    EXPECT_EQ(resolve_action("startfs")->forced_rids, (std::vector<std::string>{"disk", "fs"}));
    EXPECT_FALSE(resolve_action("restart").has_value());
    EXPECT_EQ(trigger_action("startstandby"), "start");
    EXPECT_EQ(trigger_action("shutdown"), "stop");
    EXPECT_EQ(trigger_action("provision"), "provision");
}

}  // namespace
}  // namespace svcagent::engine
