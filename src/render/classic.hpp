#pragma once

// Classic layout of `print status --format classic` (SPEC §11.2, the later form).

#include <span>
#include <string>

#include "render/layout.hpp"
#include "status/instance_status.hpp"

namespace svcagent::render {

// The local instance only: overall, the avail block, the accessory block (sync and optional
// resources; omitted when empty). Every line ends with '\n'.
[[nodiscard]] std::string render_classic(const ServiceView& view, const RenderOptions& options);
// Several services, separated by a blank line.
[[nodiscard]] std::string render_classics(std::span<const ServiceView> views, const RenderOptions& options);

}  // namespace svcagent::render
