#include <svcagent/status.hpp>

#include <array>

namespace svcagent {

namespace {
// Index order of the merge table (SPEC §10.3): up down warn n/a stdby_up stdby_down 8 9.
constexpr int index_of(Status s) noexcept {
    switch (s) {
    case Status::up: return 0;
    case Status::down: return 1;
    case Status::warn: return 2;
    case Status::na: return 3;
    case Status::stdby_up: return 4;
    case Status::stdby_down: return 5;
    case Status::up_with_stdby: return 6;
    case Status::stdby_up_with_down: return 7;
    case Status::undef: return -1;
    }
    return -1;
}

using S = Status;
constexpr std::array<std::array<Status, 8>, 8> k_merge{{
    {S::up, S::warn, S::warn, S::up, S::up_with_stdby, S::warn, S::up_with_stdby, S::warn},
    {S::warn, S::down, S::warn, S::down, S::stdby_up_with_down, S::stdby_down, S::warn, S::stdby_up_with_down},
    {S::warn, S::warn, S::warn, S::warn, S::warn, S::warn, S::warn, S::warn},
    {S::up, S::down, S::warn, S::na, S::stdby_up, S::stdby_down, S::up_with_stdby, S::stdby_up_with_down},
    {S::up_with_stdby, S::stdby_up_with_down, S::warn, S::stdby_up, S::stdby_up, S::warn, S::up_with_stdby,
     S::stdby_up_with_down},
    {S::warn, S::stdby_down, S::warn, S::stdby_down, S::warn, S::stdby_down, S::warn, S::warn},
    {S::up_with_stdby, S::warn, S::warn, S::up_with_stdby, S::up_with_stdby, S::warn, S::up_with_stdby, S::warn},
    {S::warn, S::stdby_up_with_down, S::warn, S::stdby_up_with_down, S::stdby_up_with_down, S::warn, S::warn,
     S::stdby_up_with_down},
}};
}  // namespace

Status merge(Status a, Status b) noexcept {
    const int ia = index_of(a);
    const int ib = index_of(b);
    if (ia < 0) {
        return b;
    }
    if (ib < 0) {
        return a;
    }
    return k_merge[static_cast<std::size_t>(ia)][static_cast<std::size_t>(ib)];
}

std::string_view to_text(Status s) noexcept {
    switch (s) {
    case Status::up: return "up";
    case Status::down: return "down";
    case Status::warn: return "warn";
    case Status::na: return "n/a";
    case Status::undef: return "undef";
    case Status::stdby_up: return "stdby up";
    case Status::stdby_down: return "stdby down";
    case Status::up_with_stdby: return "up";
    case Status::stdby_up_with_down: return "stdby up";
    }
    return "undef";
}

std::optional<Status> parse_status(std::string_view text) noexcept {
    for (const Status s : {S::up, S::down, S::warn, S::na, S::undef, S::stdby_up, S::stdby_down}) {
        if (to_text(s) == text) {
            return s;
        }
    }
    if (text == "na") {
        return Status::na;
    }
    return std::nullopt;
}

std::optional<Status> status_from_int(int value) noexcept {
    switch (value) {
    case 0: case 1: case 2: case 3: case 5: case 6: case 7: case 8: case 9:
        return static_cast<Status>(value);
    default:
        return std::nullopt;
    }
}

}  // namespace svcagent
