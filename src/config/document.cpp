#include "config/document.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

namespace svcagent::config {

namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_blanks = " \t\r\f\v";

std::vector<std::string_view> split_lines(std::string_view value) {
    std::vector<std::string_view> pieces;
    std::size_t pos = 0;
    while (true) {
        const auto newline = value.find('\n', pos);
        if (newline == std::string_view::npos) {
            pieces.push_back(value.substr(pos));
            return pieces;
        }
        pieces.push_back(value.substr(pos, newline - pos));
        pos = newline + 1;
    }
}

}  // namespace

std::optional<std::string> unwritable_section(std::string_view section) {
    if (section.empty() || section.find_first_of("]\n\r") != std::string_view::npos ||
        k_blanks.find(section.front()) != std::string_view::npos ||
        k_blanks.find(section.back()) != std::string_view::npos) {
        return fmt::format("section name \"{}\" cannot be written as [<section>]", section);
    }
    return std::nullopt;
}

std::vector<std::string> format_entry(std::string_view key, std::string_view value) {
    const auto pieces = split_lines(value);
    std::vector<std::string> lines;
    lines.push_back(pieces.front().empty() ? fmt::format("{} =", key)
                                           : fmt::format("{} = {}", key, pieces.front()));
    for (std::size_t i = 1; i < pieces.size(); ++i) {
        lines.push_back(pieces[i].empty() ? std::string{} : fmt::format("\t{}", pieces[i]));
    }
    return lines;
}

std::optional<std::string> unwritable_value(std::string_view value) {
    const auto pieces = split_lines(value);
    for (std::size_t i = 1; i < pieces.size(); ++i) {
        const auto first = pieces[i].find_first_not_of(k_blanks);
        if (first != std::string_view::npos && (pieces[i][first] == '#' || pieces[i][first] == ';')) {
            return fmt::format("line {} of the value starts with '{}' and would be read as a comment", i + 1,
                               pieces[i][first]);
        }
    }
    return std::nullopt;
}

std::optional<std::string> unwritable_key(std::string_view key) {
    if (key.empty()) {
        return std::string{"empty key"};
    }
    if (key.find_first_of("=:\n\r") != std::string_view::npos || key.front() == '[' || key.front() == '#' ||
        key.front() == ';' || k_blanks.find(key.front()) != std::string_view::npos ||
        k_blanks.find(key.back()) != std::string_view::npos) {
        return fmt::format("key \"{}\" cannot be written as <key> = <value>", key);
    }
    return std::nullopt;
}

Document::Document(std::string_view text) {
    if (text.substr(0, k_bom.size()) == k_bom) {
        m_bom = k_bom;
        text.remove_prefix(k_bom.size());
    }
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto newline = text.find('\n', pos);
        Line line;
        if (newline == std::string_view::npos) {
            line.content = text.substr(pos);
            pos = text.size();
        } else {
            line.content = text.substr(pos, newline - pos);
            line.eol = "\n";
            pos = newline + 1;
            if (!line.content.empty() && line.content.back() == '\r') {
                line.content.pop_back();
                line.eol = "\r\n";
            }
        }
        m_lines.push_back(std::move(line));
    }
    m_eol = m_lines.empty() || m_lines.front().eol.empty() ? "\n" : m_lines.front().eol;
    classify();
}

std::string Document::text() const {
    std::string text = m_bom;
    for (const Line& line : m_lines) {
        text += line.content;
        text += line.eol;
    }
    return text;
}

void Document::classify() {
    LineClassifier classifier;
    std::string section;
    bool in_section = false;
    for (Line& line : m_lines) {
        const IniLine info = classifier.classify(line.content);
        line.kind = info.kind;
        line.name = info.name;
        if (info.kind == LineKind::header) {
            section = info.name;
            in_section = true;
        }
        line.section = section;
        line.in_section = in_section;
    }
}

std::size_t Document::value_end(std::size_t key_line) const {
    std::size_t end = key_line;
    for (std::size_t i = key_line + 1; i < m_lines.size(); ++i) {
        const LineKind kind = m_lines[i].kind;
        if (kind == LineKind::continuation) {
            end = i;
        } else if (kind != LineKind::blank && kind != LineKind::comment) {
            break;
        }
    }
    return end;
}

std::optional<std::size_t> Document::last_key_line(std::string_view section, std::string_view key) const {
    for (std::size_t i = m_lines.size(); i-- > 0;) {
        const Line& line = m_lines[i];
        if (line.kind == LineKind::key && line.in_section && line.section == section && line.name == key) {
            return i;
        }
    }
    return std::nullopt;
}

