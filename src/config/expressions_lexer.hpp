#pragma once

// Tokens of the expression language (SPEC §5.5).

#include <string>
#include <string_view>
#include <vector>

namespace svcagent::config {

enum class Tok { integer, floating, string, name, op, end };

struct Token {
    Tok kind = Tok::end;
    std::string text;  // operator or name spelling, string contents, number digits
};

// Every character is accounted for; the list ends with a Tok::end token. Throws ExpressionError
// (unterminated string, malformed number).
[[nodiscard]] std::vector<Token> tokenize(std::string_view expr);

}  // namespace svcagent::config
