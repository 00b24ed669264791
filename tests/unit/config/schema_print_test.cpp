#include "config/schema_print.hpp"

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <svcagent/registry.hpp>

#include "config/schema.hpp"

namespace svcagent::config {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in{text};
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

constexpr auto k_candidates = std::to_array<std::string_view>({"a", "bb"});
constexpr auto k_aliases = std::to_array<std::string_view>({"old"});
constexpr auto k_sample = std::to_array<Keyword>({
    {.name = "mode",
     .type = ValueType::lower,
     .default_value = "a",
     .scopable = true,
     .candidates = k_candidates,
     .aliases = k_aliases,
     .help = "pick one"},
    {.name = "size_limit", .type = ValueType::size, .required = true, .help = "a size"},
    {.name = "x", .default_value = "", .default_help = "", .inherit = Inherit::leaf_head, .help = "empty"},
    {.name = "computed", .default_help = "first of nodes", .inherit = Inherit::head, .help = "c"},
});

SchemaSection sample_section() {
    SchemaSection section{.name = "demo", .help = "a demo section", .keywords = {}};
    for (const Keyword& kw : k_sample) {
        section.keywords.push_back(&kw);
    }
    return section;
}

TEST(PrintKeywordsText, PrintsAlignedColumnsUnderASectionLine) {
    const std::vector<SchemaSection> sections{sample_section()};
    EXPECT_EQ(render_keywords_text(sections),
              "[demo] a demo section\n"
              "keyword     type    default           scopable  inherit      required  candidates  help\n"
              "mode        lower   a                 yes       leaf         no        a,bb        pick one\n"
              "size_limit  size    -                 no        leaf         yes       -           a size\n"
              "x           string  \"\"                no        leaf > head  no        -           empty\n"
              "computed    string  (first of nodes)  no        head         no        -           c\n");
}

TEST(PrintKeywordsText, SeparatesSectionsWithABlankLine) {
    const std::vector<SchemaSection> sections{sample_section(), sample_section()};
    const std::vector<std::string> lines = lines_of(render_keywords_text(sections));
    ASSERT_EQ(lines.size(), 13U);
    EXPECT_EQ(lines[6], "");
    EXPECT_EQ(lines[7], "[demo] a demo section");
}

TEST(PrintKeywordsJson, GivesOneObjectPerKeyword) {
    const std::vector<SchemaSection> sections{sample_section()};
    const nlohmann::json got = render_keywords_json(sections);
    ASSERT_TRUE(got.is_array());
    ASSERT_EQ(got.size(), 4U);
    EXPECT_EQ(got[0], nlohmann::json::parse(R"({"section": "demo", "keyword": "mode", "type": "lower",
        "default": "a", "default_help": "", "scopable": true, "inherit": "leaf", "required": false,
        "candidates": ["a", "bb"], "aliases": ["old"], "help": "pick one"})"));
    EXPECT_TRUE(got[1]["default"].is_null());
    EXPECT_EQ(got[1]["required"], true);
    EXPECT_EQ(got[2]["default"], "");
    EXPECT_EQ(got[2]["inherit"], "leaf > head");
    EXPECT_TRUE(got[3]["default"].is_null());
    EXPECT_EQ(got[3]["default_help"], "first of nodes");
}

TEST(PrintKeywords, ServiceSchemaListsEverySectionOnce) {
    const DriverRegistry registry = make_builtin_registry();
    std::vector<std::string> names;
    for (const SchemaSection& section : service_schema(registry)) {
        names.push_back(section.name);
        EXPECT_FALSE(section.keywords.empty()) << section.name;
        EXPECT_FALSE(section.help.empty()) << section.name;
    }
    EXPECT_EQ(names, (std::vector<std::string>{"DEFAULT", "resource", "app", "container.docker", "disk.lv",
                                               "disk.vg", "fs", "fs.flag", "ip.host", "ip.netns", "sync.rsync",
                                               "subset", "sync#i0"}));
}

TEST(PrintKeywords, MergedSectionsNameTheirDrivers) {
    const DriverRegistry registry = make_builtin_registry();
    const std::vector<SchemaSection> sections = service_schema(registry);
    const auto fs = std::find_if(sections.begin(), sections.end(), [](const auto& s) { return s.name == "fs"; });
    ASSERT_NE(fs, sections.end());
    EXPECT_NE(fs->help.find("fs.btrfs fs.ext2 fs.ext3 fs.ext4 fs.xfs and any other type"), std::string::npos);
}

TEST(PrintKeywords, JsonOfTheWholeSchemaHasEveryKeyword) {
    const DriverRegistry registry = make_builtin_registry();
    const std::vector<SchemaSection> sections = service_schema(registry);
    std::size_t count = 0;
    for (const SchemaSection& section : sections) {
        count += section.keywords.size();
    }
    const nlohmann::json got = render_keywords_json(sections);
    EXPECT_EQ(got.size(), count);
    const auto topology = std::find_if(got.begin(), got.end(), [](const nlohmann::json& o) {
        return o["section"] == "DEFAULT" && o["keyword"] == "topology";
    });
    ASSERT_NE(topology, got.end());
    EXPECT_EQ((*topology)["aliases"], nlohmann::json::parse(R"(["cluster_type"])"));
}

TEST(KeywordsMarkdown, HasATableForEverySection) {
    const DriverRegistry registry = make_builtin_registry();
    const std::string doc = render_keywords_markdown(registry);
    for (const SchemaSection& section : service_schema(registry)) {
        EXPECT_NE(doc.find("\n### " + section.name + "\n"), std::string::npos) << section.name;
    }
    EXPECT_NE(doc.find("\n### ssh#&lt;peer&gt;\n"), std::string::npos);
    EXPECT_NE(doc.find("| `netns` | string |  | no | leaf | yes |  | `container_rid` | rid of the container |"),
              std::string::npos);
}

}  // namespace
}  // namespace svcagent::config
