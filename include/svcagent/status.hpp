#pragma once

#include <optional>
#include <string_view>

namespace svcagent {

// Status values of SPEC §10.1; the integers are part of the interface (exit codes).
enum class Status : int {
    up = 0,
    down = 1,
    warn = 2,
    na = 3,
    undef = 5,
    stdby_up = 6,
    stdby_down = 7,
    up_with_stdby = 8,       // internal: displayed "up"
    stdby_up_with_down = 9,  // internal: displayed "stdby up"
};

// Merge table of SPEC §10.3 (symmetric, undef is neutral).
[[nodiscard]] Status merge(Status a, Status b) noexcept;
// "up", "down", "warn", "n/a", "undef", "stdby up", "stdby down"; 8 -> "up", 9 -> "stdby up".
[[nodiscard]] std::string_view to_text(Status s) noexcept;
// Inverse of to_text (also accepts "na"); nullopt for any other text.
[[nodiscard]] std::optional<Status> parse_status(std::string_view text) noexcept;
// Status for an integer; nullopt for an integer that is not a status (e.g. 4, 40).
[[nodiscard]] std::optional<Status> status_from_int(int value) noexcept;

}  // namespace svcagent
