#pragma once

// Converters of SPEC §3.2: keyword text -> typed value. Vectors of §3.3 in
// tests/fixtures/config/converters.json.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <svcagent/error.hpp>
#include <svcagent/keyword.hpp>
#include <svcagent/section.hpp>

namespace svcagent::config {

// A text that does not convert. what() is `invalid <type> "<value>" (expected <form>)`; the caller
// puts the place in front: `<file>:<line>: <section>.<key>: ` (ConfigError(where, e.what())).
class ConversionError : public Error {
public:
    ConversionError(ValueType type, std::string value, std::string_view expected);
    [[nodiscard]] ValueType type() const noexcept { return m_type; }
    [[nodiscard]] const std::string& value() const noexcept { return m_value; }
    [[nodiscard]] const std::string& expected() const noexcept { return m_expected; }

private:
    ValueType m_type;
    std::string m_value;
    std::string m_expected;
};

// The "(expected ...)" text of a type ("yes/no/true/false/1/0"); empty for types that accept anything.
[[nodiscard]] std::string_view expected_form(ValueType type) noexcept;

// string, lower: std::string; boolean: bool; integer: int64; size: int64 bytes, or the text for
// the NN%FREE forms; duration: int64 seconds; list, list_lower, list_comma, set (sorted, unique),
// schedule (the items), shlex: vector<string>. Throws ConversionError.
[[nodiscard]] ValueData convert(ValueType type, std::string_view text);
// nullopt (unset keyword without default) gives null (std::monostate).
[[nodiscard]] ValueData convert(ValueType type, const std::optional<std::string>& text);

[[nodiscard]] bool to_boolean(std::string_view text);
[[nodiscard]] std::int64_t to_integer(std::string_view text);

// Size text to bytes: nullopt for the forms handed verbatim to lvcreate -l (50%FREE, 10%VG, 20%).
[[nodiscard]] std::optional<std::int64_t> to_bytes(std::string_view text);
// Size text converted to unit ("", "B", "K", "Ki", "MB", "GiB", ... as accepted in values) rounded
// down to a multiple of `multiple` of that unit. A %-form value is a ConversionError, a bad unit
// or multiple < 1 a std::invalid_argument (caller bug).
[[nodiscard]] std::int64_t size_to_unit(std::string_view text, std::string_view unit = "",
                                        std::int64_t multiple = 1);

// Duration text in seconds, or converted to unit `to` ("s", "m", "h", "d", "w"; rounded down).
// A plain integer is in unit `from`. A bad unit is a std::invalid_argument.
[[nodiscard]] std::int64_t to_duration(std::string_view text, std::string_view to = "s",
                                       std::string_view from = "s");

// list: words separated by blanks (space, tab, newline).
[[nodiscard]] std::vector<std::string> split_words(std::string_view text);
// list_comma: comma-separated items, trimmed, empty ones dropped.
[[nodiscard]] std::vector<std::string> split_commas(std::string_view text);
// POSIX shell-like words (quotes, backslash escapes; no expansion, no comments). Unbalanced quote
// or trailing backslash: ConversionError.
[[nodiscard]] std::vector<std::string> shlex_split(std::string_view text);

// One item of the schedule grammar of SPEC §14.9: `[HH:MM-HH:MM][@<minutes>]`.
struct ScheduleItem {
    std::optional<int> begin, end;           // minutes since midnight; none: the whole day
    std::optional<std::int64_t> interval{};  // minimum minutes between two runs; none: once per range
    std::string text{};                      // the item as written (trimmed)
};
// "" gives no item (never runs). Throws ConversionError.
[[nodiscard]] std::vector<ScheduleItem> parse_schedule(std::string_view text);

}  // namespace svcagent::config
