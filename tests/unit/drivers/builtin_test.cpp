#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <svcagent/registry.hpp>

#include "app/app.hpp"
#include "fs/fs.hpp"
#include "ip/host.hpp"

namespace svcagent {
namespace {

std::string name_of(const DriverSpec& spec) {
    return std::string{spec.group} + "." + std::string{spec.type};
}

TEST(BuiltinRegistry, RegistersEveryDriverOnce) {
    const DriverRegistry registry = make_builtin_registry();
    std::vector<std::string> names;
    for (const DriverSpec& spec : registry.all()) {
        names.push_back(name_of(spec));
    }
    EXPECT_EQ(names, (std::vector<std::string>{"app.forking", "app.simple", "container.docker", "disk.lv",
                                               "disk.vg", "fs.", "fs.btrfs", "fs.ext2", "fs.ext3", "fs.ext4",
                                               "fs.flag", "fs.xfs", "ip.host", "ip.netns", "sync.rsync"}));
}

TEST(BuiltinRegistry, RefusesADriverAddedTwice) {
    DriverRegistry registry;
    registry.add(drivers::ip::host_spec());
    EXPECT_THROW(registry.add(drivers::ip::host_spec()), std::logic_error);
}

TEST(BuiltinRegistry, LetsATestBuildARegistryOfOneDriver) {
    DriverRegistry registry;
    registry.add(drivers::app::forking_spec());
    EXPECT_NE(registry.find("app", "forking"), nullptr);
    EXPECT_EQ(registry.find("app", "simple"), nullptr);
}

TEST(DriverSpecs, KeywordNamesAreUniqueWithinADriver) {
    const DriverRegistry registry = make_builtin_registry();
    for (const DriverSpec& spec : registry.all()) {
        std::set<std::string_view> seen;
        for (const Keyword& kw : spec.keywords) {
            EXPECT_TRUE(seen.insert(kw.name).second) << name_of(spec) << "." << kw.name;
        }
    }
}

TEST(DriverSpecs, FsTypesShareTheGenericTable) {
    const auto generic = drivers::fs::generic_spec().keywords;
    for (const DriverSpec* spec : {&drivers::fs::ext2_spec(), &drivers::fs::ext3_spec(), &drivers::fs::ext4_spec(),
                                   &drivers::fs::xfs_spec(), &drivers::fs::btrfs_spec()}) {
        EXPECT_EQ(spec->keywords.data(), generic.data()) << name_of(*spec);
        EXPECT_EQ(spec->keywords.size(), generic.size()) << name_of(*spec);
    }
}

TEST(DriverSpecs, OnlyDriversWithAProvisionerSayTheyProvision) {
    const DriverRegistry registry = make_builtin_registry();
    std::set<std::string> provisioning;
    for (const DriverSpec& spec : registry.all()) {
        if (spec.caps.provisions) {
            provisioning.insert(name_of(spec));
        }
    }
    EXPECT_EQ(provisioning, (std::set<std::string>{"container.docker", "disk.lv", "disk.vg", "fs.btrfs", "fs.ext2",
                                                   "fs.ext3", "fs.ext4", "fs.xfs"}));
}

TEST(DriverSpecs, EveryDriverHasHelp) {
    const DriverRegistry registry = make_builtin_registry();
    for (const DriverSpec& spec : registry.all()) {
        EXPECT_FALSE(spec.help.empty()) << name_of(spec);
    }
}

}  // namespace
}  // namespace svcagent
