#pragma once

// The JSON form of a service configuration (SPEC §2 "JSON form"), accepted by deploy and create:
// {"DEFAULT": {"nodes": "{clusternodes}"}, "fs#1": {"type": "xfs", "dev": "/dev/vg/lv"}}.

#include <string>
#include <string_view>
#include <vector>

#include "config/document.hpp"
#include "config/ini_lexer.hpp"

namespace svcagent::config {

// True when the first non-blank character of text is `{` (the JSON form; INI otherwise).
[[nodiscard]] bool is_json_form(std::string_view text) noexcept;

// INI text for a JSON form: sections and keys in member order, DEFAULT first; strings as they are
// (a '\n' makes a multi-line value), numbers in decimal, booleans true/false, arrays of strings
// joined with one space, null keys omitted. Errors are ConfigError located at `name`: JSON syntax
// errors at their line ("<name>:3: invalid JSON at column 7: ..."), value errors naming the section
// and key ("<name>: section fs#1, key dev: objects are not allowed").
[[nodiscard]] std::string json_to_ini(std::string_view json_text, const std::string& name);

// The sections of json_to_ini(json_text, name), their lines being those of that INI text.
[[nodiscard]] std::vector<IniSection> json_to_sections(std::string_view json_text, const std::string& name);

// Turns doc into the content of sections (SPEC §2, JSON form, update of an existing service): keys
// whose last value differs are set, new keys and sections added, keys and sections absent from
// sections removed, except DEFAULT.id. Duplicate sections are merged first (later keys win).
void apply_sections(Document& doc, const std::vector<IniSection>& sections, const std::string& name);

}  // namespace svcagent::config
