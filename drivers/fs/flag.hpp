#pragma once

#include <svcagent/driver.hpp>

namespace svcagent::drivers::fs {

// fs.flag (SPEC §9.5.1): a volatile "started here" marker file.
[[nodiscard]] const DriverSpec& flag_spec();

}  // namespace svcagent::drivers::fs
