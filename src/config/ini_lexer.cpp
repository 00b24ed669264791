#include "config/ini_lexer.hpp"

#include <cerrno>
#include <fstream>
#include <iterator>
#include <map>
#include <system_error>
#include <utility>

#include <fmt/format.h>

namespace svcagent::config {

namespace {

constexpr std::string_view k_blanks = " \t\r\f\v";
constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr std::size_t k_max_quoted = 120;  // bytes of a bad line quoted in a message

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(k_blanks);
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(k_blanks);
    return text.substr(first, last - first + 1);
}

// The text of a bad line for a message: cut (on a character boundary) when very long.
std::string quoted(std::string_view text) {
    if (text.size() <= k_max_quoted) {
        return fmt::format("\"{}\"", text);
    }
    std::size_t cut = k_max_quoted;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
        --cut;
    }
    return fmt::format("\"{}...\"", text.substr(0, cut));
}

// Length of the UTF-8 sequence starting with lead, with the allowed range of its second byte.
struct Utf8Lead {
    std::size_t length;
    unsigned char low, high;
};

std::optional<Utf8Lead> utf8_lead(unsigned char lead) {
    if (lead >= 0xC2 && lead <= 0xDF) {
        return Utf8Lead{2, 0x80, 0xBF};
    }
    if (lead == 0xE0) {
        return Utf8Lead{3, 0xA0, 0xBF};  // no overlong forms
    }
    if (lead == 0xED) {
        return Utf8Lead{3, 0x80, 0x9F};  // no surrogates
    }
    if (lead >= 0xE1 && lead <= 0xEF) {
        return Utf8Lead{3, 0x80, 0xBF};
    }
    if (lead == 0xF0) {
        return Utf8Lead{4, 0x90, 0xBF};
    }
    if (lead >= 0xF1 && lead <= 0xF3) {
        return Utf8Lead{4, 0x80, 0xBF};
    }
    if (lead == 0xF4) {
        return Utf8Lead{4, 0x80, 0x8F};  // up to U+10FFFF
    }
    return std::nullopt;
}

class TextSource final : public ConfigSource {
public:
    TextSource(std::string text, std::string name) : m_text(std::move(text)), m_name(std::move(name)) {}
    [[nodiscard]] const std::string& name() const override { return m_name; }
    [[nodiscard]] std::vector<IniSection> read() const override { return parse_ini(m_text, m_name); }

private:
    std::string m_text;
    std::string m_name;
};

class FileSource final : public ConfigSource {
public:
    explicit FileSource(const std::filesystem::path& path) : m_path(path), m_name(path.string()) {}
    [[nodiscard]] const std::string& name() const override { return m_name; }

    [[nodiscard]] std::vector<IniSection> read() const override {
        std::ifstream in(m_path, std::ios::binary);
        if (!in) {
            const std::error_code code(errno, std::generic_category());
            throw ConfigError(Origin{m_name, 0}, fmt::format("cannot read: {}", code.message()));
        }
        std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        if (in.bad()) {
            throw ConfigError(Origin{m_name, 0}, "cannot read: I/O error");
        }
        return parse_ini(text, m_name);
    }

private:
    std::filesystem::path m_path;
    std::string m_name;
};

// Builds the sections while the lines go by.
class SectionBuilder {
public:
    explicit SectionBuilder(const std::string& name) : m_name(name) {}

    void header(std::string_view section, int line) {
        m_sections.push_back(IniSection{std::string{section}, Origin{m_name, line}, {}});
        m_open = false;
    }

    void key(std::string_view key, std::string_view value, int line) {
        if (m_sections.empty()) {
            throw ConfigError(Origin{m_name, line}, fmt::format("key \"{}\" outside of any section", key));
        }
        m_sections.back().entries.push_back(
            IniEntry{std::string{key}, std::string{value}, Origin{m_name, line}});
        m_open = true;
        m_blank_pieces = 0;
    }

    void blank() {
        if (m_open) {
            ++m_blank_pieces;  // kept only if a continuation line follows
        }
    }

    void continuation(std::string_view text) {
        std::string& value = m_sections.back().entries.back().value;
        value.append(m_blank_pieces + 1, '\n');
        value.append(text);
        m_blank_pieces = 0;
    }

    [[nodiscard]] std::vector<IniSection> take() { return std::move(m_sections); }

private:
    const std::string& m_name;
    std::vector<IniSection> m_sections;
    bool m_open = false;  // the last entry may still receive continuation lines
    std::size_t m_blank_pieces = 0;
};

}  // namespace

