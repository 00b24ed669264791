#pragma once

// Syntax of references `{...}` (SPEC §5.2): finding them, taking them apart, word helpers, modifiers.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace svcagent::config {

// One match of \{[A-Za-z0-9_]*[A-Za-z0-9_#][A-Za-z0-9_.:/#\[\]]*\}: [begin, end) includes the braces.
struct ReferenceSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    [[nodiscard]] std::string_view content(std::string_view text) const {
        return text.substr(begin + 1, end - begin - 2);
    }
    [[nodiscard]] std::string_view whole(std::string_view text) const {
        return text.substr(begin, end - begin);
    }
};

// The leftmost match starting at or after `from`.
[[nodiscard]] std::optional<ReferenceSpan> find_reference(std::string_view text, std::size_t from = 0);
// Every match, in order, as written ("{abcd}").
[[nodiscard]] std::vector<std::string> list_references(std::string_view text);

enum class Modifier { upper, lower, capitalize, title, swapcase };

// `[<modifier>:]...[#]<name>[[<n>]]`; name keeps its dot ("env.foo", "disk#1.name").
struct ReferenceParts {
    std::vector<Modifier> modifiers;  // as written: {upper:title:x} is upper(title(x))
    bool count = false;               // {#x}
    std::string name;
    std::optional<std::size_t> index;  // {x[2]}
};

// nullopt when the content is not a well-formed reference (unknown modifier, bad index, empty name).
[[nodiscard]] std::optional<ReferenceParts> parse_reference(std::string_view content);

[[nodiscard]] std::optional<Modifier> parse_modifier(std::string_view name);
// Applies the modifiers right to left (the one written next to the name first). ASCII case rules.
[[nodiscard]] std::string apply_modifiers(std::string text, std::span<const Modifier> modifiers);

// Whitespace-separated words.
[[nodiscard]] std::vector<std::string_view> split_word_views(std::string_view text);

}  // namespace svcagent::config
