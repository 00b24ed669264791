#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <svcagent/node_info.hpp>

namespace svcagent::model {

// Names of the services of <etc>: every *.conf except node.conf, plus *.env without a .conf twin. Sorted.
[[nodiscard]] std::vector<std::string> list_services(const Paths& paths);

// Service file in use: <etc>/<svc>.conf, else <etc>/<svc>.env; nullopt when neither exists.
[[nodiscard]] std::optional<std::filesystem::path> service_file(const Paths& paths, const std::string& svc);

// Expands a -s selector (comma list of names and globs), in name order. Throws Error for a plain
// name that does not exist (unless allow_missing) and for a glob matching nothing.
[[nodiscard]] std::vector<std::string> select_services(const Paths& paths, const std::string& selector,
                                                       bool allow_missing);

}  // namespace svcagent::model