const IniEntry* IniSection::find(std::string_view key) const {
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
        if (it->key == key) {
            return &*it;
        }
    }
    return nullptr;
}

std::optional<std::string_view> encoding_problem(std::string_view line) noexcept {
    for (std::size_t i = 0; i < line.size();) {
        const auto byte = static_cast<unsigned char>(line[i]);
        if (byte == 0) {
            return "NUL byte";
        }
        if (byte < 0x80) {
            ++i;
            continue;
        }
        const auto lead = utf8_lead(byte);
        if (!lead || i + lead->length > line.size()) {
            return "invalid UTF-8";
        }
        const auto second = static_cast<unsigned char>(line[i + 1]);
        if (second < lead->low || second > lead->high) {
            return "invalid UTF-8";
        }
        for (std::size_t k = 2; k < lead->length; ++k) {
            if ((static_cast<unsigned char>(line[i + k]) & 0xC0U) != 0x80U) {
                return "invalid UTF-8";
            }
        }
        i += lead->length;
    }
    return std::nullopt;
}

IniLine LineClassifier::classify(std::string_view line) {
    if (m_first) {
        m_first = false;
        if (line.substr(0, k_bom.size()) == k_bom) {
            line.remove_prefix(k_bom.size());
        }
    }
    const std::string_view text = trim(line);
    if (text.empty()) {
        return IniLine{LineKind::blank, {}, {}};
    }
    if (text.front() == '#' || text.front() == ';') {
        return IniLine{LineKind::comment, {}, {}};
    }
    const bool indented = line.front() == ' ' || line.front() == '\t';
    if (indented && m_after_key) {
        return IniLine{LineKind::continuation, {}, text};
    }
    m_after_key = false;
    if (text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string_view::npos) {
            return IniLine{
                LineKind::invalid, {}, {}, fmt::format("expected [<section>], got {}", quoted(text))};
        }
        const std::string_view name = trim(text.substr(1, close - 1));
        if (name.empty()) {
            return IniLine{LineKind::invalid, {}, {}, fmt::format("empty section name in {}", quoted(text))};
        }
        return IniLine{LineKind::header, name, {}};
    }
    const auto delimiter = text.find_first_of("=:");
    if (delimiter == std::string_view::npos || delimiter == 0) {
        return IniLine{
            LineKind::invalid, {}, {}, fmt::format("expected <key> = <value>, got {}", quoted(text))};
    }
    m_after_key = true;
    return IniLine{LineKind::key, trim(text.substr(0, delimiter)), trim(text.substr(delimiter + 1))};
}

std::vector<IniSection> parse_ini(std::string_view text, const std::string& name) {
    SectionBuilder builder(name);
    LineClassifier classifier;
    int line_no = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto newline = text.find('\n', pos);
        std::string_view line = text.substr(pos, newline == std::string_view::npos ? newline : newline - pos);
        pos = newline == std::string_view::npos ? text.size() : newline + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (const auto problem = encoding_problem(line)) {
            throw ConfigError(Origin{name, line_no}, *problem);
        }
        const IniLine info = classifier.classify(line);
        switch (info.kind) {
        case LineKind::blank:
            builder.blank();
            break;
        case LineKind::comment:
            break;
        case LineKind::header:
            builder.header(info.name, line_no);
            break;
        case LineKind::key:
            builder.key(info.name, info.value, line_no);
            break;
        case LineKind::continuation:
            builder.continuation(info.value);
            break;
        case LineKind::invalid:
            throw ConfigError(Origin{name, line_no}, info.message);
        }
    }
    return builder.take();
}

std::vector<IniSection> merge_sections(std::vector<IniSection> sections) {
    std::vector<IniSection> merged;
    std::map<std::string, std::size_t, std::less<>> index;
    for (IniSection& section : sections) {
        const auto [it, inserted] = index.try_emplace(section.name, merged.size());
        if (inserted) {
            merged.push_back(std::move(section));
            continue;
        }
        auto& entries = merged[it->second].entries;
        entries.insert(entries.end(), std::make_move_iterator(section.entries.begin()),
                       std::make_move_iterator(section.entries.end()));
    }
    return merged;
}

std::unique_ptr<ConfigSource> open_config_file(const std::filesystem::path& path) {
    return std::make_unique<FileSource>(path);
}

std::unique_ptr<ConfigSource> config_from_text(std::string text, std::string name) {
    return std::make_unique<TextSource>(std::move(text), std::move(name));
}

}  // namespace svcagent::config
