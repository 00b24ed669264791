// Benchmark of issue "Foundation": load + validate + fully evaluate one service file.
// Usage: bench_config FILE [ITERATIONS]; prints "name value unit" lines (median, min, max).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <svcagent/registry.hpp>

#include "config/node_config.hpp"
#include "config/service_config.hpp"
#include "config/validate.hpp"
#include "model/node_identity.hpp"

using namespace svcagent;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_config FILE [ITERATIONS]\n");
        return 2;
    }
    const std::string file = argv[1];
    const int iterations = argc > 2 ? std::atoi(argv[2]) : 50;
    const NodeInfo node = model::node_info_from_environment();
    const DriverRegistry registry = make_builtin_registry();
    std::vector<double> ms;
    std::size_t sections = 0;
    std::size_t values = 0;
    int errors = 0;
    for (int i = 0; i < iterations; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto config = config::ServiceConfig::load("bench", file, node, registry);
        const auto report = config::validate(*config);
        std::size_t evaluated = 0;
        for (const auto& section : config->sections()) {
            if (section.kind == config::SectionKind::resource &&
                config->driver(section).support == config::DriverSupport::supported) {
                evaluated += config->resolve(section).values.size();
            }
        }
        const auto t1 = std::chrono::steady_clock::now();
        ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        sections = config->sections().size();
        values = evaluated;
        errors = report.errors();
    }
    std::sort(ms.begin(), ms.end());
    std::printf("config_sections %zu count\n", sections);
    std::printf("config_values_evaluated %zu count\n", values);
    std::printf("config_errors %d count\n", errors);
    std::printf("config_load_validate_eval_median %.3f ms\n", ms[ms.size() / 2]);
    std::printf("config_load_validate_eval_min %.3f ms\n", ms.front());
    std::printf("config_load_validate_eval_max %.3f ms\n", ms.back());
    return 0;
}
