#pragma once

// Byte-for-byte comparison with tests/fixtures/render/<name>; SVCAGENT_UPDATE_GOLDEN=1 rewrites it.

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace svcagent::test {

inline std::string golden_path(const std::string& name) {
    return std::string(SVCAGENT_FIXTURES_DIR) + "/render/" + name;
}

inline void expect_golden(const std::string& name, const std::string& actual) {
    const std::string path = golden_path(name);
    const char* update = std::getenv("SVCAGENT_UPDATE_GOLDEN");  // NOLINT(concurrency-mt-unsafe): test only
    if (update != nullptr && std::string(update) == "1") {
        std::ofstream(path, std::ios::binary) << actual;
        return;
    }
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << "missing golden file " << path << " (SVCAGENT_UPDATE_GOLDEN=1 writes it)";
    const std::string expected{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_EQ(actual, expected) << "golden file " << path;
}

}  // namespace svcagent::test
