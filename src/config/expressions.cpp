#include "config/expressions.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <system_error>

#include <fmt/format.h>

#include "config/expressions_lexer.hpp"
#include "config/expressions_ops.hpp"

namespace svcagent::config {
namespace {

constexpr int k_max_nesting = 200;

bool is_keyword(const Token& t, std::string_view word) {
    return t.kind == Tok::name && t.text == word;
}

std::string describe(const Token& t) {
    switch (t.kind) {
    case Tok::end:
        return "end of expression";
    case Tok::string:
        return fmt::format("string '{}'", t.text);
    default:
        return fmt::format("'{}'", t.text);
    }
}

// Recursive descent over the precedence table of SPEC §5.5, evaluating as it parses. Operands of a
// short-circuited `and`/`or`/comparison are parsed with m_skip > 0: checked for syntax, never computed.
class Parser {
public:
    explicit Parser(std::vector<Token> tokens) : m_tokens(std::move(tokens)) {}

    ExprValue run() {
        if (peek().kind == Tok::end) {
            throw ExpressionError("empty expression");
        }
        ExprValue value = tuple_or_single(Tok::end);
        if (peek().kind != Tok::end) {
            static constexpr std::array<std::string_view, 6> k_known{"(", ")", ",", "[", "]", "."};
            const Token& t = peek();
            const bool known =
                t.kind != Tok::op || std::find(k_known.begin(), k_known.end(), t.text) != k_known.end();
            throw ExpressionError(known ? fmt::format("unexpected {}", describe(t))
                                        : fmt::format("unknown operator '{}'", t.text));
        }
        return value;
    }

private:
    const Token& peek() const { return m_tokens[m_pos]; }
    bool accept_op(std::string_view op) {
        if (peek().kind == Tok::op && peek().text == op) {
            ++m_pos;
            return true;
        }
        return false;
    }
    bool accept_keyword(std::string_view word) {
        if (is_keyword(peek(), word)) {
            ++m_pos;
            return true;
        }
        return false;
    }
    bool live() const { return m_skip == 0; }

    struct Nest {
        explicit Nest(int& depth) : m_depth(depth) {
            if (++m_depth > k_max_nesting) {
                throw ExpressionError("expression too deeply nested");
            }
        }
        ~Nest() { --m_depth; }
        Nest(const Nest&) = delete;
        Nest& operator=(const Nest&) = delete;
        int& m_depth;
    };

    // expr (',' expr)* [','] up to `close`: a tuple when a comma is present.
    ExprValue tuple_or_single(Tok close, bool paren = false) {
        if (paren && peek().kind == Tok::op && peek().text == ")") {
            return ExprValue{ExprValue::Tuple{}};
        }
        ExprValue first = or_expr();
        if (!(peek().kind == Tok::op && peek().text == ",")) {
            return first;
        }
        ExprValue::Tuple items{std::move(first)};
        while (accept_op(",")) {
            if ((paren && peek().kind == Tok::op && peek().text == ")") || peek().kind == close) {
                break;
            }
            items.push_back(or_expr());
        }
        return ExprValue{std::move(items)};
    }

    ExprValue or_expr() {
        ExprValue value = and_expr();
        while (accept_keyword("or")) {
            const bool decided = live() && truthy(value);
            m_skip += decided ? 1 : 0;
            ExprValue rhs = and_expr();
            m_skip -= decided ? 1 : 0;
            if (!decided) {
                value = std::move(rhs);
            }
        }
        return value;
    }

    ExprValue and_expr() {
        ExprValue value = not_expr();
        while (accept_keyword("and")) {
            const bool decided = live() && !truthy(value);
            m_skip += decided ? 1 : 0;
            ExprValue rhs = not_expr();
            m_skip -= decided ? 1 : 0;
            if (!decided) {
                value = std::move(rhs);
            }
        }
        return value;
    }

    ExprValue not_expr() {
        const Nest nest{m_depth};
        if (accept_keyword("not")) {
            const ExprValue operand = not_expr();
            return live() ? ExprValue{!truthy(operand)} : ExprValue{};
        }
        return comparison();
    }

    std::optional<ops::Compare> comparison_op() {
        using ops::Compare;
        static constexpr std::array<std::pair<std::string_view, Compare>, 6> k_ops{{{"==", Compare::eq},
                                                                                    {"!=", Compare::ne},
                                                                                    {"<", Compare::lt},
                                                                                    {"<=", Compare::le},
                                                                                    {">", Compare::gt},
                                                                                    {">=", Compare::ge}}};
        for (const auto& [text, op] : k_ops) {
            if (accept_op(text)) {
                return op;
            }
        }
        if (accept_keyword("in")) {
            return Compare::in;
        }
        if (is_keyword(peek(), "not") && is_keyword(m_tokens[m_pos + 1], "in")) {
            m_pos += 2;
            return Compare::not_in;
        }
        return std::nullopt;
    }

