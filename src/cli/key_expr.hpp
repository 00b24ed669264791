#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace svcagent::cli {

// `[<section>.]<key>[@<scope>][[<index>]]` (SPEC §12, get/set).
struct KeyExpr {
    std::string section = "DEFAULT";
    std::string key;
    std::string scope;                 // "" when unscoped
    std::optional<std::size_t> index;  // [i]
    [[nodiscard]] std::string scoped_key() const { return scope.empty() ? key : key + "@" + scope; }
    [[nodiscard]] std::string display() const { return section + "." + scoped_key(); }
};

enum class EditOp { set, append, remove, append_unique };

struct EditExpr {
    KeyExpr target;
    EditOp op = EditOp::set;
    std::string value;
};

// node_conf: the section is always the text before the first dot (node.env, ssh#n2.port).
// Throws UsageError on a malformed expression.
[[nodiscard]] KeyExpr parse_key_expr(std::string_view text, bool node_conf = false);
[[nodiscard]] EditExpr parse_edit_expr(std::string_view text, bool node_conf = false);

// The new raw text of a value after one edit; list_like: the value is a list of words.
// Throws Error for an index out of range.
[[nodiscard]] std::string apply_edit(const std::string& current, const EditExpr& edit, bool list_like);

}  // namespace svcagent::cli
