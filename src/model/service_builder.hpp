#pragma once

#include "config/service_config.hpp"
#include "engine/graph.hpp"

namespace svcagent::model {

// Builds the engine's graph from a valid configuration (SPEC §8.1): one node per resource section
// in file order, drivers made from their resolved keywords (bad values throw ConfigError, before any
// command runs), unsupported drivers as placeholders, subsets, DEFAULT settings and triggers.
[[nodiscard]] engine::ServiceGraph build_graph(const config::ServiceConfig& config);

}  // namespace svcagent::model
