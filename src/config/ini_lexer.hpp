#pragma once

// INI lexer of SPEC §2 "Lexical rules" (own implementation; docs/design.md, "Config lexer", says why
// Debian's libinih is not used).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <svcagent/error.hpp>

namespace svcagent::config {

// One `key = value` line; continuation lines are joined to the value with '\n'.
// where.line is the line of the key (1-based, counting comments and blank lines).
struct IniEntry {
    std::string key, value;
    Origin where;
};

// One `[name]` header and the entries below it, in file order. A key given twice appears twice
// (the consumer takes the last one). A section whose header appears twice is reported as two
// IniSection values, in file order: use merge_sections() to get the "merged, later keys win" view.
struct IniSection {
    std::string name;
    Origin where;  // the header line
    std::vector<IniEntry> entries;

    // The last (effective) entry for key, or nullptr.
    [[nodiscard]] const IniEntry* find(std::string_view key) const;
};

class ConfigSource {
public:
    ConfigSource() = default;
    ConfigSource(const ConfigSource&) = delete;
    ConfigSource& operator=(const ConfigSource&) = delete;
    ConfigSource(ConfigSource&&) = delete;
    ConfigSource& operator=(ConfigSource&&) = delete;
    virtual ~ConfigSource() = default;

    [[nodiscard]] virtual const std::string& name() const = 0;  // path, or "<stdin>" for deploy
    // Sections in file order; a syntax, encoding or read error throws ConfigError.
    [[nodiscard]] virtual std::vector<IniSection> read() const = 0;
};

// The file is read by each read() call; an unreadable file is a ConfigError naming it (line 0).
[[nodiscard]] std::unique_ptr<ConfigSource> open_config_file(const std::filesystem::path& path);
[[nodiscard]] std::unique_ptr<ConfigSource> config_from_text(std::string text, std::string name);

// The lexer itself: name is used in the Origin of entries and errors.
[[nodiscard]] std::vector<IniSection> parse_ini(std::string_view text, const std::string& name);

// Sections with the same name merged into the first one, in first-appearance order; the entries of
// later copies are appended after those of earlier ones (so IniSection::find gives "later wins").
[[nodiscard]] std::vector<IniSection> merge_sections(std::vector<IniSection> sections);

// Line classification shared by the lexer and the editable Document.
enum class LineKind { blank, comment, header, key, continuation, invalid };

struct IniLine {
    LineKind kind = LineKind::blank;
    std::string_view name;   // header: section name; key: the key (trimmed)
    std::string_view value;  // key: the value (trimmed); continuation: the trimmed text
    std::string message{};   // invalid: what is wrong, e.g. `expected <key> = <value>, got "x"`
};

// Classifies lines one by one, in file order: whether an indented line continues a value depends
// on the lines before it. Lines are given without their end of line (no '\n', no trailing '\r');
// a UTF-8 byte order mark at the start of the first line is skipped. No encoding check here.
class LineClassifier {
public:
    [[nodiscard]] IniLine classify(std::string_view line);

private:
    bool m_first = true;
    bool m_after_key = false;  // a key line came before, with only blanks, comments, continuations since
};

// nullopt when line is valid UTF-8 without NUL bytes; else "invalid UTF-8" or "NUL byte".
[[nodiscard]] std::optional<std::string_view> encoding_problem(std::string_view line) noexcept;

}  // namespace svcagent::config
