// Converters of SPEC §3.2 (size and duration are in converters_units.cpp).

#include "config/converters.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace svcagent::config {

namespace {

constexpr std::string_view k_word_blanks = " \t\n\r\f\v";

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

[[noreturn]] void fail(ValueType type, std::string_view text) {
    throw ConversionError(type, std::string{text}, expected_form(type));
}

// "HH:MM" at the start of text -> minutes since midnight; advances pos.
std::optional<int> clock_time(std::string_view text, std::size_t& pos) {
    const std::string_view rest = text.substr(pos);
    const std::size_t colon = rest.find(':');
    if (colon == 0 || colon > 2 || rest.size() < colon + 3) {
        return std::nullopt;
    }
    int hours = 0;
    for (std::size_t i = 0; i < colon; ++i) {
        if (!is_digit(rest[i])) {
            return std::nullopt;
        }
        hours = hours * 10 + (rest[i] - '0');
    }
    if (!is_digit(rest[colon + 1]) || !is_digit(rest[colon + 2])) {
        return std::nullopt;
    }
    const int minutes = (rest[colon + 1] - '0') * 10 + (rest[colon + 2] - '0');
    if (hours > 23 || minutes > 59) {
        return std::nullopt;
    }
    pos += colon + 3;
    return hours * 60 + minutes;
}

std::optional<ScheduleItem> schedule_item(std::string_view text) {
    ScheduleItem item;
    item.text = text;
    std::size_t pos = 0;
    if (!text.empty() && text.front() != '@') {
        item.begin = clock_time(text, pos);
        if (!item.begin || pos >= text.size() || text[pos] != '-') {
            return std::nullopt;
        }
        ++pos;
        item.end = clock_time(text, pos);
        if (!item.end) {
            return std::nullopt;
        }
    }
    if (pos < text.size() && text[pos] == '@') {
        const std::string_view digits = text.substr(pos + 1);
        std::int64_t minutes = 0;
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), minutes);
        if (digits.empty() || !is_digit(digits.front()) || error != std::errc{} ||
            end != digits.data() + digits.size()) {
            return std::nullopt;
        }
        item.interval = minutes;
        pos = text.size();
    }
    if (pos != text.size() || (!item.begin && !item.interval)) {
        return std::nullopt;
    }
    return item;
}

std::vector<std::string> lowered(std::vector<std::string> words) {
    for (std::string& word : words) {
        word = util::to_lower(word);
    }
    return words;
}

std::vector<std::string> unique_sorted(std::vector<std::string> words) {
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return words;
}

std::vector<std::string> schedule_items(std::string_view text) {
    std::vector<std::string> items;
    for (const ScheduleItem& item : parse_schedule(text)) {
        items.push_back(item.text);
    }
    return items;
}

}  // namespace

ConversionError::ConversionError(ValueType type, std::string value, std::string_view expected)
    : Error(fmt::format("invalid {} \"{}\" (expected {})", to_text(type), value, expected)), m_type(type),
      m_value(std::move(value)), m_expected(expected) {}

std::string_view expected_form(ValueType type) noexcept {
    switch (type) {
    case ValueType::boolean:
        return "yes/no/true/false/1/0";
    case ValueType::integer:
        return "an integer, e.g. 10 or -3";
    case ValueType::size:
        return "e.g. 512M, 10G, 1.5TiB, 100%FREE";
    case ValueType::duration:
        return "<n>[wdhms]..., e.g. 1h30m";
    case ValueType::schedule:
        return "[HH:MM-HH:MM][@<minutes>],..., e.g. @60, 03:59-05:59@121";
    case ValueType::shlex:
        return "balanced quotes and no trailing backslash";
    case ValueType::string:
    case ValueType::lower:
    case ValueType::list:
    case ValueType::list_lower:
    case ValueType::list_comma:
    case ValueType::set:
        break;
    }
    return {};
}

