#pragma once

#include <svcagent/driver.hpp>

namespace svcagent::drivers::ip {

// ip.host (SPEC §9.1): a service address on a host interface.
[[nodiscard]] const DriverSpec& host_spec();

}  // namespace svcagent::drivers::ip
