#pragma once

#include <svcagent/driver.hpp>

namespace svcagent::drivers::container {

// container.docker (SPEC §9.6, alias type oci): a docker container.
[[nodiscard]] const DriverSpec& docker_spec();

}  // namespace svcagent::drivers::container
