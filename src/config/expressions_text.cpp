// Text forms of expression values and the search for `$(...)` in a configuration value.

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "config/expressions.hpp"

namespace svcagent::config {
namespace {

// Python's repr of a float: shortest round-trip digits, fixed notation for exponents in [-4, 16).
std::string float_text(double value) {
    if (std::isnan(value)) {
        return "nan";
    }
    if (std::isinf(value)) {
        return value < 0 ? "-inf" : "inf";
    }
    std::array<char, 64> buf{};
    const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::scientific);
    const std::string_view sci(buf.data(), static_cast<std::size_t>(res.ptr - buf.data()));
    const std::size_t e = sci.find('e');
    std::string_view mantissa = sci.substr(0, e);
    const int exponent = std::atoi(std::string{sci.substr(e + 1)}.c_str());
    std::string sign;
    if (!mantissa.empty() && mantissa[0] == '-') {
        sign = "-";
        mantissa.remove_prefix(1);
    }
    std::string digits;
    for (const char c : mantissa) {
        if (c != '.') {
            digits += c;
        }
    }
    if (exponent < -4 || exponent >= 16) {
        std::string m = digits.substr(0, 1);
        if (digits.size() > 1) {
            m += "." + digits.substr(1);
        }
        return fmt::format("{}{}e{}{:02d}", sign, m, exponent < 0 ? '-' : '+', std::abs(exponent));
    }
    if (exponent < 0) {
        return sign + "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
    }
    const auto int_len = static_cast<std::size_t>(exponent) + 1;
    if (digits.size() <= int_len) {
        return sign + digits + std::string(int_len - digits.size(), '0') + ".0";
    }
    return sign + digits.substr(0, int_len) + "." + digits.substr(int_len);
}

std::string quoted(const std::string& text) {
    const char quote =
        (text.find('\'') != std::string::npos && text.find('"') == std::string::npos) ? '"' : '\'';
    std::string out(1, quote);
    for (const char c : text) {
        if (c == quote || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    out += quote;
    return out;
}

std::string tuple_text(const ExprValue::Tuple& items) {
    std::string out = "(";
    for (std::size_t n = 0; n < items.size(); ++n) {
        out += (n > 0 ? ", " : "") + to_repr(items[n]);
    }
    return out + (items.size() == 1 ? ",)" : ")");
}

std::string_view trim(std::string_view text) {
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) {
        return {};
    }
    const auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}

}  // namespace

std::string to_text(const ExprValue& value) {
    if (const auto* s = std::get_if<std::string>(&value.data)) {
        return *s;
    }
    return to_repr(value);
}

std::string to_repr(const ExprValue& value) {
    struct Visitor {
        std::string operator()(std::monostate) const { return "None"; }
        std::string operator()(bool b) const { return b ? "True" : "False"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const { return float_text(d); }
        std::string operator()(const std::string& s) const { return quoted(s); }
        std::string operator()(const ExprValue::Tuple& t) const { return tuple_text(t); }
    };
    return std::visit(Visitor{}, value.data);
}

std::string_view type_name(const ExprValue& value) noexcept {
    static constexpr std::array<std::string_view, 6> k_names{"NoneType", "bool", "int",
                                                             "float",    "str",  "tuple"};
    return k_names[value.data.index()];
}

bool truthy(const ExprValue& value) {
    struct Visitor {
        bool operator()(std::monostate) const { return false; }
        bool operator()(bool b) const { return b; }
        bool operator()(std::int64_t i) const { return i != 0; }
        bool operator()(double d) const { return d != 0.0; }
        bool operator()(const std::string& s) const { return !s.empty(); }
        bool operator()(const ExprValue::Tuple& t) const { return !t.empty(); }
    };
    return std::visit(Visitor{}, value.data);
}

std::optional<ExprSpan> find_expression(std::string_view text, std::size_t from) {
    const std::size_t begin = text.find("$(", from);
    if (begin == std::string_view::npos) {
        return std::nullopt;
    }
    int depth = 1;
    for (std::size_t i = begin + 2; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\'' || c == '"') {
            for (++i; i < text.size() && text[i] != c; ++i) {
                if (text[i] == '\\') {
                    ++i;
                }
            }
        } else if (c == '(') {
            ++depth;
        } else if (c == ')' && --depth == 0) {
            return ExprSpan{begin, i + 1};
        }
    }
    throw SubstitutionError(std::string{text.substr(begin)}, "unterminated \"$(\"");
}

SubstitutionError::SubstitutionError(std::string expr, std::string_view reason)
    : std::runtime_error(fmt::format("invalid expression: {}: {}", expr, reason)), m_expr(std::move(expr)),
      m_reason(reason) {}

ExpressionSubstitution substitute_expressions(std::string_view text) {
    auto evaluate = [text](const ExprSpan& span) {
        try {
            return evaluate_expression(span.inner(text));
        } catch (const ExpressionError& e) {
            throw SubstitutionError(std::string{span.inner(text)}, e.what());
        }
    };
    const std::string_view trimmed = trim(text);
    const auto offset = static_cast<std::size_t>(trimmed.data() - text.data());
    auto span = find_expression(text);
    if (span && span->begin == offset && span->end == offset + trimmed.size()) {
        return {.value = evaluate(*span), .single = true};
    }
    std::string out;
    std::size_t pos = 0;
    for (; span; span = find_expression(text, pos)) {
        out.append(text.substr(pos, span->begin - pos));
        out += to_text(evaluate(*span));
        pos = span->end;
    }
    out.append(text.substr(pos));
    return {.value = ExprValue{std::move(out)}, .single = false};
}

}  // namespace svcagent::config
