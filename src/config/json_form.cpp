#include "config/json_form.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace svcagent::config {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view k_default = "DEFAULT";

[[noreturn]] void json_syntax_error(std::string_view text, const Json::parse_error& e,
                                    const std::string& name) {
    // e.byte is the 1-based position of the last character read.
    const std::size_t position = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
    const std::string_view before = text.substr(0, position);
    const auto line = 1 + std::count(before.begin(), before.end(), '\n');
    const auto line_start = before.rfind('\n');
    const std::size_t column = line_start == std::string_view::npos ? position + 1 : position - line_start;
    std::string_view reason = e.what();
    if (const auto at = reason.find("column "); at != std::string_view::npos) {
        if (const auto colon = reason.find(": ", at); colon != std::string_view::npos) {
            reason.remove_prefix(colon + 2);
        }
    }
    throw ConfigError(Origin{name, static_cast<int>(line)},
                      fmt::format("invalid JSON at column {}: {}", column, reason));
}

std::string number_text(const Json& value) {
    if (value.is_number_integer()) {
        return value.dump();
    }
    std::string text = value.dump();
    if (text.find_first_of("eE") != std::string::npos) {  // decimal, never 1e+20
        text = fmt::format("{:f}", value.get<double>());
        text.erase(text.find_last_not_of('0') + 1);
        if (text.back() == '.') {
            text.pop_back();
        }
    }
    return text;
}

class IniWriter {
public:
    explicit IniWriter(const std::string& name) : m_name(name) {}

    void section(const std::string& section, const Json& body) {
        if (const auto problem = unwritable_section(section)) {
            fail(fmt::format("section {}: {}", section, *problem));
        }
        if (!body.is_object()) {
            fail(fmt::format("section {}: expected an object of keys, got {}", section, body.type_name()));
        }
        if (!m_text.empty()) {
            m_text += '\n';
        }
        m_text += fmt::format("[{}]\n", section);
        for (const auto& [key, value] : body.items()) {
            const auto text = value_text(section, key, value);
            if (!text) {
                continue;
            }
            if (const auto problem = unwritable_key(key)) {
                fail(fmt::format("section {}, key {}: {}", section, key, *problem));
            }
            if (const auto problem = unwritable_value(*text)) {
                fail(fmt::format("section {}, key {}: {}", section, key, *problem));
            }
            for (const std::string& line : format_entry(key, *text)) {
                m_text += line;
                m_text += '\n';
            }
        }
    }

    [[nodiscard]] std::string take() { return std::move(m_text); }

private:
    [[noreturn]] void fail(std::string_view message) const { throw ConfigError(Origin{m_name, 0}, message); }

    // nullopt: a null value, the key is omitted.
    std::optional<std::string> value_text(const std::string& section, const std::string& key,
                                          const Json& value) const {
        switch (value.type()) {
        case Json::value_t::null:
            return std::nullopt;
        case Json::value_t::string:
            return value.get<std::string>();
        case Json::value_t::boolean:
            return std::string{value.get<bool>() ? "true" : "false"};
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
        case Json::value_t::number_float:
            return number_text(value);
        case Json::value_t::array: {
            std::string text;
            for (const Json& word : value) {
                if (!word.is_string()) {
                    fail(fmt::format("section {}, key {}: arrays may only hold strings, got {}", section, key,
                                     word.type_name()));
                }
                text += text.empty() ? "" : " ";
                text += word.get<std::string>();
            }
            return text;
        }
        case Json::value_t::object:
            fail(fmt::format("section {}, key {}: objects are not allowed", section, key));
        case Json::value_t::binary:
        case Json::value_t::discarded:
            break;
        }
        fail(fmt::format("section {}, key {}: unsupported value", section, key));
    }

    const std::string& m_name;
    std::string m_text;
};

}  // namespace

bool is_json_form(std::string_view text) noexcept {
    const auto first = text.find_first_not_of(" \t\r\n\f\v");
    return first != std::string_view::npos && text[first] == '{';
}

std::string json_to_ini(std::string_view json_text, const std::string& name) {
    Json root;
    try {
        root = Json::parse(json_text);
    } catch (const Json::parse_error& e) {
        json_syntax_error(json_text, e, name);
    }
    if (!root.is_object()) {
        throw ConfigError(Origin{name, 0},
                          fmt::format("expected a JSON object of sections, got {}", root.type_name()));
    }
    IniWriter writer(name);
    if (const auto it = root.find(k_default); it != root.end()) {
        writer.section(it.key(), it.value());
    }
    for (const auto& [section, body] : root.items()) {
        if (section != k_default) {
            writer.section(section, body);
        }
    }
    return writer.take();
}

std::vector<IniSection> json_to_sections(std::string_view json_text, const std::string& name) {
    return parse_ini(json_to_ini(json_text, name), name);
}

void apply_sections(Document& doc, const std::vector<IniSection>& sections, const std::string& name) {
    const std::vector<IniSection> current = merge_sections(parse_ini(doc.text(), name));
    const std::vector<IniSection> target = merge_sections(sections);
    const auto find_section = [](const std::vector<IniSection>& list,
                                 std::string_view section) -> const IniSection* {
        const auto it =
            std::find_if(list.begin(), list.end(), [&](const IniSection& s) { return s.name == section; });
        return it == list.end() ? nullptr : &*it;
    };
    const auto kept = [](std::string_view section, std::string_view key) {
        return section == k_default && key == "id";
    };
    for (const IniSection& old : current) {
        const IniSection* wanted = find_section(target, old.name);
        if (wanted == nullptr && old.name != k_default) {
            doc.remove_section(old.name);
            continue;
        }
        for (const IniEntry& entry : old.entries) {
            if (!kept(old.name, entry.key) && (wanted == nullptr || wanted->find(entry.key) == nullptr)) {
                doc.unset(old.name, entry.key);
            }
        }
    }
    for (const IniSection& wanted : target) {
        const IniSection* old = find_section(current, wanted.name);
        for (const IniEntry& entry : wanted.entries) {
            const IniEntry* effective = wanted.find(entry.key);
            if (effective != &entry) {
                continue;  // an earlier duplicate: only the last one counts
            }
            const IniEntry* existing = old == nullptr ? nullptr : old->find(entry.key);
            if (existing == nullptr || existing->value != entry.value) {
                doc.set(wanted.name, entry.key, entry.value);
            }
        }
    }
}

}  // namespace svcagent::config
