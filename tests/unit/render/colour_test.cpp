// SPEC §11.4: colours never change the columns.

#include "render/colour.hpp"

#include <regex>

#include <gtest/gtest.h>

#include "example_views.hpp"
#include "render/classic.hpp"
#include "render/tree.hpp"

namespace svcagent::render {
namespace {

std::string strip_codes(const std::string& text) {
    return std::regex_replace(text, std::regex("\x1b\\[[0-9;]*m"), "");
}

TEST(Colour, AutoNeedsATerminalANonDumbTermAndNoNoColor) {
    EXPECT_TRUE(use_colour(ColourMode::automatic, true, "xterm", false));
    EXPECT_FALSE(use_colour(ColourMode::automatic, false, "xterm", false));
    EXPECT_FALSE(use_colour(ColourMode::automatic, true, "dumb", false));
    EXPECT_FALSE(use_colour(ColourMode::automatic, true, std::nullopt, false));
    EXPECT_FALSE(use_colour(ColourMode::automatic, true, "xterm", true));
    EXPECT_TRUE(use_colour(ColourMode::always, false, std::nullopt, true));
    EXPECT_FALSE(use_colour(ColourMode::never, true, "xterm", false));
    EXPECT_EQ(parse_colour_mode("yes"), ColourMode::always);
    EXPECT_EQ(parse_colour_mode("auto"), ColourMode::automatic);
    EXPECT_FALSE(parse_colour_mode("maybe").has_value());
}

TEST(Colour, StatusAndLevelColours) {
    EXPECT_EQ(status_colour(Status::stdby_up), Colour::green);
    EXPECT_EQ(status_colour(Status::stdby_down), Colour::red);
    EXPECT_EQ(status_colour(Status::warn), Colour::yellow);
    EXPECT_EQ(status_colour(Status::undef), Colour::blue);
    EXPECT_EQ(level_colour("WARNING"), Colour::yellow);
    EXPECT_EQ(level_colour("error"), Colour::red);
    EXPECT_EQ(level_colour("info"), Colour::none);
}

TEST(Colour, LineKeepsPlainColumnsAndDropsTrailingBlanks) {
    Line line;
    line.add("a").pad_to(4).add("up", Colour::green).pad_to(10);
    EXPECT_EQ(line.width(), 10U);
    EXPECT_EQ(line.str(false), "a   up");
    EXPECT_EQ(line.str(true), "a   \x1b[32mup\x1b[0m");
}

TEST(Colour, TreeAndClassicWithColourStripToThePlainOutput) {
    for (const auto& view : {test::svc1_view(), test::spdsvc01_view(), test::busybox_passive_view()}) {
        const auto tree = render_tree(view, {.colour = true});
        EXPECT_NE(tree, render_tree(view, {}));
        EXPECT_EQ(strip_codes(tree), render_tree(view, {}));
        const auto classic = render_classic(view, {.colour = true});
        EXPECT_EQ(strip_codes(classic), render_classic(view, {}));
    }
}

TEST(Colour, TreePaintsStatusNodeNamesAndLogLevels) {
    const auto out = render_tree(test::svc1_view(), {.colour = true});
    EXPECT_NE(out.find("\x1b[1mnode1\x1b[0m"), std::string::npos);
    EXPECT_NE(out.find("\x1b[31mdown\x1b[0m"), std::string::npos);
    EXPECT_NE(out.find("\x1b[32mstdby up\x1b[0m"), std::string::npos);
    EXPECT_NE(out.find("\x1b[34mn/a\x1b[0m"), std::string::npos);
    EXPECT_NE(out.find("\x1b[33mwarn\x1b[0m: image busybox:latest is not present"), std::string::npos);
}

}  // namespace
}  // namespace svcagent::render
