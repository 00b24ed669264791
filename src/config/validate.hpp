#pragma once

// validate config (SPEC §3.4): findings with a level, a place and a message.

#include <string>
#include <vector>

#include <svcagent/error.hpp>

namespace svcagent::config {

class ServiceConfig;

enum class Level { info, warning, error };

struct Finding {
    Level level = Level::error;
    Origin where;
    std::string section;  // "DEFAULT", "fs#1" ("" for file-level findings)
    std::string key;      // keyword without scope ("" when not about one keyword)
    std::string message;  // after "<file>:<line>: "

    [[nodiscard]] std::string line() const;  // "E db1.conf:12: fs#1.dev is required"
};

struct ValidationReport {
    std::vector<Finding> findings;
    [[nodiscard]] int errors() const;
    [[nodiscard]] int warnings() const;
};

// Every check of §3.4, in order: DEFAULT, [env], node lists, then each section in file order.
[[nodiscard]] ValidationReport validate(const ServiceConfig& config);

// Errors of `after` that `before` does not have, compared by section, keyword and message (§2 step 2).
[[nodiscard]] std::vector<Finding> new_errors(const ValidationReport& before, const ValidationReport& after);

}  // namespace svcagent::config
