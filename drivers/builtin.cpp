#include <svcagent/registry.hpp>

#include "app/app.hpp"
#include "container/docker.hpp"
#include "disk/lv.hpp"
#include "disk/vg.hpp"
#include "fs/flag.hpp"
#include "fs/fs.hpp"
#include "ip/host.hpp"
#include "ip/netns.hpp"
#include "sync/rsync.hpp"

namespace svcagent {

// The only list of drivers: one line per driver.
DriverRegistry make_builtin_registry() {
    DriverRegistry registry;
    registry.add(drivers::ip::host_spec());
    registry.add(drivers::ip::netns_spec());
    registry.add(drivers::disk::vg_spec());
    registry.add(drivers::disk::lv_spec());
    registry.add(drivers::fs::generic_spec());
    registry.add(drivers::fs::ext2_spec());
    registry.add(drivers::fs::ext3_spec());
    registry.add(drivers::fs::ext4_spec());
    registry.add(drivers::fs::xfs_spec());
    registry.add(drivers::fs::btrfs_spec());
    registry.add(drivers::fs::flag_spec());
    registry.add(drivers::container::docker_spec());
    registry.add(drivers::app::forking_spec());
    registry.add(drivers::app::simple_spec());
    registry.add(drivers::sync::rsync_spec());
    return registry;
}

}  // namespace svcagent
