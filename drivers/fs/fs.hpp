#pragma once

#include <svcagent/driver.hpp>

namespace svcagent::drivers::fs {

// fs (SPEC §9.5). ext2, ext3, ext4, xfs and btrfs get fsck and mkfs support; every other mount type
// (nfs, tmpfs, bind, ...) uses the generic spec, whose type is "" (mount and umount only).
// All of them share one keyword table. zfs and directory are unsupported (src/config/schema).
[[nodiscard]] const DriverSpec& generic_spec();
[[nodiscard]] const DriverSpec& ext2_spec();
[[nodiscard]] const DriverSpec& ext3_spec();
[[nodiscard]] const DriverSpec& ext4_spec();
[[nodiscard]] const DriverSpec& xfs_spec();
[[nodiscard]] const DriverSpec& btrfs_spec();

}  // namespace svcagent::drivers::fs
