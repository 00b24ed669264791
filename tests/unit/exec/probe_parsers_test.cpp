#include "exec/probe_parsers.hpp"

#include <gtest/gtest.h>

#include <svcagent/error.hpp>

#include "support/temp_dir.hpp"

namespace svcagent::exec {
namespace {

std::string fixture(const std::string& name) {
    return svcagent::testing::read_file(std::filesystem::path{SVCAGENT_FIXTURES_DIR} / "exec" / name);
}

TEST(MountinfoParser, ParsesCapturedTableWithOctalEscapes) {
    const MountTable table = parse_mountinfo(fixture("mountinfo.txt"));
    ASSERT_EQ(table.entries.size(), 22U);
    const MountEntry& root = table.entries.front();
    EXPECT_EQ(root.mount_id, 44);
    EXPECT_EQ(root.parent_id, 43);
    EXPECT_EQ(root.major, 254U);
    EXPECT_EQ(root.minor, 0U);
    EXPECT_EQ(root.mount_point, "/");
    EXPECT_EQ(root.fs_type, "ext4");
    EXPECT_EQ(root.source, "/dev/vda");
    EXPECT_EQ(root.options, "rw,relatime");
    EXPECT_EQ(table.find_source("tmp fs").size(), 1U);
}

TEST(MountinfoParser, LastMountAtAPointIsTheVisibleOne) {
    const MountTable table = parse_mountinfo(fixture("mountinfo.txt"));
    const MountEntry* top = table.find_mount_point("/tmp/exmnt dir");
    ASSERT_NE(top, nullptr);
    EXPECT_EQ(top->source, "over");
    EXPECT_EQ(table.find_mount_point("/srv/db1/data"), nullptr);
    EXPECT_EQ(table.find_mount_point("/run/netns")->root, "/run/netns");
}

TEST(MountinfoParser, ReadsOptionalFieldsAndSuperOptions) {
    const MountTable table = parse_mountinfo(
        "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 shared:7 - ext3 /dev/root rw,errors=continue\n");
    ASSERT_EQ(table.entries.size(), 1U);
    EXPECT_EQ(table.entries[0].optional_fields, (std::vector<std::string>{"master:1", "shared:7"}));
    EXPECT_EQ(table.entries[0].fs_type, "ext3");
    EXPECT_EQ(table.entries[0].super_options, "rw,errors=continue");
}

TEST(MountinfoParser, DecodesEveryOctalEscape) {
    EXPECT_EQ(unescape_mountinfo(R"(/a\040b\011c\012d\134e)"), "/a b\tc\nd\\e");
    EXPECT_EQ(unescape_mountinfo(R"(/trailing\04)"), R"(/trailing\04)");
}

TEST(MountinfoParser, MalformedLineThrowsWithLineNumber) {
    EXPECT_THROW((void)parse_mountinfo("1 2 3:4 / /\n"), Error);
    try {
        (void)parse_mountinfo("36 35 98:0 / /a rw - ext4 /dev/x rw\nx 35 98:0 / /b rw - ext4 /dev/y rw\n");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(std::string{e.what()}, "mountinfo line 2: 'x' is not a number");
    }
}

TEST(IpAddrParser, ParsesCapturedHostInterfaces) {
    const AddressTable table = parse_ip_addr(fixture("ip_addr_host.json"));
    const Interface* lo = table.find_interface("lo");
    ASSERT_NE(lo, nullptr);
    EXPECT_TRUE(lo->up());
    EXPECT_EQ(lo->link_type, "loopback");
    const auto hit = table.find_address("127.0.0.1");
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->interface->name, "lo");
    EXPECT_EQ(hit->address->prefixlen, 8);
    EXPECT_EQ(hit->address->family, "inet");
    EXPECT_EQ(table.find_address("10.255.255.254"), std::nullopt);
}

TEST(IpAddrParser, ReadsLabelsAndComparesIpv6ByValue) {
    const AddressTable table = parse_ip_addr(fixture("ip_addr_netns_labels.json"));
    const auto alias = table.find_address("10.231.99.5");
    ASSERT_TRUE(alias);
    EXPECT_EQ(alias->interface->name, "vx0");
    EXPECT_EQ(alias->address->label, "vx0:1");
    EXPECT_EQ(alias->address->prefixlen, 24);
    const auto v6 = table.find_address("fd42:0:0::7");
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->address->local, "fd42::7");
    EXPECT_FALSE(v6->address->tentative);
    EXPECT_TRUE(table.find_address("fd42::9")->address->tentative);
    EXPECT_FALSE(table.find_interface("vx0")->mac.empty());
}

TEST(IpAddrParser, ReadsDadFailedAddress) {
    const AddressTable table = parse_ip_addr(fixture("ip_addr_netns_dadfailed.json"));
    const auto hit = table.find_address("fd42::1");
    ASSERT_TRUE(hit);
    EXPECT_TRUE(hit->address->dadfailed);
    EXPECT_TRUE(hit->address->tentative);
    EXPECT_EQ(hit->interface->name, "vx1");
}

