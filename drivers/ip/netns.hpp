#pragma once

#include <svcagent/driver.hpp>

namespace svcagent::drivers::ip {

// ip.netns (SPEC §9.2, alias type docker): an address inside a container's network namespace.
[[nodiscard]] const DriverSpec& netns_spec();

}  // namespace svcagent::drivers::ip
