#include <svcagent/status.hpp>

#include <gtest/gtest.h>

namespace svcagent {
namespace {

TEST(StatusMerge, UndefIsNeutral) {
    EXPECT_EQ(merge(Status::undef, Status::up), Status::up);
    EXPECT_EQ(merge(Status::up, Status::undef), Status::up);
}

TEST(StatusMerge, UpPlusDownIsWarn) { EXPECT_EQ(merge(Status::up, Status::down), Status::warn); }

TEST(StatusMerge, TableIsSymmetric) {
    const Status all[] = {Status::up, Status::down, Status::warn, Status::na, Status::stdby_up,
                          Status::stdby_down, Status::up_with_stdby, Status::stdby_up_with_down};
    for (const Status a : all) {
        for (const Status b : all) {
            EXPECT_EQ(merge(a, b), merge(b, a)) << to_text(a) << " + " << to_text(b);
        }
    }
}

TEST(StatusText, ParsesKnownTextsOnly) {
    EXPECT_EQ(parse_status("na"), Status::na);
    EXPECT_EQ(parse_status("stdby up"), Status::stdby_up);
    EXPECT_FALSE(parse_status("foo").has_value());
    EXPECT_FALSE(status_from_int(40).has_value());
}

}  // namespace
}  // namespace svcagent