TEST(IpAddrParser, RejectsWhatIsNotAnInterfaceArray) {
    EXPECT_THROW((void)parse_ip_addr("{}"), Error);
    EXPECT_THROW((void)parse_ip_addr("Object \"addr\" is unknown"), Error);
    EXPECT_TRUE(parse_ip_addr("[]").interfaces.empty());
}

TEST(LvmFullreportParser, ParsesCapturedVolumeGroupsWithoutLv) {
    const VolumeGroupTable table = parse_lvm_fullreport(fixture("lvm_fullreport_vgs_without_lv.json"));
    ASSERT_EQ(table.groups.size(), 2U);
    const VolumeGroup* vg = table.find("exdb1");
    ASSERT_NE(vg, nullptr);
    EXPECT_EQ(vg->tags, (std::vector<std::string>{"node-1-1", "prd"}));
    EXPECT_TRUE(vg->has_tag("node-1-1"));
    EXPECT_TRUE(vg->lvs.empty());
    EXPECT_FALSE(vg->any_lv_active());
    EXPECT_EQ(vg->pvs, (std::vector<std::string>{"/dev/loop0"}));
    EXPECT_TRUE(table.find("exdb2")->tags.empty());
}

TEST(LvmFullreportParser, ReadsLvsAndActiveFlag) {
    const VolumeGroupTable table = parse_lvm_fullreport(fixture("lvm_fullreport_db1.json"));
    const VolumeGroup* vg = table.find("db1");
    ASSERT_NE(vg, nullptr);
    ASSERT_EQ(vg->lvs.size(), 2U);
    EXPECT_TRUE(vg->find_lv("data")->active());
    EXPECT_EQ(vg->find_lv("data")->path, "/dev/db1/data");
    EXPECT_FALSE(vg->find_lv("logs")->active());
    EXPECT_EQ(vg->find_lv("logs")->tags, (std::vector<std::string>{"backup", "daily"}));
    EXPECT_TRUE(vg->any_lv_active());
    EXPECT_EQ(vg->find_lv("missing"), nullptr);
    EXPECT_EQ(table.find("db2"), nullptr);
}

TEST(LvmFullreportParser, RejectsAnythingButAReport) {
    EXPECT_THROW((void)parse_lvm_fullreport("[]"), Error);
    EXPECT_THROW((void)parse_lvm_fullreport(""), Error);
    EXPECT_TRUE(parse_lvm_fullreport(R"({"report": []})").groups.empty());
}

TEST(DockerParsers, PsListsFullIdsNamesAndStates) {
    const auto entries = parse_docker_ps(fixture("docker_ps.jsonl"));
    ASSERT_EQ(entries.size(), 3U);
    EXPECT_EQ(entries[0].id, "0363bb5834f23b394065b9a1e31b911e8d848bf01c8e697b55afa926e7849570");
    EXPECT_EQ(entries[0].names, (std::vector<std::string>{"db1.container.0"}));
    EXPECT_EQ(entries[2].state, "exited");
    EXPECT_TRUE(parse_docker_ps("").empty());
    EXPECT_THROW((void)parse_docker_ps("Cannot connect to the Docker daemon\n"), Error);
}

TEST(DockerParsers, InspectGivesStatusFieldsOfEachContainer) {
    const auto containers = parse_docker_inspect(fixture("docker_inspect.json"));
    ASSERT_EQ(containers.size(), 3U);
    const ContainerInfo& pause = containers[0];
    EXPECT_EQ(pause.name, "db1.container.0");
    EXPECT_EQ(pause.image, "google/pause");
    EXPECT_TRUE(pause.running);
    EXPECT_EQ(pause.pid, 41230);
    EXPECT_EQ(pause.sandbox_key, "/var/run/docker/netns/21c851c4646b");
    EXPECT_EQ(pause.health, "");
    EXPECT_EQ(containers[1].health, "healthy");
    const ContainerInfo& init = containers[2];
    EXPECT_FALSE(init.running);
    EXPECT_EQ(init.state, "exited");
    EXPECT_EQ(init.exit_code, 3);
    EXPECT_EQ(init.pid, 0);
    EXPECT_EQ(init.image, "busybox:1.36");
}

TEST(DockerParsers, ImagesMatchByReferenceOrId) {
    const ImageTable table = parse_docker_images(fixture("docker_images.jsonl"));
    EXPECT_TRUE(table.has("google/pause"));
    EXPECT_TRUE(table.has("google/pause:latest"));
    EXPECT_TRUE(table.has("docker.io/library/postgres"));
    EXPECT_TRUE(table.has("busybox:1.36"));
    EXPECT_FALSE(table.has("busybox"));  // only 1.36 is present, not latest
    EXPECT_TRUE(table.has("sha256:a416a98b71e2"));
    EXPECT_TRUE(table.has("a416a98b71e2"));
    EXPECT_FALSE(table.has("registry.local:5000/pause"));
}

}  // namespace
}  // namespace svcagent::exec
