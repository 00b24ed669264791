#pragma once

#include <span>
#include <string_view>
#include <vector>

#include <svcagent/driver.hpp>

namespace svcagent {

// The explicit list of drivers (drivers/builtin.cpp); built once at start-up, immutable afterwards.
class DriverRegistry {
public:
    void add(const DriverSpec& spec);  // same group/type twice: std::logic_error
    [[nodiscard]] const DriverSpec* find(std::string_view group, std::string_view type) const;
    [[nodiscard]] std::span<const DriverSpec> all() const { return m_specs; }  // sorted by group, type

private:
    std::vector<DriverSpec> m_specs;
};

DriverRegistry make_builtin_registry();

}  // namespace svcagent
