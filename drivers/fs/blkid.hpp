#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <svcagent/driver.hpp>

namespace svcagent::drivers {

// What `blkid -p -o export <dev>` (a probe) finds on a device: exit 2 is "no signature".
struct Signature {
    bool found = false;
    std::string type;  // TYPE=, else PTTYPE= (a partition table), else "unknown"
};

// Throws CommandError on any exit other than 0 and 2.
[[nodiscard]] Signature probe_signature(ActionContext& ctx, const std::string& device,
                                        std::chrono::milliseconds timeout);

// The device holding `spec` ("LABEL=data", "UUID=..."), via `blkid -l -o device -t <spec>`;
// nullopt when nothing matches.
[[nodiscard]] std::optional<std::string> find_tagged_device(ActionContext& ctx, const std::string& spec);

}  // namespace svcagent::drivers
