#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include <svcagent/registry.hpp>

#include "config/schema.hpp"

namespace svcagent::config {
namespace {

struct SectionVector {
    std::string id;
    std::string name;
    SectionKind kind;
    std::string group, index;
    bool legacy_vg = false;
};

class ClassifySection : public ::testing::TestWithParam<SectionVector> {};

TEST_P(ClassifySection, GivesKindGroupAndIndex) {
    const SectionVector& v = GetParam();
    const SectionName got = classify_section(v.name);
    EXPECT_EQ(got.kind, v.kind);
    EXPECT_EQ(got.group, v.group);
    EXPECT_EQ(got.index, v.index);
    EXPECT_EQ(got.legacy_vg, v.legacy_vg);
}

INSTANTIATE_TEST_SUITE_P(
    Spec2, ClassifySection,
    ::testing::Values(SectionVector{"default", "DEFAULT", SectionKind::default_section, "", ""},
                      SectionVector{"default_lowercase", "default", SectionKind::unknown, "", ""},
                      SectionVector{"fs", "fs#1", SectionKind::resource, "fs", "1"},
                      SectionVector{"ip_word_index", "ip#01smg", SectionKind::resource, "ip", "01smg"},
                      SectionVector{"index_chars", "app#a_b.c-d", SectionKind::resource, "app", "a_b.c-d"},
                      SectionVector{"legacy_vg", "vg#1", SectionKind::resource, "disk", "1", true},
                      SectionVector{"subset", "subset#disk:cge", SectionKind::subset, "disk", "cge"},
                      SectionVector{"subset_without_name", "subset#disk", SectionKind::unknown, "", ""},
                      SectionVector{"env", "env", SectionKind::env, "", ""},
                      SectionVector{"labels", "labels", SectionKind::free_form, "", ""},
                      SectionVector{"data", "data", SectionKind::free_form, "", ""},
                      SectionVector{"sync_i0", "sync#i0", SectionKind::sync_i0, "sync", "i0"},
                      SectionVector{"sync_other", "sync#i1", SectionKind::resource, "sync", "i1"},
                      SectionVector{"task", "task#backup", SectionKind::unsupported_family, "task", "backup"},
                      SectionVector{"stonith", "stonith#0", SectionKind::unsupported_family, "stonith", "0"},
                      SectionVector{"unknown_family", "foo#1", SectionKind::unknown, "", ""},
                      SectionVector{"empty_index", "fs#", SectionKind::unknown, "", ""},
                      SectionVector{"blank_in_index", "fs#a b", SectionKind::unknown, "", ""},
                      SectionVector{"group_case", "FS#1", SectionKind::unknown, "", ""}),
    [](const ::testing::TestParamInfo<SectionVector>& p) { return p.param.id; });

TEST(EnvKeys, AcceptWordCharactersDotsAndDashes) {
    EXPECT_TRUE(is_valid_env_key("db.port-2_x"));
    EXPECT_FALSE(is_valid_env_key(""));
    EXPECT_FALSE(is_valid_env_key("a b"));
    EXPECT_FALSE(is_valid_env_key("a@n1"));
}

TEST(GroupDefaults, FollowSpecSection2) {
    EXPECT_EQ(group_default_type("ip"), "host");
    EXPECT_EQ(group_default_type("disk"), "vg");
    EXPECT_EQ(group_default_type("container"), "docker");
    EXPECT_EQ(group_default_type("app"), "forking");
    EXPECT_EQ(group_default_type("sync"), "rsync");
    EXPECT_EQ(group_default_type("fs"), std::nullopt);
}

struct DriverVector {
    std::string id;
    std::string group, type;
    DriverSupport support;
    std::string canonical_type;
    bool alias = false;
    std::string spec_type = "-";  // "-": no spec
};

class ResolveDriver : public ::testing::TestWithParam<DriverVector> {};

TEST_P(ResolveDriver, GivesSpecTypeAndSupport) {
    const DriverVector& v = GetParam();
    const DriverRegistry registry = make_builtin_registry();
    const DriverResolution got = resolve_driver(registry, v.group, v.type);
    EXPECT_EQ(got.support, v.support);
    EXPECT_EQ(got.type, v.canonical_type);
    EXPECT_EQ(got.type_alias, v.alias);
    if (v.spec_type == "-") {
        EXPECT_EQ(got.spec, nullptr);
    } else {
        ASSERT_NE(got.spec, nullptr);
        EXPECT_EQ(got.spec->group, v.group);
        EXPECT_EQ(got.spec->type, v.spec_type);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Spec8_1, ResolveDriver,
    ::testing::Values(
        DriverVector{"ip_default", "ip", "", DriverSupport::supported, "host", false, "host"},
        DriverVector{"ip_netns", "ip", "netns", DriverSupport::supported, "netns", false, "netns"},
        DriverVector{"ip_docker_alias", "ip", "docker", DriverSupport::supported, "netns", true, "netns"},
        DriverVector{"ip_gce", "ip", "gce", DriverSupport::unsupported, "gce"},
        DriverVector{"ip_unknown", "ip", "foo", DriverSupport::unknown_type, "foo"},
        DriverVector{"disk_default", "disk", "", DriverSupport::supported, "vg", false, "vg"},
        DriverVector{"disk_lvm_alias", "disk", "lvm", DriverSupport::supported, "vg", true, "vg"},
        DriverVector{"disk_lv", "disk", "lv", DriverSupport::supported, "lv", false, "lv"},
        DriverVector{"disk_drbd", "disk", "drbd", DriverSupport::unsupported, "drbd"},
        DriverVector{"disk_gce", "disk", "gce", DriverSupport::unsupported, "gce"},
        DriverVector{"disk_zpool", "disk", "zpool", DriverSupport::unsupported, "zpool"},
        DriverVector{"fs_xfs", "fs", "xfs", DriverSupport::supported, "xfs", false, "xfs"},
        DriverVector{"fs_upper_case", "fs", "EXT4", DriverSupport::supported, "ext4", false, "ext4"},
        DriverVector{"fs_flag", "fs", "flag", DriverSupport::supported, "flag", false, "flag"},
        DriverVector{"fs_nfs_generic", "fs", "nfs", DriverSupport::supported, "nfs", false, ""},
        DriverVector{"fs_unset_generic", "fs", "", DriverSupport::supported, "", false, ""},
        DriverVector{"fs_zfs", "fs", "zfs", DriverSupport::unsupported, "zfs"},
        DriverVector{"fs_directory", "fs", "directory", DriverSupport::unsupported, "directory"},
        DriverVector{"container_default", "container", "", DriverSupport::supported, "docker", false, "docker"},
        DriverVector{"container_oci_alias", "container", "oci", DriverSupport::supported, "docker", true, "docker"},
        DriverVector{"container_podman", "container", "podman", DriverSupport::unsupported, "podman"},
        DriverVector{"app_default", "app", "", DriverSupport::supported, "forking", false, "forking"},
        DriverVector{"app_simple", "app", "simple", DriverSupport::supported, "simple", false, "simple"},
        DriverVector{"sync_default", "sync", "", DriverSupport::supported, "rsync", false, "rsync"},
        DriverVector{"task_family", "task", "host", DriverSupport::unsupported, "host"},
        DriverVector{"hb_family", "hb", "", DriverSupport::unsupported, ""},
        DriverVector{"unknown_group", "foo", "bar", DriverSupport::unknown_type, "bar"}),
    [](const ::testing::TestParamInfo<DriverVector>& p) { return p.param.id; });

TEST(ResolveDriver, GenericFsNeedsTheFallbackSpecRegistered) {
    DriverRegistry registry;  // no fs driver at all
    const DriverResolution got = resolve_driver(registry, "fs", "nfs");
    EXPECT_EQ(got.spec, nullptr);
    EXPECT_EQ(got.support, DriverSupport::unknown_type);
}

TEST(Families, AreTheFiveWithoutDriver) {
    const auto families = families_without_driver();
    EXPECT_EQ(std::vector<std::string_view>(families.begin(), families.end()),
              (std::vector<std::string_view>{"task", "share", "volume", "hb", "stonith"}));
}

TEST(ValueAliases, AutoflexReadsAsFlex) {
    ASSERT_EQ(value_aliases().size(), 1U);
    const ValueAlias& alias = value_aliases().front();
    EXPECT_EQ(alias.keyword, "topology");
    EXPECT_EQ(alias.legacy, "autoflex");
    EXPECT_EQ(alias.value, "flex");
}

}  // namespace
}  // namespace svcagent::config
