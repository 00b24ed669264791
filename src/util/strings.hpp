#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace svcagent::util {

// "a,b,,c" split on ',' -> {"a", "b", "", "c"}; "" -> {""}.
[[nodiscard]] std::vector<std::string> split(std::string_view text, char separator);
// Like split(), but drops empty pieces after trimming each one: " a, ,b " -> {"a", "b"}.
[[nodiscard]] std::vector<std::string> split_trimmed(std::string_view text, char separator);
// Lines of a command output: "a\nb\n" -> {"a", "b"}; a trailing '\r' is dropped; "" -> {}.
[[nodiscard]] std::vector<std::string> split_lines(std::string_view text);
// Removes leading and trailing blanks (space, tab, CR, LF).
[[nodiscard]] std::string_view trim(std::string_view text) noexcept;
[[nodiscard]] std::string join(const std::vector<std::string>& words, std::string_view separator);
[[nodiscard]] std::string to_lower(std::string_view text);
[[nodiscard]] std::string to_upper(std::string_view text);

}  // namespace svcagent::util
