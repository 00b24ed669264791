#include "config/expressions_ops.hpp"

#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include <fmt/format.h>

namespace svcagent::config::ops {
namespace {

constexpr std::size_t k_max_repeat = std::size_t{64} * 1024;

// Numbers as Python sees them: booleans count as 0/1.
struct Number {
    bool is_float = false;
    std::int64_t i = 0;
    double f = 0.0;
    [[nodiscard]] double as_double() const { return is_float ? f : static_cast<double>(i); }
};

std::optional<Number> number(const ExprValue& v) {
    if (const auto* b = std::get_if<bool>(&v.data)) {
        return Number{.i = *b ? 1 : 0};
    }
    if (const auto* i = std::get_if<std::int64_t>(&v.data)) {
        return Number{.i = *i};
    }
    if (const auto* f = std::get_if<double>(&v.data)) {
        return Number{.is_float = true, .f = *f};
    }
    return std::nullopt;
}

std::string_view symbol(Binary op) {
    switch (op) {
    case Binary::add:
        return "+";
    case Binary::sub:
        return "-";
    case Binary::mul:
        return "*";
    case Binary::div:
        return "/";
    case Binary::floordiv:
        return "//";
    case Binary::mod:
        return "%";
    case Binary::pow:
        return "**";
    case Binary::bit_and:
        return "&";
    case Binary::bit_or:
        return "|";
    case Binary::bit_xor:
        return "^";
    }
    return "?";
}

[[noreturn]] void unsupported(Binary op, const ExprValue& lhs, const ExprValue& rhs) {
    throw ExpressionError(fmt::format("unsupported operand type(s) for {}: '{}' and '{}'", symbol(op),
                                      type_name(lhs), type_name(rhs)));
}

[[noreturn]] void overflow() {
    throw ExpressionError("integer overflow");
}
[[noreturn]] void division_by_zero() {
    throw ExpressionError("division by zero");
}

template <typename Op> ExprValue checked(Op op, std::int64_t a, std::int64_t b) {
    std::int64_t result = 0;
    if (op(a, b, &result)) {
        overflow();
    }
    return ExprValue{result};
}

ExprValue finite(double result, double lhs, double rhs) {
    if (std::isinf(result) && std::isfinite(lhs) && std::isfinite(rhs)) {
        throw ExpressionError("numerical result out of range");
    }
    return ExprValue{result};
}

std::int64_t int_floordiv(std::int64_t a, std::int64_t b) {
    if (b == -1) {
        if (a == std::numeric_limits<std::int64_t>::min()) {
            overflow();
        }
        return -a;
    }
    std::int64_t q = a / b;
    if (a % b != 0 && ((a < 0) != (b < 0))) {
        --q;
    }
    return q;
}

std::int64_t int_mod(std::int64_t a, std::int64_t b) {
    if (b == -1) {
        return 0;
    }
    std::int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) {
        r += b;
    }
    return r;
}

// Python's float divmod: the quotient floored, the remainder with the sign of the divisor.
std::pair<double, double> float_divmod(double a, double b) {
    double mod = std::fmod(a, b);
    double div = (a - mod) / b;
    if (mod != 0.0) {
        if ((b < 0) != (mod < 0)) {
            mod += b;
            div -= 1.0;
        }
    } else {
        mod = std::copysign(0.0, b);
    }
    double floordiv = 0.0;
    if (div != 0.0) {
        floordiv = std::floor(div);
        if (div - floordiv > 0.5) {
            floordiv += 1.0;
        }
    } else {
        floordiv = std::copysign(0.0, a / b);
    }
    return {floordiv, mod};
}

ExprValue int_pow(std::int64_t base, std::int64_t exponent) {
    if (exponent < 0) {
        if (base == 0) {
            division_by_zero();
        }
        return ExprValue{std::pow(static_cast<double>(base), static_cast<double>(exponent))};
    }
    std::int64_t result = 1;
    while (exponent > 0) {
        if ((exponent & 1) != 0 && __builtin_mul_overflow(result, base, &result)) {
            overflow();
        }
        exponent >>= 1;
        if (exponent > 0 && __builtin_mul_overflow(base, base, &base)) {
            overflow();
        }
    }
    return ExprValue{result};
}

ExprValue float_pow(double base, double exponent) {
    if (base == 0.0 && exponent < 0.0) {
        division_by_zero();
    }
    if (base < 0.0 && std::isfinite(exponent) && std::floor(exponent) != exponent) {
        throw ExpressionError("complex results are not supported");
    }
    return finite(std::pow(base, exponent), base, exponent);
}

ExprValue arithmetic(Binary op, Number a, Number b) {
    if (!a.is_float && !b.is_float) {
        switch (op) {
        case Binary::add:
            return checked([](auto x, auto y, auto* r) { return __builtin_add_overflow(x, y, r); }, a.i, b.i);
        case Binary::sub:
            return checked([](auto x, auto y, auto* r) { return __builtin_sub_overflow(x, y, r); }, a.i, b.i);
        case Binary::mul:
            return checked([](auto x, auto y, auto* r) { return __builtin_mul_overflow(x, y, r); }, a.i, b.i);
        case Binary::floordiv:
            if (b.i == 0) {
                division_by_zero();
            }
            return ExprValue{int_floordiv(a.i, b.i)};
        case Binary::mod:
            if (b.i == 0) {
                division_by_zero();
            }
            return ExprValue{int_mod(a.i, b.i)};
        case Binary::pow:
            return int_pow(a.i, b.i);
        default:
            break;  // div: float below
        }
    }
    const double x = a.as_double();
    const double y = b.as_double();
    switch (op) {
    case Binary::add:
        return finite(x + y, x, y);
    case Binary::sub:
        return finite(x - y, x, y);
    case Binary::mul:
        return finite(x * y, x, y);
    case Binary::div:
        if (y == 0.0) {
            division_by_zero();
        }
        return finite(x / y, x, y);
    case Binary::floordiv:
    case Binary::mod: {
        if (y == 0.0) {
            division_by_zero();
        }
        const auto [q, m] = float_divmod(x, y);
        return ExprValue{op == Binary::floordiv ? q : m};
    }
    case Binary::pow:
        return float_pow(x, y);
    default:
        break;
    }
    throw std::logic_error("expression: not an arithmetic operator");
}

ExprValue repeat(const std::string& text, std::int64_t count) {
    if (count <= 0 || text.empty()) {
        return ExprValue{std::string{}};
    }
    if (static_cast<std::uint64_t>(count) > k_max_repeat / text.size()) {
        throw ExpressionError("repeated string exceeds 64 KiB");
    }
    std::string out;
    out.reserve(text.size() * static_cast<std::size_t>(count));
    for (std::int64_t n = 0; n < count; ++n) {
        out += text;
    }
    return ExprValue{std::move(out)};
}

ExprValue bitwise(Binary op, const ExprValue& lhs, const ExprValue& rhs) {
    const auto a = number(lhs);
    const auto b = number(rhs);
    if (!a || !b || a->is_float || b->is_float) {
        unsupported(op, lhs, rhs);
    }
    const std::int64_t r = op == Binary::bit_and  ? (a->i & b->i)
                           : op == Binary::bit_or ? (a->i | b->i)
                                                  : (a->i ^ b->i);
    if (std::holds_alternative<bool>(lhs.data) && std::holds_alternative<bool>(rhs.data)) {
        return ExprValue{r != 0};
    }
    return ExprValue{r};
}

std::string_view compare_symbol(Compare op) {
    switch (op) {
    case Compare::lt:
        return "<";
    case Compare::le:
        return "<=";
    case Compare::gt:
        return ">";
    case Compare::ge:
        return ">=";
    default:
        return "==";
    }
}

bool equal(const ExprValue& lhs, const ExprValue& rhs);

// -1, 0, 1; ExpressionError when the two values have no order.
int order(Compare op, const ExprValue& lhs, const ExprValue& rhs) {
    const auto a = number(lhs);
    const auto b = number(rhs);
    if (a && b) {
        if (!a->is_float && !b->is_float) {
            return a->i < b->i ? -1 : a->i > b->i ? 1 : 0;
        }
        const double x = a->as_double();
        const double y = b->as_double();
        return x < y ? -1 : x > y ? 1 : 0;
    }
    const auto* s = std::get_if<std::string>(&lhs.data);
    const auto* t = std::get_if<std::string>(&rhs.data);
    if (s && t) {
        const int c = s->compare(*t);
        return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    const auto* u = std::get_if<ExprValue::Tuple>(&lhs.data);
    const auto* w = std::get_if<ExprValue::Tuple>(&rhs.data);
    if (u && w) {
        for (std::size_t n = 0; n < u->size() && n < w->size(); ++n) {
            if (!equal((*u)[n], (*w)[n])) {
                return order(op, (*u)[n], (*w)[n]);
            }
        }
        return u->size() < w->size() ? -1 : u->size() > w->size() ? 1 : 0;
    }
    throw ExpressionError(fmt::format("'{}' not supported between instances of '{}' and '{}'",
                                      compare_symbol(op), type_name(lhs), type_name(rhs)));
}

bool equal(const ExprValue& lhs, const ExprValue& rhs) {
    const auto a = number(lhs);
    const auto b = number(rhs);
    if (a && b) {
        if (!a->is_float && !b->is_float) {
            return a->i == b->i;
        }
        return a->as_double() == b->as_double();
    }
    if (lhs.data.index() != rhs.data.index()) {
        return false;
    }
    if (const auto* u = std::get_if<ExprValue::Tuple>(&lhs.data)) {
        const auto& w = std::get<ExprValue::Tuple>(rhs.data);
        if (u->size() != w.size()) {
            return false;
        }
        for (std::size_t n = 0; n < u->size(); ++n) {
            if (!equal((*u)[n], w[n])) {
                return false;
            }
        }
        return true;
    }
    return lhs == rhs;
}

bool contains(const ExprValue& needle, const ExprValue& haystack) {
    if (const auto* tuple = std::get_if<ExprValue::Tuple>(&haystack.data)) {
        for (const ExprValue& item : *tuple) {
            if (equal(needle, item)) {
                return true;
            }
        }
        return false;
    }
    if (const auto* text = std::get_if<std::string>(&haystack.data)) {
        const auto* part = std::get_if<std::string>(&needle.data);
        if (part == nullptr) {
            throw ExpressionError(
                fmt::format("'in <string>' requires string as left operand, not {}", type_name(needle)));
        }
        return text->find(*part) != std::string::npos;
    }
    throw ExpressionError(fmt::format("argument of type '{}' is not iterable", type_name(haystack)));
}

}  // namespace

ExprValue binary(Binary op, const ExprValue& lhs, const ExprValue& rhs) {
    if (op == Binary::bit_and || op == Binary::bit_or || op == Binary::bit_xor) {
        return bitwise(op, lhs, rhs);
    }
    const auto a = number(lhs);
    const auto b = number(rhs);
    if (a && b) {
        return arithmetic(op, *a, *b);
    }
    const auto* s = std::get_if<std::string>(&lhs.data);
    const auto* t = std::get_if<std::string>(&rhs.data);
    if (op == Binary::add && s && t) {
        return ExprValue{*s + *t};
    }
    if (op == Binary::add) {
        const auto* u = std::get_if<ExprValue::Tuple>(&lhs.data);
        const auto* w = std::get_if<ExprValue::Tuple>(&rhs.data);
        if (u && w) {
            ExprValue::Tuple joined = *u;
            joined.insert(joined.end(), w->begin(), w->end());
            return ExprValue{std::move(joined)};
        }
    }
    if (op == Binary::mul && s && b && !b->is_float) {
        return repeat(*s, b->i);
    }
    if (op == Binary::mul && t && a && !a->is_float) {
        return repeat(*t, a->i);
    }
    unsupported(op, lhs, rhs);
}

ExprValue negate(const ExprValue& operand) {
    const auto n = number(operand);
    if (!n) {
        throw ExpressionError(fmt::format("bad operand type for unary -: '{}'", type_name(operand)));
    }
    if (n->is_float) {
        return ExprValue{-n->f};
    }
    if (n->i == std::numeric_limits<std::int64_t>::min()) {
        overflow();
    }
    return ExprValue{-n->i};
}

ExprValue positive(const ExprValue& operand) {
    const auto n = number(operand);
    if (!n) {
        throw ExpressionError(fmt::format("bad operand type for unary +: '{}'", type_name(operand)));
    }
    return n->is_float ? ExprValue{n->f} : ExprValue{n->i};
}

bool compare(Compare op, const ExprValue& lhs, const ExprValue& rhs) {
    switch (op) {
    case Compare::eq:
        return equal(lhs, rhs);
    case Compare::ne:
        return !equal(lhs, rhs);
    case Compare::in:
        return contains(lhs, rhs);
    case Compare::not_in:
        return !contains(lhs, rhs);
    case Compare::lt:
        return order(op, lhs, rhs) < 0;
    case Compare::le:
        return order(op, lhs, rhs) <= 0;
    case Compare::gt:
        return order(op, lhs, rhs) > 0;
    case Compare::ge:
        return order(op, lhs, rhs) >= 0;
    }
    return false;
}

std::int64_t parse_integer(std::string_view digits) {
    std::int64_t value = 0;
    for (const char c : digits) {
        if (__builtin_mul_overflow(value, 10, &value) || __builtin_add_overflow(value, c - '0', &value)) {
            overflow();
        }
    }
    return value;
}

}  // namespace svcagent::config::ops
