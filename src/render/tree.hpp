#pragma once

// Tree layout of `print status` (SPEC §11.1).

#include <span>
#include <string>

#include "render/layout.hpp"
#include "status/instance_status.hpp"

namespace svcagent::render {

// One service: the service line, the instance lines (peers in nodes then drpnodes order, the
// local node last) and the local resources. Every line ends with '\n'.
[[nodiscard]] std::string render_tree(const ServiceView& view, const RenderOptions& options);
// Several services: one tree each, separated by a blank line.
[[nodiscard]] std::string render_trees(std::span<const ServiceView> views, const RenderOptions& options);

}  // namespace svcagent::render
