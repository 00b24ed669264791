#pragma once

#include <svcagent/driver.hpp>

namespace svcagent::drivers::disk {

// disk.lv (SPEC §9.4): an LVM logical volume.
[[nodiscard]] const DriverSpec& lv_spec();

}  // namespace svcagent::drivers::disk
