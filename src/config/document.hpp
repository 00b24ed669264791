#pragma once

// The editable service file text of SPEC §2 "In-place rewrites", step 1: only the lines of the
// touched keys change, everything else (comments, blank lines, order, delimiters, indentation, CRLF
// line ends, a byte order mark) is kept byte for byte. Writing the result is util's atomic_write.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/ini_lexer.hpp"

namespace svcagent::config {

// The lines `<key> = <value>` for a value: each further line of a multi-line value is a
// continuation line starting with one tab (an empty piece is an empty line).
[[nodiscard]] std::vector<std::string> format_entry(std::string_view key, std::string_view value);

// Why the lexer could not read value back from format_entry() (a further line starting with `#` or
// `;` would be a comment), or nullopt.
[[nodiscard]] std::optional<std::string> unwritable_value(std::string_view value);

// Why section cannot be written as a `[<section>]` header (empty, `]` inside, ...), or nullopt.
[[nodiscard]] std::optional<std::string> unwritable_section(std::string_view section);

// Why key cannot be written as an INI key (empty, `=` or `:` inside, ...), or nullopt.
[[nodiscard]] std::optional<std::string> unwritable_key(std::string_view key);

class Document {
public:
    // Never throws: lines the lexer would refuse are kept as they are, so that an invalid file
    // can still be repaired one edit at a time.
    explicit Document(std::string_view text);

    [[nodiscard]] std::string text() const;  // the bytes, edits applied

    // Replaces the last occurrence of key in section (its key line and continuation lines, the
    // comment lines among them being kept) with format_entry(key, value). A new key goes after the
    // last key line of the section (its last header when the section appears twice, right after
    // the header when it has no key); a missing section is appended at the end of the text,
    // preceded by one blank line. An unwritable key or value (see above) is a std::invalid_argument.
    void set(std::string_view section, std::string_view key, std::string_view value);

    // Removes every occurrence of key in section, with its continuation lines (comment lines
    // among them are kept). Returns how many occurrences were removed.
    std::size_t unset(std::string_view section, std::string_view key);

    // Removes every header line of section and all lines up to the next header, except the
    // comment lines directly above that next header. Returns false when the section is absent.
    bool remove_section(std::string_view section);

    [[nodiscard]] bool has_section(std::string_view section) const;
    [[nodiscard]] bool has_key(std::string_view section, std::string_view key) const;
    [[nodiscard]] std::vector<std::string> section_names() const;  // first-appearance order, once each

private:
    struct Line {
        std::string content;  // without the end of line
        std::string eol;      // "\n", "\r\n", or "" for a last line without one
        LineKind kind = LineKind::blank;
        std::string name{};     // header: section name; key: key
        std::string section{};  // the enclosing section ("" before the first header)
        bool in_section = false;
    };

    void classify();
    [[nodiscard]] std::size_t value_end(std::size_t key_line) const;  // last line of its value
    [[nodiscard]] std::optional<std::size_t> last_key_line(std::string_view section,
                                                           std::string_view key) const;
    void replace_lines(std::size_t first, std::size_t last, std::vector<std::string> contents);
    void insert_lines(std::size_t at, const std::vector<std::string>& contents);

    std::string m_bom;  // a UTF-8 byte order mark, kept in front of the text
    std::string m_eol;  // end of line for new lines: that of the first line, "\n" by default
    std::vector<Line> m_lines;
};

}  // namespace svcagent::config
