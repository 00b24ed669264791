#pragma once

#include <svcagent/driver.hpp>

namespace svcagent::drivers::app {

// app (SPEC §9.7): user scripts. Both types share one keyword table.
[[nodiscard]] const DriverSpec& forking_spec();
[[nodiscard]] const DriverSpec& simple_spec();

}  // namespace svcagent::drivers::app
