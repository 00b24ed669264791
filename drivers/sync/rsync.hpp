#pragma once

#include <svcagent/driver.hpp>

namespace svcagent::drivers::sync {

// sync.rsync (SPEC §9.8): copies local files to peers with rsync over ssh. Optional by default.
[[nodiscard]] const DriverSpec& rsync_spec();

}  // namespace svcagent::drivers::sync
