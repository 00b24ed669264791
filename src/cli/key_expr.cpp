#include "cli/key_expr.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include <svcagent/error.hpp>

#include "config/converters.hpp"
#include "config/schema.hpp"
#include "util/strings.hpp"

namespace svcagent::cli {

namespace {

}  // namespace

KeyExpr parse_key_expr(std::string_view text, bool node_conf) {
    KeyExpr expr;
    std::string_view rest = text;
    if (const auto dot = text.find('.'); dot != std::string_view::npos) {
        const std::string_view head = text.substr(0, dot);
        if (node_conf || config::classify_section(head).kind != config::SectionKind::unknown) {
            expr.section = std::string{head};
            rest = text.substr(dot + 1);
        }
    } else if (node_conf) {
        throw UsageError("invalid key \"" + std::string{text} + "\" (expected <section>.<key>)");
    }
    if (!rest.empty() && rest.back() == ']') {
        const auto open = rest.rfind('[');
        if (open == std::string_view::npos) {
            throw UsageError("invalid key \"" + std::string{text} + "\"");
        }
        const std::string digits{rest.substr(open + 1, rest.size() - open - 2)};
        if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); })) {
            throw UsageError("invalid index in \"" + std::string{text} + "\" (expected [<n>])");
        }
        expr.index = std::stoul(digits);
        rest = rest.substr(0, open);
    }
    if (const auto at = rest.find('@'); at != std::string_view::npos) {
        expr.scope = std::string{rest.substr(at + 1)};
        rest = rest.substr(0, at);
        if (expr.scope.empty()) {
            throw UsageError("invalid key \"" + std::string{text} + "\" (empty scope)");
        }
    }
    expr.key = std::string{rest};
    if (expr.key.empty()) {
        throw UsageError("invalid key \"" + std::string{text} + "\"");
    }
    return expr;
}

EditExpr parse_edit_expr(std::string_view text, bool node_conf) {
    const auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        throw UsageError("invalid --kw \"" + std::string{text} + "\" (expected <key>=<value>)");
    }
    EditExpr edit;
    std::string_view key = text.substr(0, eq);
    switch (key.back()) {
    case '+': edit.op = EditOp::append; key.remove_suffix(1); break;
    case '-': edit.op = EditOp::remove; key.remove_suffix(1); break;
    case '|': edit.op = EditOp::append_unique; key.remove_suffix(1); break;
    default: break;
    }
    edit.target = parse_key_expr(key, node_conf);
    edit.value = std::string{text.substr(eq + 1)};
    return edit;
}

std::string apply_edit(const std::string& current, const EditExpr& edit, bool list_like) {
    std::vector<std::string> words = config::split_words(current);
    if (edit.target.index) {
        const std::size_t i = *edit.target.index;
        if (edit.op == EditOp::set) {
            if (i >= words.size()) {
                throw Error(edit.target.display() + ": index " + std::to_string(i) + " out of range (" +
                            std::to_string(words.size()) + " words)");
            }
            words[i] = edit.value;
        } else if (edit.op == EditOp::append) {
            if (i > words.size()) {
                throw Error(edit.target.display() + ": index " + std::to_string(i) + " out of range");
            }
            words.insert(words.begin() + static_cast<std::ptrdiff_t>(i), edit.value);
        } else {
            throw UsageError("only = and += accept an index");
        }
        return util::join(words, " ");
    }
    switch (edit.op) {
    case EditOp::set: return edit.value;
    case EditOp::append:
        if (!list_like) {
            return current + edit.value;
        }
        words.push_back(edit.value);
        return util::join(words, " ");
    case EditOp::remove:
        words.erase(std::remove(words.begin(), words.end(), edit.value), words.end());
        return util::join(words, " ");
    case EditOp::append_unique:
        if (std::find(words.begin(), words.end(), edit.value) == words.end()) {
            words.push_back(edit.value);
        }
        return util::join(words, " ");
    }
    return current;
}

}  // namespace svcagent::cli
