#pragma once

// Operators of the expression language (SPEC §5.5), Python semantics on 64-bit integers.
// Every failure is an ExpressionError whose message is the reason only.

#include <string_view>

#include "config/expressions.hpp"

namespace svcagent::config::ops {

enum class Binary { add, sub, mul, div, floordiv, mod, pow, bit_and, bit_or, bit_xor };
enum class Compare { eq, ne, lt, le, gt, ge, in, not_in };

[[nodiscard]] ExprValue binary(Binary op, const ExprValue& lhs, const ExprValue& rhs);
[[nodiscard]] ExprValue negate(const ExprValue& operand);
[[nodiscard]] ExprValue positive(const ExprValue& operand);
[[nodiscard]] bool compare(Compare op, const ExprValue& lhs, const ExprValue& rhs);

// Integer literal text (decimal digits) to int64; ExpressionError on overflow.
[[nodiscard]] std::int64_t parse_integer(std::string_view digits);

}  // namespace svcagent::config::ops
