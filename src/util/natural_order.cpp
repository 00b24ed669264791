#include "util/natural_order.hpp"

#include <algorithm>
#include <cstddef>

namespace svcagent::util {

namespace {

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

// Length of the run (digits or non-digits) starting at text[pos].
std::size_t run_length(std::string_view text, std::size_t pos) noexcept {
    const bool digits = is_digit(text[pos]);
    std::size_t end = pos + 1;
    while (end < text.size() && is_digit(text[end]) == digits) {
        ++end;
    }
    return end - pos;
}

int sign(int value) noexcept {
    return (value > 0) - (value < 0);
}

int compare_bytes(std::string_view a, std::string_view b) noexcept {
    return sign(a.compare(b));
}

// Both runs are all digits, of any length (no overflow: compared as text).
int compare_numbers(std::string_view a, std::string_view b) noexcept {
    const std::string_view sa = a.substr(std::min(a.find_first_not_of('0'), a.size()));
    const std::string_view sb = b.substr(std::min(b.find_first_not_of('0'), b.size()));
    if (sa.size() != sb.size()) {
        return sa.size() < sb.size() ? -1 : 1;
    }
    if (const int c = compare_bytes(sa, sb); c != 0) {
        return c;
    }
    if (a.size() != b.size()) {
        return a.size() < b.size() ? -1 : 1;  // same value: shorter run first
    }
    return 0;
}

}  // namespace

int natural_compare(std::string_view a, std::string_view b) noexcept {
    std::size_t ia = 0;
    std::size_t ib = 0;
    while (ia < a.size() && ib < b.size()) {
        const std::string_view ra = a.substr(ia, run_length(a, ia));
        const std::string_view rb = b.substr(ib, run_length(b, ib));
        const int c =
            is_digit(ra.front()) && is_digit(rb.front()) ? compare_numbers(ra, rb) : compare_bytes(ra, rb);
        if (c != 0) {
            return c;
        }
        ia += ra.size();
        ib += rb.size();
    }
    if (ia < a.size()) {
        return 1;
    }
    if (ib < b.size()) {
        return -1;
    }
    return 0;
}

}  // namespace svcagent::util
