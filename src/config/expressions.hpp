#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace svcagent::config {

// A value of the `$(...)` expression language (SPEC §5.5). Nothing is ever executed:
// the language has literals, bare names (their own text), tuples and operators only.
struct ExprValue {
    using Tuple = std::vector<ExprValue>;
    std::variant<std::monostate, bool, std::int64_t, double, std::string, Tuple> data;  // monostate: None

    [[nodiscard]] bool is_none() const noexcept { return std::holds_alternative<std::monostate>(data); }
    [[nodiscard]] bool operator==(const ExprValue&) const = default;
};

// Why an expression is invalid ("division by zero"); callers add the place and the expression.
class ExpressionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Evaluates one expression, the text between `$(` and its matching `)`. Throws ExpressionError.
[[nodiscard]] ExprValue evaluate_expression(std::string_view expr);

// Text form: 3, 3.5, 2.0, True, None, strings as is, tuples "(1, 'a')".
[[nodiscard]] std::string to_text(const ExprValue& value);
// Python-style repr: like to_text, but strings are quoted ('a').
[[nodiscard]] std::string to_repr(const ExprValue& value);
// "int", "float", "bool", "str", "tuple", "NoneType": used in messages and tests.
[[nodiscard]] std::string_view type_name(const ExprValue& value) noexcept;
[[nodiscard]] bool truthy(const ExprValue& value);

// One `$(...)` found in a text: [begin, end) covers "$(" to ")" inclusive.
struct ExprSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    [[nodiscard]] std::string_view inner(std::string_view text) const {
        return text.substr(begin + 2, end - begin - 3);
    }
};

// The first `$(` at or after `from` and its matching `)` (parentheses nest; quoted ones do not count).
// nullopt when there is no `$(`; SubstitutionError "unterminated \"$(\"" when it is never closed.
[[nodiscard]] std::optional<ExprSpan> find_expression(std::string_view text, std::size_t from = 0);

// Replaces every `$(...)` by the text form of its value. When the whole text (trimmed) is exactly one
// expression, the typed value is returned instead of its text. On error, `failed` names the expression.
struct ExpressionSubstitution {
    ExprValue value;  // a string unless the text was one single expression
    bool single = false;
};
class SubstitutionError : public std::runtime_error {
public:
    SubstitutionError(std::string expr, std::string_view reason);
    [[nodiscard]] const std::string& expression() const noexcept { return m_expr; }
    [[nodiscard]] const std::string& reason() const noexcept { return m_reason; }

private:
    std::string m_expr;
    std::string m_reason;
};
[[nodiscard]] ExpressionSubstitution substitute_expressions(std::string_view text);

}  // namespace svcagent::config
