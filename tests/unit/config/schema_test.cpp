#include "config/schema.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include <svcagent/registry.hpp>

namespace svcagent::config {
namespace {

std::vector<const Keyword*> pointers(std::span<const Keyword> table) {
    std::vector<const Keyword*> out;
    for (const Keyword& kw : table) {
        out.push_back(&kw);
    }
    return out;
}

// Every table a section of a service file or of node.conf accepts, named for failure messages.
std::vector<std::pair<std::string, std::vector<const Keyword*>>> all_section_tables(const DriverRegistry& registry) {
    std::vector<std::pair<std::string, std::vector<const Keyword*>>> out{
        {"DEFAULT", pointers(default_keywords())},
        {"resource", pointers(common_resource_keywords())},
        {"subset", pointers(subset_keywords())},
        {"sync#i0", pointers(sync_i0_keywords())},
    };
    for (const DriverSpec& spec : registry.all()) {
        out.emplace_back(std::string{spec.group} + "." + std::string{spec.type}, resource_keywords(spec));
    }
    for (const KeywordTable& table : node_keyword_tables()) {
        out.emplace_back(std::string{table.section}, pointers(table.keywords));
    }
    return out;
}

TEST(Schema, NoSectionDeclaresANameOrAliasTwice) {
    const DriverRegistry registry = make_builtin_registry();
    for (const auto& [section, table] : all_section_tables(registry)) {
        std::set<std::string_view> seen;
        for (const Keyword* kw : table) {
            EXPECT_TRUE(seen.insert(kw->name).second) << section << "." << kw->name << " declared twice";
            for (const std::string_view alias : kw->aliases) {
                EXPECT_TRUE(seen.insert(alias).second) << section << ": alias " << alias << " clashes";
            }
        }
    }
}

TEST(Schema, KeywordNamesAreLowercaseAndHaveHelp) {
    const DriverRegistry registry = make_builtin_registry();
    for (const auto& [section, table] : all_section_tables(registry)) {
        for (const Keyword* kw : table) {
            EXPECT_FALSE(kw->help.empty()) << section << "." << kw->name;
            EXPECT_TRUE(std::none_of(kw->name.begin(), kw->name.end(),
                                     [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }))
                << section << "." << kw->name;
        }
    }
}

TEST(Schema, RequiredKeywordsAreThoseOfTheSpec) {
    const DriverRegistry registry = make_builtin_registry();
    const std::vector<std::pair<std::string, std::set<std::string_view>>> expected{
        {"ip.host", {"ipname", "ipdev"}},       {"ip.netns", {"ipname", "ipdev", "netns"}},
        {"disk.vg", {"name"}},                  {"disk.lv", {"name", "vg"}},
        {"fs.", {"type", "dev", "mnt"}},        {"fs.xfs", {"type", "dev", "mnt"}},
        {"fs.ext4", {"type", "dev", "mnt"}},    {"fs.flag", {"type"}},
        {"container.docker", {"image"}},        {"app.forking", {}},
        {"app.simple", {}},                     {"sync.rsync", {"src", "dst", "target"}},
        {"DEFAULT", {}},                        {"resource", {}},
        {"subset", {}},                         {"sync#i0", {}},
        {"node", {}},                           {"ssh", {}},
    };
    const auto tables = all_section_tables(registry);
    for (const auto& [section, names] : expected) {
        const auto it = std::find_if(tables.begin(), tables.end(), [&](const auto& t) { return t.first == section; });
        ASSERT_NE(it, tables.end()) << section;
        std::set<std::string_view> required;
        for (const Keyword* kw : it->second) {
            if (kw->required) {
                required.insert(kw->name);
            }
        }
        EXPECT_EQ(required, names) << section;
    }
}

TEST(Schema, LeafHeadKeywordsOfResourcesExistInDefault) {
    for (const Keyword& kw : common_resource_keywords()) {
        if (kw.inherit == Inherit::leaf_head) {
            EXPECT_TRUE(find_keyword(default_keywords(), kw.name)) << kw.name;
        }
    }
}

TEST(Schema, DriverTimeoutsKeepTheInheritanceOfTheCommonKeyword) {
    const DriverRegistry registry = make_builtin_registry();
    for (const DriverSpec& spec : registry.all()) {
        for (const Keyword& kw : spec.keywords) {
            const KeywordMatch common = find_keyword(common_resource_keywords(), kw.name);
            if (common) {
                EXPECT_EQ(kw.inherit, common.keyword->inherit) << spec.group << "." << spec.type << "." << kw.name;
                EXPECT_EQ(kw.scopable, common.keyword->scopable) << spec.group << "." << spec.type << "." << kw.name;
            }
        }
    }
}

TEST(Schema, ResourceKeywordsPutDriverDeclarationsFirstAndOverrideCommonOnes) {
    const DriverRegistry registry = make_builtin_registry();
    const DriverSpec* rsync = registry.find("sync", "rsync");
    ASSERT_NE(rsync, nullptr);
    const std::vector<const Keyword*> keywords = resource_keywords(*rsync);
    EXPECT_EQ(keywords.front()->name, "src");
    const KeywordMatch optional = find_keyword(std::span<const Keyword* const>{keywords}, "optional");
    ASSERT_TRUE(optional);
    EXPECT_STREQ(optional.keyword->default_value, "true");
    EXPECT_TRUE(find_keyword(std::span<const Keyword* const>{keywords}, "subset"));
    EXPECT_STREQ(find_keyword(common_resource_keywords(), "optional").keyword->default_value, "false");
}

TEST(Schema, DefaultsFollowTheSpec) {
    const DriverRegistry registry = make_builtin_registry();
    const auto default_of = [&](std::string_view group, std::string_view type, std::string_view name) {
        const KeywordMatch m = find_keyword(registry, SectionKind::resource, group, type, name);
        return m && m.keyword->default_value != nullptr ? std::string{m.keyword->default_value} : std::string{"<unset>"};
    };
    EXPECT_EQ(default_of("fs", "xfs", "start_timeout"), "1h");
    EXPECT_EQ(default_of("fs", "xfs", "stop_timeout"), "120s");
    EXPECT_EQ(default_of("fs", "ext4", "term_grace"), "5s");
    EXPECT_EQ(default_of("container", "docker", "pull_timeout"), "2m");
    EXPECT_EQ(default_of("ip", "", "start_timeout"), "60s");
    EXPECT_EQ(default_of("app", "simple", "timeout"), "1h");
    EXPECT_EQ(default_of("app", "forking", "start_timeout"), "<unset>");  // computed: timeout
    EXPECT_EQ(default_of("disk", "lv", "size"), "<unset>");
    const Keyword* topology = find_keyword(default_keywords(), "topology").keyword;
    ASSERT_NE(topology, nullptr);
    EXPECT_STREQ(topology->default_value, "failover");
    EXPECT_EQ(std::vector<std::string_view>(topology->candidates.begin(), topology->candidates.end()),
              (std::vector<std::string_view>{"failover", "flex"}));
    EXPECT_STREQ(find_keyword(default_keywords(), "sync_schedule").keyword->default_value, "03:59-05:59@121");
}

// ---- aliases (§3.5) ----

struct AliasVector {
    std::string id;
    SectionKind kind;
    std::string group, type, name, canonical;
};

class SchemaAlias : public ::testing::TestWithParam<AliasVector> {};

TEST_P(SchemaAlias, ReadsAsTheCanonicalKeyword) {
    const AliasVector& v = GetParam();
    const DriverRegistry registry = make_builtin_registry();
    const KeywordMatch match = find_keyword(registry, v.kind, v.group, v.type, v.name);
    ASSERT_TRUE(match) << v.name;
    EXPECT_EQ(match.keyword->name, v.canonical);
    EXPECT_TRUE(match.via_alias);
    const KeywordMatch direct = find_keyword(registry, v.kind, v.group, v.type, v.canonical);
    ASSERT_TRUE(direct);
    EXPECT_EQ(direct.keyword, match.keyword);
    EXPECT_FALSE(direct.via_alias);
}

INSTANTIATE_TEST_SUITE_P(
    Spec3_5, SchemaAlias,
    ::testing::Values(
        AliasVector{"service_type", SectionKind::default_section, "", "", "service_type", "env"},
        AliasVector{"cluster_type", SectionKind::default_section, "", "", "cluster_type", "topology"},
        AliasVector{"docker_data_dir", SectionKind::default_section, "", "", "docker_data_dir", "container_data_dir"},
        AliasVector{"flex_min_nodes", SectionKind::default_section, "", "", "flex_min_nodes", "flex_min"},
        AliasVector{"flex_max_nodes", SectionKind::default_section, "", "", "flex_max_nodes", "flex_max"},
        AliasVector{"vgname", SectionKind::resource, "disk", "vg", "vgname", "name"},
        AliasVector{"vgname_type_lvm", SectionKind::resource, "disk", "lvm", "vgname", "name"},
        AliasVector{"vgname_default_type", SectionKind::resource, "disk", "", "vgname", "name"},
        AliasVector{"container_rid", SectionKind::resource, "ip", "docker", "container_rid", "netns"},
        AliasVector{"run_image", SectionKind::resource, "container", "docker", "run_image", "image"},
        AliasVector{"run_image_type_oci", SectionKind::resource, "container", "oci", "run_image", "image"},
        AliasVector{"run_command", SectionKind::resource, "container", "docker", "run_command", "command"},
        AliasVector{"net", SectionKind::resource, "container", "", "net", "netns"},
        AliasVector{"pre_syncnodes", SectionKind::resource, "fs", "xfs", "pre_syncnodes", "pre_sync_nodes"},
        AliasVector{"blocking_post_syncnodes", SectionKind::default_section, "", "", "blocking_post_syncnodes",
                    "blocking_post_sync_nodes"}),
    [](const ::testing::TestParamInfo<AliasVector>& p) { return p.param.id; });

TEST(Schema, NodeHostModeIsAnAliasOfEnv) {
    const KeywordMatch match = find_node_keyword("node", "host_mode");
    ASSERT_TRUE(match);
    EXPECT_EQ(match.keyword->name, "env");
    EXPECT_TRUE(match.via_alias);
    EXPECT_STREQ(match.keyword->default_value, "TST");
}

TEST(Schema, NodePeerSectionsShareOneTable) {
    EXPECT_TRUE(find_node_keyword("ssh#n2", "address"));
    EXPECT_FALSE(find_node_keyword("ssh", "address"));
    EXPECT_STREQ(find_node_keyword("ssh", "port").keyword->default_value, "22");
    EXPECT_TRUE(node_keywords("repo").empty());
}

TEST(Schema, LookupIsCaseSensitive) {
    const DriverRegistry registry = make_builtin_registry();
    EXPECT_FALSE(find_keyword(registry, SectionKind::resource, "fs", "xfs", "Mnt"));
    EXPECT_TRUE(find_keyword(registry, SectionKind::resource, "fs", "xfs", "mnt"));
}

TEST(Schema, UnsupportedDriverKnowsOnlyTheCommonKeywords) {
    const DriverRegistry registry = make_builtin_registry();
    EXPECT_TRUE(find_keyword(registry, SectionKind::resource, "disk", "gce", "subset"));
    EXPECT_TRUE(find_keyword(registry, SectionKind::resource, "disk", "gce", "always_on"));
    EXPECT_FALSE(find_keyword(registry, SectionKind::resource, "disk", "gce", "names"));
    EXPECT_FALSE(find_keyword(registry, SectionKind::resource, "disk", "drbd", "name"));
}

TEST(Schema, SectionsWithoutSchemaFindNothing) {
    const DriverRegistry registry = make_builtin_registry();
    EXPECT_FALSE(find_keyword(registry, SectionKind::env, "", "", "type"));
    EXPECT_FALSE(find_keyword(registry, SectionKind::unsupported_family, "task", "", "subset"));
    EXPECT_TRUE(find_keyword(registry, SectionKind::subset, "disk", "", "parallel"));
    EXPECT_TRUE(find_keyword(registry, SectionKind::sync_i0, "", "", "schedule"));
    EXPECT_FALSE(find_keyword(registry, SectionKind::sync_i0, "", "", "src"));
}

TEST(Schema, LegacyKeywordsAreDeclaredWhereTheyApply) {
    const DriverRegistry registry = make_builtin_registry();
    for (const LegacyKeyword& legacy : legacy_keywords()) {
        KeywordMatch match;
        if (legacy.section == "DEFAULT") {
            match = find_keyword(default_keywords(), legacy.name);
        } else if (legacy.section == "resource") {
            match = find_keyword(common_resource_keywords(), legacy.name);
        } else {
            const auto dot = legacy.section.find('.');
            match = find_keyword(registry, SectionKind::resource, legacy.section.substr(0, dot),
                                 legacy.section.substr(dot + 1), legacy.name);
        }
        EXPECT_TRUE(match) << legacy.section << "." << legacy.name;
        if (!legacy.use_instead.empty()) {
            EXPECT_TRUE(find_keyword(common_resource_keywords(), legacy.use_instead)) << legacy.use_instead;
        }
    }
}

// ---- did you mean (§3.4) ----

TEST(DidYouMean, SuggestsTheLowercaseKeywordForAnUppercaseName) {
    const std::vector<std::string_view> names{"dev", "mnt", "mnt_opt"};
    EXPECT_EQ(did_you_mean("Mnt", names), "mnt");
}

TEST(DidYouMean, SuggestsWithinTwoEdits) {
    const std::vector<std::string_view> names{"ipname", "ipdev", "netmask"};
    EXPECT_EQ(did_you_mean("ipnam", names), "ipname");
    EXPECT_EQ(did_you_mean("IPDEVV", names), "ipdev");
    EXPECT_EQ(did_you_mean("netmsak", names), "netmask");  // a transposition costs two edits
}

TEST(DidYouMean, StaysSilentBeyondTwoEdits) {
    const std::vector<std::string_view> names{"ipname", "ipdev", "netmask"};
    EXPECT_EQ(did_you_mean("gce_zone", names), std::nullopt);
    EXPECT_EQ(did_you_mean("ipxxxxe", names), std::nullopt);
    EXPECT_EQ(did_you_mean("x", std::vector<std::string_view>{}), std::nullopt);
}

TEST(DidYouMean, PrefersTheClosestThenTheFirstCandidate) {
    const std::vector<std::string_view> names{"stop", "start", "stat"};
    EXPECT_EQ(did_you_mean("starr", names), "start");
    EXPECT_EQ(did_you_mean("sta", names), "stat");
    EXPECT_EQ(did_you_mean("stxp", std::vector<std::string_view>{"stop", "step"}), "stop");
}

TEST(DidYouMean, CandidatesOfAResourceIncludeCommonKeywords) {
    const DriverRegistry registry = make_builtin_registry();
    const std::vector<std::string_view> names = keyword_names(registry, SectionKind::resource, "fs", "xfs");
    EXPECT_EQ(did_you_mean("tagz", names), "tags");
    EXPECT_EQ(did_you_mean("mnt_opts", names), "mnt_opt");
}

TEST(EditDistance, CountsInsertionsDeletionsSubstitutionsIgnoringCase) {
    EXPECT_EQ(edit_distance("", ""), 0U);
    EXPECT_EQ(edit_distance("abc", ""), 3U);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3U);
    EXPECT_EQ(edit_distance("MNT", "mnt"), 0U);
}

}  // namespace
}  // namespace svcagent::config
