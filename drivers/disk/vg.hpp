#pragma once

#include <svcagent/driver.hpp>

namespace svcagent::drivers::disk {

// disk.vg (SPEC §9.3, alias type lvm, legacy [vg#N] sections): an LVM volume group.
[[nodiscard]] const DriverSpec& vg_spec();

}  // namespace svcagent::drivers::disk
