// Not a unit test: one resource action on the real host, for the lab scripts
// (tests/integration/lab/vg_*.sh, fs_*.sh) to drive disk.vg, disk.lv and fs through the real
// make() and PosixRunner, one process per action like svcmgr. Skipped unless
// SVCAGENT_STORAGE_HARNESS names the action (start, stop, status, provision, unprovision).
//   SH_DRIVER=fs.ext4 | disk.vg | disk.lv   SH_RID=fs#1   SH_NODES="n1 n2"
//   SH_KEYWORDS="dev=/dev/loop0<newline>mnt=/srv/x"   SH_FORCE=1 SH_CONFIRM=1 SH_DRY_RUN=1
// Prints "harness: status=<status>" and "harness: log <level> <message>" for status,
// "harness: changed=<0|1>" for start/stop, "harness: error: <what>" on failure (test fails).
#include <cstdlib>
#include <iostream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <svcagent/error.hpp>
#include <svcagent/probe_cache.hpp>
#include <svcagent/registry.hpp>

#include "config/converters.hpp"
#include "exec/dry_run_runner.hpp"
#include "exec/posix_runner.hpp"

namespace svcagent {
namespace {

std::string env_or(const char* name, std::string fallback = {}) {
    const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe)
    return value != nullptr ? value : std::move(fallback);
}

std::vector<std::string> words(const std::string& text) {
    std::istringstream in{text};
    std::vector<std::string> out;
    for (std::string word; in >> word;) {
        out.push_back(word);
    }
    return out;
}

ResolvedSection section_from_env(const DriverSpec& spec, const std::string& driver) {
    std::map<std::string, std::string> given;
    std::istringstream lines{env_or("SH_KEYWORDS")};
    for (std::string line; std::getline(lines, line);) {
        if (const auto eq = line.find('='); eq != std::string::npos) {
            given[line.substr(0, eq)] = line.substr(eq + 1);
        }
    }
    ResolvedSection section;
    section.service = env_or("SH_SERVICE", "svc1");
    section.rid = env_or("SH_RID", "res#1");
    section.group = std::string{spec.group};
    section.type = driver.substr(driver.find('.') + 1);
    section.where = {.file = "<harness>", .line = 0};
    section.service_nodes = words(env_or("SH_NODES"));
    for (const Keyword& kw : spec.keywords) {
        const auto it = given.find(std::string{kw.name});
        std::optional<std::string> text;
        if (it != given.end()) {
            text = it->second;
        } else if (kw.default_value != nullptr) {
            text = kw.default_value;
        }
        section.values[std::string{kw.name}] = Value{.data = config::convert(kw.type, text),
                                                     .text = text.value_or(""),
                                                     .where = section.where,
                                                     .is_set = it != given.end()};
    }
    return section;
}

TEST(StorageHarness, RunsOneActionOnTheRealHost) {
    const std::string action = env_or("SVCAGENT_STORAGE_HARNESS");
    if (action.empty()) {
        GTEST_SKIP() << "SVCAGENT_STORAGE_HARNESS is not set";
    }
    const std::string driver = env_or("SH_DRIVER");
    const auto dot = driver.find('.');
    ASSERT_NE(dot, std::string::npos) << "SH_DRIVER=group.type";
    const DriverRegistry registry = make_builtin_registry();
    const DriverSpec* spec = registry.find(driver.substr(0, dot), driver.substr(dot + 1));
    if (spec == nullptr) {
        spec = registry.find(driver.substr(0, dot), "");
    }
    ASSERT_NE(spec, nullptr) << driver;
    ASSERT_NE(spec->make, nullptr) << driver;

    auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    spdlog::logger log{env_or("OSVC_NODENAME", "node1") + ".harness", sink};
    log.set_level(spdlog::level::debug);
    log.set_pattern("%Y-%m-%d %H:%M:%S,%e %l %n %v");
    const NodeInfo node{.nodename = env_or("OSVC_NODENAME", "node1"), .paths = {}, .is_root = true};
    const ActionOptions options{.action = action,
                                .force = env_or("SH_FORCE") == "1",
                                .confirm = env_or("SH_CONFIRM") == "1",
                                .dry_run = env_or("SH_DRY_RUN") == "1"};
    exec::PosixRunner posix;
    exec::DryRunRunner dry_run{posix};
    Runner& runner = options.dry_run ? static_cast<Runner&>(dry_run) : posix;
    ProbeCache probes{runner, log};
    ActionContext ctx{.node = node, .runner = runner, .probes = probes, .log = log, .options = options};
    try {
        const auto resource = spec->make(section_from_env(*spec, driver));
        if (action == "status") {
            const StatusReport report = resource->status(ctx);
            std::cout << "harness: status=" << to_text(report.status) << "\n";
            for (const auto& line : report.log) {
                std::cout << "harness: log " << line.level << " " << line.message << "\n";
            }
        } else if (action == "start") {
            if (const auto conflict = resource->start_conflict(ctx)) {
                throw Error(*conflict);
            }
            std::cout << "harness: changed=" << resource->start(ctx) << "\n";
        } else if (action == "stop") {
            std::cout << "harness: changed=" << resource->stop(ctx) << "\n";
        } else if (action == "provision") {
            resource->provision(ctx);
        } else if (action == "unprovision") {
            resource->unprovision(ctx);
        } else {
            FAIL() << "unknown action " << action;
        }
    } catch (const Error& e) {
        std::cout << "harness: error: " << e.what() << "\n";
        FAIL() << e.what();
    }
}

}  // namespace
}  // namespace svcagent
