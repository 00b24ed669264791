#include "example_views.hpp"

#include <utility>

#include "status/aggregate.hpp"

namespace svcagent::test {

namespace {

ResourceState res(std::string rid, std::string type, std::string label, Status status = Status::up) {
    ResourceState r;
    r.group = type.substr(0, type.find('.'));
    r.rid = std::move(rid);
    r.type = std::move(type);
    r.label = std::move(label);
    r.status = status;
    r.provisioned = true;
    return r;
}

ResourceState config_sync(Status status = Status::up) {
    ResourceState r = res("sync#i0", "sync.rsync", "rsync svc config to nodes", status);
    r.provisioned.reset();
    return r;
}

ResourceState unsupported_gce(std::string rid, std::string group, std::string subset, bool standby) {
    ResourceState r = res(std::move(rid), group + ".gce", "gce (unsupported driver)", Status::na);
    r.unsupported = true;
    r.provisioned.reset();
    r.subset = std::move(subset);
    r.standby = standby;
    return r;
}

InstanceStatus instance(std::string svc, std::string node, std::vector<ResourceState> resources,
                        std::string local_expect = "started") {
    InstanceStatus s;
    s.name = std::move(svc);
    s.nodename = std::move(node);
    s.resources = std::move(resources);
    apply_aggregation(s);
    s.provisioned = instance_provisioned(s.resources);
    s.monitor = {.status = "idle", .local_expect = std::move(local_expect)};
    return s;
}

PeerInstance peer(const std::string& svc, const std::string& node, Status avail, std::string local_expect) {
    InstanceStatus data;
    data.name = svc;
    data.nodename = node;
    data.avail = avail;
    data.overall = avail;
    data.monitor = {.status = "idle", .local_expect = std::move(local_expect)};
    return {.node = node, .data = std::move(data)};
}

ServiceView busybox_base(const std::string& local, const std::string& other,
                         std::vector<ResourceState> resources, Status other_avail, std::string local_expect) {
    ServiceView v;
    v.name = "busybox.opensvc.com";
    v.nodes = {"deb1.opensvc.com", "deb2.opensvc.com"};
    v.local = instance(v.name, local, std::move(resources), std::move(local_expect));
    v.peers.push_back(peer(v.name, other, other_avail, ""));
    return v;
}

std::vector<ResourceState> busybox_resources(Status status) {
    return {
        res("ip#1", "ip.host", "busybox.opensvc.com@eth0", status),
        res("vg#1", "disk.vg", "vg vgbusybox", status),
        res("fs#1", "fs.ext4", "ext4 /dev/mapper/vgbusybox-lvbusyboxroot@/opt/busybox.opensvc.com", status),
        res("fs#2", "fs.ext4", "ext4 /dev/mapper/vgbusybox-lvbusyboxdata@/opt/busybox.opensvc.com/appdata",
            status),
        res("container#1", "container.docker",
            "docker container busybox.opensvc.com.container.1@b073e328878e", status),
    };
}

}  // namespace

ServiceView db1_view() {
    ServiceView v;
    v.name = "db1";
    v.nodes = {"node-1-1", "node-1-2"};
    // Engine order on purpose: the renderer sorts by group, then natural rid order.
    v.local =
        instance("db1", "node-1-1",
                 {
                     config_sync(),
                     res("container#1", "container.docker", "docker container db1.container.1@postgres"),
                     res("container#0", "container.docker", "docker container db1.container.0@google/pause"),
                     res("fs#1", "fs.xfs", "xfs /dev/db1/data@/srv/db1/data"),
                     res("disk#1", "disk.lv", "lv db1/data"),
                     res("disk#0", "disk.vg", "vg db1"),
                     res("ip#0", "ip.netns", "netns ipvlan-l2 10.20.0.50/24 bond0@container#0"),
                 });
    v.peers.push_back(peer("db1", "node-1-2", Status::down, ""));
    return v;
}

ServiceView svc1_view() {
    ServiceView v;
    v.name = "svc1";
    v.nodes = {"node1", "node2"};
    ResourceState disk0 = res("disk#0", "disk.vg", "vg vgsvc1");
    disk0.subset = "cge";
    ResourceState disk1 = res("disk#1", "disk.lv", "lv vgsvc1/lv1", Status::stdby_up);
    disk1.subset = "cge";
    disk1.standby = true;
    ResourceState fs0 = res("fs#0", "fs.ext4", "ext4 /dev/vgsvc1/lv1@/srv/svc1");
    fs0.monitor = true;
    ResourceState container0 = res("container#0", "container.docker",
                                   "docker container svc1.container.0@busybox:latest", Status::down);
    container0.optional = true;
    container0.provisioned = false;
    container0.log.push_back({"warn", "image busybox:latest is not present"});
    ResourceState app0 = res("app#0", "app.forking", "forking /etc/opensvc/svc1.d/web", Status::na);
    app0.disabled = true;
    app0.provisioned.reset();
    v.local = instance(
        "svc1", "node1",
        {res("ip#0", "ip.host", "10.30.1.10@eth0"), disk0, disk1, fs0, container0, app0, config_sync()});
    v.local.subsets.push_back({.group = "disk", .name = "cge", .parallel = true});
    // §10.6 alone makes this instance part-provisioned (container#0 is not provisioned), but the
    // §11.1 example shows no such notice: the example's instance state is taken as given.
    v.local.provisioned = Provisioned::yes;
    v.peers.push_back(peer("svc1", "node2", Status::down, ""));
    return v;
}

ServiceView busybox_view() {
    auto resources = busybox_resources(Status::up);
    resources.push_back(config_sync());
    return busybox_base("deb1.opensvc.com", "deb2.opensvc.com", std::move(resources), Status::down,
                        "started");
}

ServiceView busybox_need_update_view() {
    auto resources = busybox_resources(Status::up);
    resources.push_back(config_sync(Status::down));
    resources.back().log.push_back({"warn", "deb2.opensvc.com need update"});
    return busybox_base("deb1.opensvc.com", "deb2.opensvc.com", std::move(resources), Status::down,
                        "started");
}

ServiceView busybox_passive_view() {
    auto resources = busybox_resources(Status::down);
    resources.back().log.push_back({"info", "docker daemon is not running"});
    resources.push_back(config_sync());
    return busybox_base("deb2.opensvc.com", "deb1.opensvc.com", std::move(resources), Status::up, "");
}

ServiceView spdsvc01_view() {
    ServiceView v;
    v.name = "spdsvc01";
    v.topology = "flex";
    v.flex_primary = "spd01";
    v.nodes = {"spd01", "spd02", "spd03", "spd04"};
    v.show_disabled = false;
    ResourceState container_db =
        res("container#01db", "container.docker", "docker container spdsvc01.container.01db@mariadb");
    container_db.subset = "containers";
    ResourceState container_sm =
        res("container#01sm", "container.docker", "docker container spdsvc01.container.01sm@tanji/spdc");
    container_sm.subset = "containers";
    // Pod 02 is disabled on spd01 and hidden (show_disabled = false), its own subset with it.
    ResourceState fs02 =
        res("fs#02", "fs.ext4", "ext4 /dev/disk/by-id/google-spdsvc01.disk.02.0@/spdsvc01/pod02", Status::na);
    fs02.disabled = true;
    ResourceState container02 =
        res("container#02db", "container.docker", "docker container x@mariadb", Status::na);
    container02.disabled = true;
    container02.subset = "containers";
    ResourceState disk02 = unsupported_gce("disk#02", "disk", "pod02", true);
    disk02.disabled = true;
    v.local = instance(
        "spdsvc01", "spd01",
        {
            res("ip#01db", "ip.netns", "netns bridge 10.0.0.34/24 br0@container#01db"),
            res("ip#01sm", "ip.netns", "netns bridge 10.0.0.33/24 br0@container#01sm"),
            unsupported_gce("ip#01smg", "ip", "cge", false),
            unsupported_gce("ip#01dbg", "ip", "cge", false),
            unsupported_gce("disk#00", "disk", "gce", true),
            unsupported_gce("disk#01", "disk", "cge", true),
            res("fs#00", "fs.btrfs", "btrfs LABEL=spdsvc01@/spdsvc01"),
            res("fs#01", "fs.ext4", "ext4 /dev/disk/by-id/google-spdsvc01.disk.01.0@/spdsvc01/pod01"),
            container_sm,
            container_db,
            fs02,
            container02,
            disk02,
            config_sync(),
        });
    v.local.subsets = {{.group = "disk", .name = "cge", .parallel = true},
                       {.group = "ip", .name = "cge", .parallel = true},
                       {.group = "container", .name = "containers", .parallel = true}};
    for (const char* node : {"spd04", "spd03", "spd02"}) {
        v.peers.push_back(peer("spdsvc01", node, Status::up, "started"));
    }
    return v;
}

}  // namespace svcagent::test
