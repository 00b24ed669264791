#pragma once

#include <string_view>

namespace svcagent::util {

// Natural order of SPEC §8.3: strings are cut into runs of digits and non-digits; digit runs compare
// by numeric value, then the shorter run first ("1" < "01"); other runs compare by bytes; a string
// that is a prefix (in runs) of another comes first. fs#2 < fs#10 < fs#10a, ip#01db < ip#01dbg.
// Returns <0, 0 or >0.
[[nodiscard]] int natural_compare(std::string_view a, std::string_view b) noexcept;

[[nodiscard]] inline bool natural_less(std::string_view a, std::string_view b) noexcept {
    return natural_compare(a, b) < 0;
}

// Comparator for std::sort, std::map, std::set.
struct NaturalLess {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const noexcept { return natural_less(a, b); }
};

}  // namespace svcagent::util