    ExprValue comparison() {
        ExprValue left = binary_level(0);
        bool chained = false;
        bool result = true;
        while (const auto op = comparison_op()) {
            chained = true;
            ExprValue right = binary_level(0);
            if (live() && !ops::compare(*op, left, right)) {
                result = false;
                ++m_skip;  // a < b < c: once false, the rest is parsed but not compared
            }
            left = std::move(right);
        }
        if (!result) {
            --m_skip;
        }
        if (!chained) {
            return left;
        }
        return live() ? ExprValue{result} : ExprValue{};
    }

    // Binary levels from loosest to tightest: | ^ & (+ -) (* / // %).
    ExprValue binary_level(std::size_t level) {
        using ops::Binary;
        using Level = std::vector<std::pair<std::string_view, Binary>>;
        static const std::array<Level, 5> k_levels{
            Level{{"|", Binary::bit_or}}, Level{{"^", Binary::bit_xor}}, Level{{"&", Binary::bit_and}},
            Level{{"+", Binary::add}, {"-", Binary::sub}},
            Level{{"*", Binary::mul}, {"/", Binary::div}, {"//", Binary::floordiv}, {"%", Binary::mod}}};
        if (level == k_levels.size()) {
            return unary();
        }
        ExprValue value = binary_level(level + 1);
        while (true) {
            const auto& ops_here = k_levels[level];
            const auto found = std::find_if(ops_here.begin(), ops_here.end(),
                                            [this](const auto& entry) { return accept_op(entry.first); });
            if (found == ops_here.end()) {
                return value;
            }
            const ExprValue rhs = binary_level(level + 1);
            value = live() ? ops::binary(found->second, value, rhs) : ExprValue{};
        }
    }

    ExprValue unary() {
        const Nest nest{m_depth};
        if (accept_op("-")) {
            const ExprValue operand = unary();
            return live() ? ops::negate(operand) : ExprValue{};
        }
        if (accept_op("+")) {
            const ExprValue operand = unary();
            return live() ? ops::positive(operand) : ExprValue{};
        }
        if (peek().kind == Tok::op && peek().text == "~") {
            throw ExpressionError("unknown operator '~'");
        }
        return power();
    }

    ExprValue power() {
        ExprValue base = primary();
        if (accept_op("**")) {
            const ExprValue exponent = unary();
            return live() ? ops::binary(ops::Binary::pow, base, exponent) : ExprValue{};
        }
        return base;
    }

    ExprValue primary() {
        ExprValue value = atom();
        if (peek().kind == Tok::op) {
            if (peek().text == "(") {
                throw ExpressionError("calls are not allowed");
            }
            if (peek().text == "[") {
                throw ExpressionError("subscripts are not allowed");
            }
            if (peek().text == ".") {
                throw ExpressionError("attribute access is not allowed (strings with dots need quoting)");
            }
        }
        return value;
    }

    ExprValue atom() {
        const Token t = peek();
        switch (t.kind) {
        case Tok::integer:
            ++m_pos;
            return ExprValue{ops::parse_integer(t.text)};
        case Tok::floating:
            ++m_pos;
            return ExprValue{parse_float(t.text)};
        case Tok::string: {
            std::string text;
            while (peek().kind == Tok::string) {
                text += m_tokens[m_pos++].text;
            }
            return ExprValue{std::move(text)};
        }
        case Tok::name:
            return name(t.text);
        case Tok::op:
            if (accept_op("(")) {
                const Nest nest{m_depth};
                ExprValue inner = tuple_or_single(Tok::end, true);
                if (!accept_op(")")) {
                    throw ExpressionError(fmt::format("expected ')', got {}", describe(peek())));
                }
                return inner;
            }
            break;
        case Tok::end:
            break;
        }
        static constexpr std::array<std::string_view, 12> k_known{"+",  "-", "*", "/", "//", "%",
                                                                  "**", "&", "|", "^", ")",  ","};
        const bool known = t.kind != Tok::op ||
                           std::find(k_known.begin(), k_known.end(), t.text) != k_known.end() ||
                           t.text == "==" || t.text == "<" || t.text == ">";
        throw ExpressionError(known ? fmt::format("unexpected {}", describe(t))
                                    : fmt::format("unknown operator '{}'", t.text));
    }

    ExprValue name(const std::string& word) {
        static constexpr std::array<std::string_view, 4> k_reserved{"and", "or", "not", "in"};
        if (std::find(k_reserved.begin(), k_reserved.end(), word) != k_reserved.end()) {
            throw ExpressionError(fmt::format("unexpected '{}'", word));
        }
        ++m_pos;
        if (word == "True") {
            return ExprValue{true};
        }
        if (word == "False") {
            return ExprValue{false};
        }
        if (word == "None") {
            return ExprValue{};
        }
        return ExprValue{word};
    }

    static double parse_float(const std::string& text) {
        double value = 0.0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec == std::errc::result_out_of_range) {
            return std::strtod(text.c_str(), nullptr);  // inf or 0, as Python reads it
        }
        if (ec != std::errc{} || end != text.data() + text.size()) {
            throw ExpressionError(fmt::format("invalid number '{}'", text));
        }
        return value;
    }

    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
    int m_skip = 0;
    int m_depth = 0;
};

}  // namespace

ExprValue evaluate_expression(std::string_view expr) {
    return Parser{tokenize(expr)}.run();
}

}  // namespace svcagent::config
