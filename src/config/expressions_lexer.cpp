#include "config/expressions_lexer.hpp"

#include <array>
#include <cctype>

#include <fmt/format.h>

#include "config/expressions.hpp"

namespace svcagent::config {
namespace {

bool is_name_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
}
bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Splits an expression into tokens; every character is accounted for.
class Lexer {
public:
    explicit Lexer(std::string_view src) : m_src(src) {}

    std::vector<Token> run() {
        std::vector<Token> out;
        while (true) {
            while (m_pos < m_src.size() && std::isspace(static_cast<unsigned char>(m_src[m_pos])) != 0) {
                ++m_pos;
            }
            if (m_pos >= m_src.size()) {
                out.push_back({Tok::end, {}});
                return out;
            }
            out.push_back(next());
        }
    }

private:
    Token next() {
        const char c = m_src[m_pos];
        if (is_digit(c) || (c == '.' && m_pos + 1 < m_src.size() && is_digit(m_src[m_pos + 1]))) {
            return number();
        }
        if (is_name_start(c)) {
            const std::size_t begin = m_pos;
            while (m_pos < m_src.size() && is_name_char(m_src[m_pos])) {
                ++m_pos;
            }
            return {Tok::name, std::string{m_src.substr(begin, m_pos - begin)}};
        }
        if (c == '\'' || c == '"') {
            return string(c);
        }
        static constexpr std::array<std::string_view, 10> k_pairs{
            "**", "//", "==", "!=", "<=", ">=", "<<", ">>", "->", ":="};
        for (const std::string_view pair : k_pairs) {
            if (m_src.substr(m_pos, 2) == pair) {
                m_pos += 2;
                return {Tok::op, std::string{pair}};
            }
        }
        ++m_pos;
        return {Tok::op, std::string(1, c)};
    }

    Token number() {
        const std::size_t begin = m_pos;
        bool is_float = false;
        auto digits = [this] {
            while (m_pos < m_src.size() && is_digit(m_src[m_pos])) {
                ++m_pos;
            }
        };
        digits();
        if (m_pos < m_src.size() && m_src[m_pos] == '.') {
            is_float = true;
            ++m_pos;
            digits();
        }
        if (m_pos < m_src.size() && (m_src[m_pos] == 'e' || m_src[m_pos] == 'E')) {
            std::size_t p = m_pos + 1;
            if (p < m_src.size() && (m_src[p] == '+' || m_src[p] == '-')) {
                ++p;
            }
            if (p < m_src.size() && is_digit(m_src[p])) {
                is_float = true;
                m_pos = p;
                digits();
            }
        }
        std::string text{m_src.substr(begin, m_pos - begin)};
        if (m_pos < m_src.size() && is_name_char(m_src[m_pos])) {
            throw ExpressionError(fmt::format("invalid number '{}{}'", text, m_src[m_pos]));
        }
        if (!is_float && text.size() > 1 && text[0] == '0' &&
            text.find_first_not_of('0') != std::string::npos) {
            throw ExpressionError(fmt::format("leading zeros in integer '{}' are not allowed", text));
        }
        return {is_float ? Tok::floating : Tok::integer, std::move(text)};
    }

    Token string(char quote) {
        std::string out;
        ++m_pos;
        while (m_pos < m_src.size() && m_src[m_pos] != quote) {
            char c = m_src[m_pos++];
            if (c == '\\' && m_pos < m_src.size()) {
                const char e = m_src[m_pos++];
                switch (e) {
                case 'n':
                    c = '\n';
                    break;
                case 't':
                    c = '\t';
                    break;
                case 'r':
                    c = '\r';
                    break;
                case '\\':
                case '\'':
                case '"':
                    c = e;
                    break;
                default:
                    out += '\\';
                    c = e;
                    break;
                }
            }
            out += c;
        }
        if (m_pos >= m_src.size()) {
            throw ExpressionError("unterminated string");
        }
        ++m_pos;
        return {Tok::string, std::move(out)};
    }

    std::string_view m_src;
    std::size_t m_pos = 0;
};

}  // namespace

std::vector<Token> tokenize(std::string_view expr) {
    return Lexer{expr}.run();
}

}  // namespace svcagent::config
