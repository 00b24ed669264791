// Every vector of the SPEC §10.3 merge table, read from tests/fixtures/status/merge.json.

#include <gtest/gtest.h>

#include <svcagent/status.hpp>

#include "vectors.hpp"

namespace svcagent {
namespace {

class MergeTable : public ::testing::TestWithParam<nlohmann::json> {};

TEST_P(MergeTable, GivesTheSpecSum) {
    const auto& v = GetParam();
    const Status a = test::vector_status(v.at("a").get<std::string>());
    const Status b = test::vector_status(v.at("b").get<std::string>());
    const Status sum = test::vector_status(v.at("sum").get<std::string>());
    EXPECT_EQ(merge(a, b), sum);
    EXPECT_EQ(merge(b, a), sum);
}

INSTANTIATE_TEST_SUITE_P(Spec, MergeTable, ::testing::ValuesIn(test::load_status_vectors("merge.json")),
                         [](const auto& p) { return test::vector_name(p.param); });

TEST(StatusValues, InternalValuesDisplayAsUpAndStdbyUp) {
    EXPECT_EQ(to_text(Status::up_with_stdby), "up");
    EXPECT_EQ(to_text(Status::stdby_up_with_down), "stdby up");
    EXPECT_EQ(static_cast<int>(Status::undef), 5);
    EXPECT_EQ(status_from_int(8), Status::up_with_stdby);
    EXPECT_FALSE(status_from_int(4).has_value());
}

}  // namespace
}  // namespace svcagent
