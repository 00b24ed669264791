#pragma once

// Loading of the JSON conformance vectors of tests/fixtures/status (each with an "id").

#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <svcagent/status.hpp>

namespace svcagent::test {

inline std::vector<nlohmann::json> load_status_vectors(const std::string& file) {
    const std::string path = std::string(SVCAGENT_FIXTURES_DIR) + "/status/" + file;
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    const nlohmann::json all = nlohmann::json::parse(in);
    return {all.begin(), all.end()};
}

// A status text of the vectors: the §10.1 texts, plus "8" and "9" for the internal values.
inline Status vector_status(const std::string& text) {
    if (text == "8") {
        return Status::up_with_stdby;
    }
    if (text == "9") {
        return Status::stdby_up_with_down;
    }
    const auto s = parse_status(text);
    if (!s) {
        throw std::invalid_argument("bad status in vector: " + text);
    }
    return *s;
}

inline std::string vector_name(const nlohmann::json& v) {
    std::string id = v.at("id").get<std::string>();
    for (char& c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!ok) {
            c = '_';
        }
    }
    return id;
}

}  // namespace svcagent::test
