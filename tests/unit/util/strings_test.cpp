#include "util/strings.hpp"

#include <gtest/gtest.h>

namespace svcagent::util {
namespace {

using Words = std::vector<std::string>;

TEST(Strings, SplitKeepsEmptyPieces) {
    EXPECT_EQ(split("a,b,,c", ','), (Words{"a", "b", "", "c"}));
    EXPECT_EQ(split("", ','), (Words{""}));
}

TEST(Strings, SplitTrimmedDropsBlankPieces) {
    EXPECT_EQ(split_trimmed(" a, ,b ", ','), (Words{"a", "b"}));
}

TEST(Strings, SplitLinesDropsFinalNewlineAndCarriageReturns) {
    EXPECT_EQ(split_lines("a\r\nb\n"), (Words{"a", "b"}));
    EXPECT_EQ(split_lines("a\n\nb"), (Words{"a", "", "b"}));
    EXPECT_TRUE(split_lines("").empty());
}

TEST(Strings, TrimJoinAndCase) {
    EXPECT_EQ(trim(" \t x y \n"), "x y");
    EXPECT_EQ(trim("   "), "");
    EXPECT_EQ(join({"a", "", "b"}, ", "), "a, , b");
    EXPECT_EQ(join({}, ","), "");
    EXPECT_EQ(to_lower("Node-1"), "node-1");
    EXPECT_EQ(to_upper("warn"), "WARN");
}

}  // namespace
}  // namespace svcagent::util
