#include "util/natural_order.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace svcagent::util {
namespace {

TEST(NaturalOrder, DigitRunsCompareByValue) {
    EXPECT_TRUE(natural_less("fs#2", "fs#10"));
    EXPECT_FALSE(natural_less("fs#10", "fs#2"));
    EXPECT_TRUE(natural_less("fs#9", "fs#10"));
}

TEST(NaturalOrder, ShorterStringFirstWhenPrefix) {
    EXPECT_TRUE(natural_less("fs#10", "fs#10a"));
    EXPECT_TRUE(natural_less("ip#01db", "ip#01dbg"));
    EXPECT_TRUE(natural_less("ip#01dbg", "ip#01sm"));
}

TEST(NaturalOrder, EqualValuesShorterRunFirst) {
    EXPECT_TRUE(natural_less("fs#1", "fs#01"));
    EXPECT_TRUE(natural_less("fs#01", "fs#001"));
    EXPECT_EQ(natural_compare("fs#01", "fs#01"), 0);
}

TEST(NaturalOrder, HugeNumbersDoNotOverflow) {
    EXPECT_TRUE(natural_less("x99999999999999999999999", "x100000000000000000000000"));
}

TEST(NaturalOrder, SortsRidsOfSpecExample) {
    std::vector<std::string> rids{"fs#10a", "fs#10", "fs#2", "ip#01sm", "ip#01dbg", "ip#01db", "disk#1"};
    std::sort(rids.begin(), rids.end(), NaturalLess{});
    EXPECT_EQ(rids, (std::vector<std::string>{"disk#1", "fs#2", "fs#10", "fs#10a", "ip#01db", "ip#01dbg",
                                              "ip#01sm"}));
}

TEST(NaturalOrder, NonDigitRunsCompareByBytes) {
    EXPECT_TRUE(natural_less("A", "a"));
    EXPECT_TRUE(natural_less("fs#1", "fs#a"));
    EXPECT_TRUE(natural_less("", "a"));
    EXPECT_EQ(natural_compare("", ""), 0);
}

}  // namespace
}  // namespace svcagent::util
