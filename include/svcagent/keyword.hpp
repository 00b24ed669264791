#pragma once

#include <span>
#include <string_view>

namespace svcagent {

// Converters of SPEC §3.2.
enum class ValueType { string, lower, boolean, integer, size, duration, list, list_lower, list_comma, set, schedule, shlex };

// SPEC §4.4: where an unset keyword of a resource section is looked up.
enum class Inherit { leaf, head, leaf_head };

// One keyword, declared once (SPEC §3.1). Tables of these live next to the code that reads them:
// DEFAULT and common resource keywords in src/config/schema_*.cpp, driver keywords in the driver.
struct Keyword {
    std::string_view name;
    ValueType type = ValueType::string;
    const char* default_value = nullptr;    // text converted like a configured value; nullptr: unset
    std::string_view default_help{};        // shown instead of default_value when computed ("first of nodes")
    bool scopable = false;
    Inherit inherit = Inherit::leaf;
    std::span<const std::string_view> candidates{};  // strict when non-empty
    bool required = false;
    std::span<const std::string_view> aliases{};     // deprecated names (SPEC §3.5)
    std::string_view help{};
};

[[nodiscard]] std::string_view to_text(ValueType type) noexcept;  // "duration"
[[nodiscard]] std::string_view to_text(Inherit inherit) noexcept;  // "leaf > head"

}  // namespace svcagent
