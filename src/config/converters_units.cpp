// Size and duration converters of SPEC §3.2 (the other converters are in converters.cpp).

#include <cstdint>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "config/converters.hpp"
#include "util/strings.hpp"

namespace svcagent::config {

namespace {

__extension__ using Wide = unsigned __int128;  // exact size arithmetic (fraction times 1024^6)

constexpr std::string_view k_size_units = "KMGTPE";
constexpr int k_max_fraction_digits = 18;
constexpr std::int64_t k_max_int = std::numeric_limits<std::int64_t>::max();

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

char upper(char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

// `<n>%`, `<n>%FREE`, `<n>%VG`, `<n>%PVS`, `<n>%ORIGIN`: handed verbatim to lvcreate -l.
bool is_extent_form(std::string_view text) {
    const auto percent = text.find('%');
    if (percent == 0 || percent == std::string_view::npos) {
        return false;
    }
    for (const char c : text.substr(0, percent)) {
        if (!is_digit(c)) {
            return false;
        }
    }
    const std::string suffix = util::to_upper(text.substr(percent + 1));
    return suffix.empty() || suffix == "FREE" || suffix == "VG" || suffix == "PVS" || suffix == "ORIGIN";
}

// Factor of a unit `[KMGTPE][i][B]` (case-insensitive), "" and "B" being bytes; nullopt if invalid.
std::optional<std::int64_t> size_factor(std::string_view unit) {
    std::size_t pos = 0;
    int power = 0;
    bool decimal = false;
    if (pos < unit.size() && k_size_units.find(upper(unit[pos])) != std::string_view::npos) {
        power = static_cast<int>(k_size_units.find(upper(unit[pos]))) + 1;
        ++pos;
        if (pos < unit.size() && (unit[pos] == 'i' || unit[pos] == 'I')) {
            decimal = true;  // reverse of IEC, compatible with existing OpenSVC service files
            ++pos;
        }
    }
    if (pos < unit.size() && (unit[pos] == 'B' || unit[pos] == 'b')) {
        ++pos;
    }
    if (pos != unit.size()) {
        return std::nullopt;
    }
    std::int64_t factor = 1;
    for (int i = 0; i < power; ++i) {
        factor *= decimal ? 1000 : 1024;
    }
    return factor;
}

[[noreturn]] void bad_size(std::string_view text) {
    throw ConversionError(ValueType::size, std::string{text}, expected_form(ValueType::size));
}

[[noreturn]] void bad_duration(std::string_view text) {
    throw ConversionError(ValueType::duration, std::string{text}, expected_form(ValueType::duration));
}

std::int64_t duration_factor(std::string_view unit) {
    if (unit.size() == 1) {
        switch (upper(unit.front())) {
        case 'S':
            return 1;
        case 'M':
            return 60;
        case 'H':
            return 3600;
        case 'D':
            return 86400;
        case 'W':
            return 604800;
        default:
            break;
        }
    }
    throw std::invalid_argument(fmt::format("invalid duration unit \"{}\" (expected s, m, h, d or w)", unit));
}

std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
    const std::int64_t quotient = value / divisor;
    return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient;
}

}  // namespace

std::optional<std::int64_t> to_bytes(std::string_view text) {
    const std::string_view trimmed = util::trim(text);
    if (is_extent_form(trimmed)) {
        return std::nullopt;
    }
    std::size_t pos = 0;
    Wide whole = 0;
    Wide fraction = 0;
    Wide scale = 1;
    bool digits = false;
    for (; pos < trimmed.size() && is_digit(trimmed[pos]); ++pos, digits = true) {
        whole = whole * 10 + static_cast<unsigned>(trimmed[pos] - '0');
        if (whole > static_cast<Wide>(k_max_int)) {
            bad_size(text);
        }
    }
    if (pos < trimmed.size() && (trimmed[pos] == '.' || trimmed[pos] == ',')) {
        int count = 0;
        for (++pos; pos < trimmed.size() && is_digit(trimmed[pos]); ++pos, digits = true) {
            if (++count <= k_max_fraction_digits) {
                fraction = fraction * 10 + static_cast<unsigned>(trimmed[pos] - '0');
                scale *= 10;
            }
        }
    }
    if (!digits) {
        if (trimmed.empty()) {
            return 0;
        }
        bad_size(text);
    }
    const auto factor = size_factor(util::trim(trimmed.substr(pos)));
    if (!factor) {
        bad_size(text);
    }
    const Wide bytes = whole * static_cast<Wide>(*factor) + fraction * static_cast<Wide>(*factor) / scale;
    if (bytes > static_cast<Wide>(k_max_int)) {
        bad_size(text);
    }
    return static_cast<std::int64_t>(bytes);
}

std::int64_t size_to_unit(std::string_view text, std::string_view unit, std::int64_t multiple) {
    const auto factor = size_factor(unit);
    if (!factor) {
        throw std::invalid_argument(fmt::format("invalid size unit \"{}\" (expected [KMGTPE][i][B])", unit));
    }
    if (multiple < 1) {
        throw std::invalid_argument(fmt::format("invalid size multiple {}", multiple));
    }
    const auto bytes = to_bytes(text);
    if (!bytes) {
        throw ConversionError(ValueType::size, std::string{text}, "a size in bytes, not a share of extents");
    }
    const std::int64_t value = *bytes / *factor;
    return value - value % multiple;
}

std::int64_t to_duration(std::string_view text, std::string_view to, std::string_view from) {
    const std::int64_t to_factor = duration_factor(to);
    const std::int64_t from_factor = duration_factor(from);
    std::string compact;  // blanks are ignored
    for (const char c : text) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            compact += c;
        }
    }
    std::string_view rest = compact;
    const bool negative = !rest.empty() && rest.front() == '-';
    if (negative) {
        rest.remove_prefix(1);
        if (rest.empty()) {
            bad_duration(text);
        }
    }
    std::int64_t seconds = 0;
    while (!rest.empty()) {
        std::size_t digits = 0;
        std::int64_t count = 0;
        for (; digits < rest.size() && is_digit(rest[digits]); ++digits) {
            if (__builtin_mul_overflow(count, 10, &count) ||
                __builtin_add_overflow(count, rest[digits] - '0', &count)) {
                bad_duration(text);
            }
        }
        if (digits == 0) {
            bad_duration(text);
        }
        std::int64_t factor = from_factor;  // a plain integer
        if (digits < rest.size()) {
            const char unit = upper(rest[digits]);
            if (std::string_view{"SMHDW"}.find(unit) == std::string_view::npos) {
                bad_duration(text);
            }
            factor = duration_factor(std::string_view{&unit, 1});
            ++digits;
        } else if (digits != compact.size() - (negative ? 1 : 0)) {
            bad_duration(text);  // "1h30": a number without unit after items
        }
        std::int64_t item = 0;
        if (__builtin_mul_overflow(count, factor, &item) || __builtin_add_overflow(seconds, item, &seconds)) {
            bad_duration(text);
        }
        rest.remove_prefix(digits);
    }
    return floor_div(negative ? -seconds : seconds, to_factor);
}

}  // namespace svcagent::config
