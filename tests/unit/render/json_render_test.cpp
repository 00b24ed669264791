// SPEC §11.3: --format json.

#include <gtest/gtest.h>

#include "example_views.hpp"
#include "render/json.hpp"
#include "status/status_json.hpp"

namespace svcagent::render {
namespace {

TEST(JsonRender, OneServiceIsItsInstanceWithTwoSpaceIndent) {
    const auto view = test::db1_view();
    const auto out = render_json(view.local);
    EXPECT_EQ(out, instance_to_json(view.local).dump(2) + "\n");
    EXPECT_EQ(out.substr(0, 36), "{\n  \"name\": \"db1\",\n  \"nodename\": \"no");
}

TEST(JsonRender, SeveralServicesAreKeyedByName) {
    const std::vector<InstanceStatus> instances{test::svc1_view().local, test::db1_view().local};
    const auto parsed = nlohmann::ordered_json::parse(render_json_by_service(instances));
    ASSERT_EQ(parsed.size(), 2U);
    EXPECT_EQ(parsed.begin().key(), "svc1");
    EXPECT_EQ(parsed["db1"]["resources"]["ip#0"]["label"], "netns ipvlan-l2 10.20.0.50/24 bond0@container#0");
}

}  // namespace
}  // namespace svcagent::render