ValueData convert(ValueType type, std::string_view text) {
    switch (type) {
    case ValueType::string:
        return std::string{text};
    case ValueType::lower:
        return util::to_lower(text);
    case ValueType::boolean:
        return to_boolean(text);
    case ValueType::integer:
        return to_integer(text);
    case ValueType::size: {
        const auto bytes = to_bytes(text);
        return bytes ? ValueData{*bytes} : ValueData{std::string{util::trim(text)}};
    }
    case ValueType::duration:
        return to_duration(text);
    case ValueType::list:
        return split_words(text);
    case ValueType::list_lower:
        return lowered(split_words(text));
    case ValueType::list_comma:
        return split_commas(text);
    case ValueType::set:
        return unique_sorted(split_words(text));
    case ValueType::schedule:
        return schedule_items(text);
    case ValueType::shlex:
        return shlex_split(text);
    }
    return std::string{text};
}

ValueData convert(ValueType type, const std::optional<std::string>& text) {
    return text ? convert(type, std::string_view{*text}) : ValueData{};
}

bool to_boolean(std::string_view text) {
    const std::string word = util::to_lower(util::trim(text));
    for (const std::string_view yes : {"yes", "y", "true", "t", "1"}) {
        if (word == yes) {
            return true;
        }
    }
    for (const std::string_view no : {"no", "n", "false", "f", "0", "none", ""}) {
        if (word == no) {
            return false;
        }
    }
    fail(ValueType::boolean, text);
}

std::int64_t to_integer(std::string_view text) {
    std::string_view number = util::trim(text);
    const bool negative = !number.empty() && number.front() == '-';
    if (!number.empty() && (number.front() == '-' || number.front() == '+')) {
        number.remove_prefix(1);
    }
    const auto dot = number.find('.');
    const std::string_view whole = number.substr(0, dot);
    const std::string_view fraction =
        dot == std::string_view::npos ? std::string_view{} : number.substr(dot + 1);
    const auto digits_only = [](std::string_view part) {
        return std::all_of(part.begin(), part.end(), is_digit);
    };
    if (whole.empty() || !digits_only(whole) || !digits_only(fraction)) {
        fail(ValueType::integer, text);
    }
    std::uint64_t magnitude = 0;
    const auto [end, error] = std::from_chars(whole.data(), whole.data() + whole.size(), magnitude);
    const std::uint64_t limit = negative ? std::uint64_t{1} << 63U : (std::uint64_t{1} << 63U) - 1;
    if (error != std::errc{} || end != whole.data() + whole.size() || magnitude > limit) {
        fail(ValueType::integer, text);
    }
    if (negative) {
        return magnitude == limit ? std::numeric_limits<std::int64_t>::min()
                                  : -static_cast<std::int64_t>(magnitude);
    }
    return static_cast<std::int64_t>(magnitude);
}

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> words;
    std::size_t pos = 0;
    while ((pos = text.find_first_not_of(k_word_blanks, pos)) != std::string_view::npos) {
        const auto end = text.find_first_of(k_word_blanks, pos);
        words.emplace_back(text.substr(pos, end == std::string_view::npos ? end : end - pos));
        pos = end;
    }
    return words;
}

std::vector<std::string> split_commas(std::string_view text) {
    return util::split_trimmed(text, ',');
}

std::vector<std::string> shlex_split(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    char quote = 0;  // '\'' or '"' while inside quotes
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quote == '\'') {
            if (c == '\'') {
                quote = 0;
            } else {
                word += c;
            }
        } else if (quote == '"') {
            if (c == '"') {
                quote = 0;
            } else if (c == '\\' && i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\\')) {
                word += text[++i];
            } else {
                word += c;
            }
        } else if (k_word_blanks.find(c) != std::string_view::npos) {
            if (in_word) {
                words.push_back(std::move(word));
                word.clear();
                in_word = false;
            }
        } else {
            in_word = true;
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\') {
                if (i + 1 == text.size()) {
                    fail(ValueType::shlex, text);
                }
                word += text[++i];
            } else {
                word += c;
            }
        }
    }
    if (quote != 0) {
        fail(ValueType::shlex, text);
    }
    if (in_word) {
        words.push_back(std::move(word));
    }
    return words;
}

std::vector<ScheduleItem> parse_schedule(std::string_view text) {
    std::vector<ScheduleItem> items;
    if (util::trim(text).empty()) {
        return items;
    }
    for (const std::string& piece : util::split(text, ',')) {
        auto item = schedule_item(util::trim(piece));
        if (!item) {
            fail(ValueType::schedule, text);
        }
        items.push_back(std::move(*item));
    }
    return items;
}

}  // namespace svcagent::config
