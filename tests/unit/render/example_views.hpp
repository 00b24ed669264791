#pragma once

// The services of the SPEC §11 and §18 examples, built by hand as the engine would fill them.

#include "status/instance_status.hpp"

namespace svcagent::test {

[[nodiscard]] ServiceView db1_view();                  // §18.1, seed 000: everything up on node-1-1
[[nodiscard]] ServiceView svc1_view();                 // §11.1: subset, standby, log line, disabled app
[[nodiscard]] ServiceView busybox_view();              // §18.2: deb1 up, sync#i0 up
[[nodiscard]] ServiceView busybox_need_update_view();  // §18.2: sync#i0 down, peer needs update
[[nodiscard]] ServiceView busybox_passive_view();      // §11.2: deb2, everything down
[[nodiscard]] ServiceView spdsvc01_view();             // §18.3: flex, subsets, unsupported gce resources

}  // namespace svcagent::test
