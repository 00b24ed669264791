#include "flag.hpp"

#include "flag_resource.hpp"

#include <array>

namespace svcagent::drivers::fs {

namespace {

// SPEC §9.5.1: only type and the common keywords.
constexpr auto k_keywords = std::to_array<Keyword>({
    {.name = "type", .type = ValueType::lower, .required = true, .help = "filesystem type"},
});

// Resource implementation: see issue "Host drivers".
constexpr DriverSpec k_spec{
    .group = "fs",
    .type = "flag",
    .keywords = k_keywords,
    .caps = {},
    .make = make_flag,
    .help = "a volatile \"is this instance started here\" marker file: no device, no mount",
};

}  // namespace

const DriverSpec& flag_spec() {
    return k_spec;
}

}  // namespace svcagent::drivers::fs
