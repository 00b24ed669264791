#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcagent::drivers::container {

// The `docker run` options the agent controls itself (SPEC §9.6 run_args processing): the
// keywords that are set decide which of --net/--network, -h/--hostname, --entrypoint,
// -u/--user, --privileged are removed from run_args; -d/--detach, --name and --rm always are.
struct ControlledKeywords {
    bool netns = false;
    bool hostname = false;
    bool entrypoint = false;
    bool user = false;
    bool privileged = false;
};

struct ProcessedRunArgs {
    std::vector<std::string> words;    // what goes into the run argv after --name=<name>
    std::vector<std::string> removed;  // options removed, as written ("--rm", "--name", "-d")
    bool has_network = false;          // --net/--network left in words
};

// Validation of SPEC §9.6: nullopt when every word is an option or an option's value, else the
// message after "<rid>.run_args: " ("unexpected word 'x' (docker would take it as the image)",
// "option -v has no value").
[[nodiscard]] std::optional<std::string> run_args_error(const std::vector<std::string>& words);

// Processing of SPEC §9.6 (words already validated): -dit style words expanded, the controlled
// options removed with their values.
[[nodiscard]] ProcessedRunArgs process_run_args(const std::vector<std::string>& words,
                                                const ControlledKeywords& controlled);

// The `validate config` warnings for removed options: "<rid>.run_args: <option> is controlled by
// the agent".
[[nodiscard]] std::vector<std::string> run_args_warnings(std::string_view rid,
                                                         const ProcessedRunArgs& processed);

}  // namespace svcagent::drivers::container
