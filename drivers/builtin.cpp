#include <svcagent/registry.hpp>

namespace svcagent {

// The only list of drivers: one line per driver.
DriverRegistry make_builtin_registry() {
    DriverRegistry registry;
    return registry;
}

}  // namespace svcagent
