#include "config/references_syntax.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <utility>

namespace svcagent::config {
namespace {

bool is_word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}
bool is_first_char(char c) {
    return is_word_char(c) || c == '#';
}
bool is_body_char(char c) {
    return is_word_char(c) || c == '.' || c == ':' || c == '/' || c == '#' || c == '[' || c == ']';
}
bool is_space(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}
char upper(char c) {
    return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
}
char lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}
bool is_alpha(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

// The regex needs a non-empty content whose first character is a word character or '#', all others
// in the body set; the body set excludes braces and blanks, so a match never contains a '{'.
std::optional<ReferenceSpan> match_at(std::string_view text, std::size_t begin) {
    std::size_t i = begin + 1;
    if (i >= text.size() || !is_first_char(text[i])) {
        return std::nullopt;
    }
    while (i < text.size() && is_body_char(text[i])) {
        ++i;
    }
    if (i < text.size() && text[i] == '}') {
        return ReferenceSpan{begin, i + 1};
    }
    return std::nullopt;
}

std::string apply(Modifier modifier, std::string text) {
    switch (modifier) {
    case Modifier::upper:
        for (char& c : text) {
            c = upper(c);
        }
        break;
    case Modifier::lower:
        for (char& c : text) {
            c = lower(c);
        }
        break;
    case Modifier::capitalize:
        for (std::size_t n = 0; n < text.size(); ++n) {
            text[n] = n == 0 ? upper(text[n]) : lower(text[n]);
        }
        break;
    case Modifier::title: {
        bool previous_letter = false;  // Python's str.title: a word starts after any non-letter
        for (char& c : text) {
            c = previous_letter ? lower(c) : upper(c);
            previous_letter = is_alpha(c);
        }
        break;
    }
    case Modifier::swapcase:
        for (char& c : text) {
            c = std::isupper(static_cast<unsigned char>(c)) != 0 ? lower(c) : upper(c);
        }
        break;
    }
    return text;
}

}  // namespace

std::optional<ReferenceSpan> find_reference(std::string_view text, std::size_t from) {
    for (std::size_t pos = text.find('{', from); pos != std::string_view::npos;
         pos = text.find('{', pos + 1)) {
        if (auto span = match_at(text, pos)) {
            return span;
        }
    }
    return std::nullopt;
}

std::vector<std::string> list_references(std::string_view text) {
    std::vector<std::string> out;
    for (auto span = find_reference(text); span; span = find_reference(text, span->end)) {
        out.emplace_back(span->whole(text));
    }
    return out;
}

std::optional<Modifier> parse_modifier(std::string_view name) {
    static constexpr std::array<std::pair<std::string_view, Modifier>, 5> k_modifiers{
        {{"upper", Modifier::upper},
         {"lower", Modifier::lower},
         {"capitalize", Modifier::capitalize},
         {"title", Modifier::title},
         {"swapcase", Modifier::swapcase}}};
    for (const auto& [text, modifier] : k_modifiers) {
        if (text == name) {
            return modifier;
        }
    }
    return std::nullopt;
}

std::optional<ReferenceParts> parse_reference(std::string_view content) {
    ReferenceParts parts;
    for (auto colon = content.find(':'); colon != std::string_view::npos; colon = content.find(':')) {
        const auto modifier = parse_modifier(content.substr(0, colon));
        if (!modifier) {
            return std::nullopt;
        }
        parts.modifiers.push_back(*modifier);
        content.remove_prefix(colon + 1);
    }
    if (!content.empty() && content.front() == '#') {
        parts.count = true;
        content.remove_prefix(1);
    }
    if (!content.empty() && content.back() == ']') {
        const auto open = content.rfind('[');
        if (open == std::string_view::npos) {
            return std::nullopt;
        }
        const std::string_view digits = content.substr(open + 1, content.size() - open - 2);
        std::size_t index = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
        if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size()) {
            return std::nullopt;
        }
        parts.index = index;
        content = content.substr(0, open);
    }
    if (content.empty() || content.find_first_of("[]") != std::string_view::npos) {
        return std::nullopt;
    }
    parts.name = std::string{content};
    return parts;
}

std::string apply_modifiers(std::string text, std::span<const Modifier> modifiers) {
    for (auto it = modifiers.rbegin(); it != modifiers.rend(); ++it) {
        text = apply(*it, std::move(text));
    }
    return text;
}

std::vector<std::string_view> split_word_views(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t pos = 0;
    while (pos < text.size()) {
        while (pos < text.size() && is_space(text[pos])) {
            ++pos;
        }
        const std::size_t begin = pos;
        while (pos < text.size() && !is_space(text[pos])) {
            ++pos;
        }
        if (pos > begin) {
            words.push_back(text.substr(begin, pos - begin));
        }
    }
    return words;
}

}  // namespace svcagent::config