void Document::replace_lines(std::size_t first, std::size_t last, std::vector<std::string> contents) {
    const std::string eol = m_lines[first].eol.empty() ? m_eol : m_lines[first].eol;
    const std::string final_eol = m_lines[last].eol;
    std::vector<Line> replacement;
    replacement.reserve(contents.size() + last - first);
    for (std::string& content : contents) {
        replacement.push_back(Line{std::move(content), eol});
    }
    for (std::size_t i = first + 1; i <= last; ++i) {  // comment lines among continuations stay
        if (m_lines[i].kind == LineKind::comment) {
            replacement.push_back(m_lines[i]);
        }
    }
    if (final_eol.empty() && !replacement.empty()) {
        replacement.back().eol.clear();
    }
    const auto begin = m_lines.begin() + static_cast<std::ptrdiff_t>(first);
    const auto at = m_lines.erase(begin, begin + static_cast<std::ptrdiff_t>(last - first + 1));
    m_lines.insert(at, std::make_move_iterator(replacement.begin()),
                   std::make_move_iterator(replacement.end()));
}

void Document::insert_lines(std::size_t at, const std::vector<std::string>& contents) {
    std::vector<Line> lines;
    lines.reserve(contents.size());
    for (const std::string& content : contents) {
        lines.push_back(Line{content, m_eol});
    }
    if (at > 0 && m_lines[at - 1].eol.empty()) {  // inserting after a last line without end of line
        m_lines[at - 1].eol = m_eol;
        lines.back().eol.clear();
    }
    m_lines.insert(m_lines.begin() + static_cast<std::ptrdiff_t>(at), lines.begin(), lines.end());
}

void Document::set(std::string_view section, std::string_view key, std::string_view value) {
    for (const auto& problem : {unwritable_section(section), unwritable_key(key), unwritable_value(value)}) {
        if (problem) {
            throw std::invalid_argument(*problem);
        }
    }
    if (const auto at = last_key_line(section, key)) {
        replace_lines(*at, value_end(*at), format_entry(key, value));
    } else if (has_section(section)) {
        std::size_t header = 0;
        for (std::size_t i = 0; i < m_lines.size(); ++i) {
            if (m_lines[i].kind == LineKind::header && m_lines[i].name == section) {
                header = i;
            }
        }
        std::size_t after = header;
        for (std::size_t i = header + 1; i < m_lines.size() && m_lines[i].kind != LineKind::header; ++i) {
            if (m_lines[i].kind == LineKind::key) {
                after = value_end(i);
            }
        }
        insert_lines(after + 1, format_entry(key, value));
    } else {
        std::vector<std::string> lines;
        if (!m_lines.empty() && m_lines.back().kind != LineKind::blank) {
            lines.emplace_back();
        }
        lines.push_back(fmt::format("[{}]", section));
        const auto entry = format_entry(key, value);
        lines.insert(lines.end(), entry.begin(), entry.end());
        insert_lines(m_lines.size(), lines);
        m_lines.back().eol = m_eol;
    }
    classify();
}

std::size_t Document::unset(std::string_view section, std::string_view key) {
    std::size_t removed = 0;
    for (std::size_t i = m_lines.size(); i-- > 0;) {
        const Line& line = m_lines[i];
        if (line.kind == LineKind::key && line.in_section && line.section == section && line.name == key) {
            replace_lines(i, value_end(i), {});
            ++removed;
        }
    }
    classify();
    return removed;
}

bool Document::remove_section(std::string_view section) {
    bool removed = false;
    for (std::size_t header = m_lines.size(); header-- > 0;) {
        if (m_lines[header].kind != LineKind::header || m_lines[header].name != section) {
            continue;
        }
        std::size_t next = header + 1;
        while (next < m_lines.size() && m_lines[next].kind != LineKind::header) {
            ++next;
        }
        std::size_t keep_from = next;
        if (next < m_lines.size()) {
            while (keep_from - 1 > header && m_lines[keep_from - 1].kind == LineKind::comment) {
                --keep_from;
            }
        }
        const auto begin = m_lines.begin();
        m_lines.erase(begin + static_cast<std::ptrdiff_t>(header),
                      begin + static_cast<std::ptrdiff_t>(keep_from));
        removed = true;
    }
    classify();
    return removed;
}

bool Document::has_section(std::string_view section) const {
    return std::any_of(m_lines.begin(), m_lines.end(), [&](const Line& line) {
        return line.kind == LineKind::header && line.name == section;
    });
}

bool Document::has_key(std::string_view section, std::string_view key) const {
    return last_key_line(section, key).has_value();
}

std::vector<std::string> Document::section_names() const {
    std::vector<std::string> names;
    for (const Line& line : m_lines) {
        if (line.kind == LineKind::header &&
            std::find(names.begin(), names.end(), line.name) == names.end()) {
            names.push_back(line.name);
        }
    }
    return names;
}

}  // namespace svcagent::config
