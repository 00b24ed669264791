#include "model/service_list.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <set>

#include <svcagent/error.hpp>

#include "model/node_identity.hpp"

namespace svcagent::model {

std::vector<std::string> list_services(const Paths& paths) {
    std::set<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(paths.etc, ec)) {
        const auto& p = entry.path();
        const std::string ext = p.extension().string();
        const std::string stem = p.stem().string();
        if ((ext == ".conf" && stem != "node") || ext == ".env") {
            if (is_valid_service_name(stem)) {
                names.insert(stem);
            }
        }
    }
    return {names.begin(), names.end()};
}

std::optional<std::filesystem::path> service_file(const Paths& paths, const std::string& svc) {
    for (const char* ext : {".conf", ".env"}) {
        auto p = paths.etc / (svc + ext);
        if (std::filesystem::exists(p)) {
            return p;
        }
    }
    return std::nullopt;
}

std::vector<std::string> select_services(const Paths& paths, const std::string& selector, bool allow_missing) {
    const std::vector<std::string> known = list_services(paths);
    std::set<std::string> chosen;
    std::size_t start = 0;
    while (start <= selector.size()) {
        const std::size_t comma = selector.find(',', start);
        const std::string item = selector.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        start = comma == std::string::npos ? selector.size() + 1 : comma + 1;
        if (item.empty()) {
            continue;
        }
        const bool glob = item.find_first_of("*?[") != std::string::npos;
        if (!glob) {
            if (!is_valid_service_name(item)) {
                throw Error("invalid service name \"" + item + "\"");
            }
            if (!allow_missing && std::find(known.begin(), known.end(), item) == known.end()) {
                throw Error("service " + item + " does not exist");
            }
            chosen.insert(item);
            continue;
        }
        bool matched = false;
        for (const auto& name : known) {
            if (fnmatch(item.c_str(), name.c_str(), 0) == 0) {
                chosen.insert(name);
                matched = true;
            }
        }
        if (!matched) {
            throw Error("no service matches " + item);
        }
    }
    return {chosen.begin(), chosen.end()};
}

}  // namespace svcagent::model
