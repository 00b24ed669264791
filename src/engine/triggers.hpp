#pragma once

// Triggers of SPEC §8.11: pre_<a>, blocking_pre_<a>, post_<a>, blocking_post_<a>, run as argv.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <svcagent/runner.hpp>

#include "engine/graph.hpp"

namespace spdlog {
class logger;
}

namespace svcagent::engine {

enum class TriggerWhen { pre, post };

struct TriggerEnv {
    std::string service;
    std::string action;  // OPENSVC_ACTION: the trigger action ("start", "stop", ...)
    std::string rid;     // OPENSVC_RID; empty for DEFAULT-level triggers
    std::vector<std::pair<std::string, std::string>> extra{};  // --env overrides
};

// The shell operator that makes a trigger refuse to run, or nullopt (exact words |, ||, &&, ;,
// &, >, >>, <, or a word ending with ';').
[[nodiscard]] std::optional<std::string> shell_operator(const std::vector<std::string>& argv);

// Runs <when>_<action> then blocking_<when>_<action> of `triggers`. A non-blocking failure logs
// WARNING "<kw>: <argv> non-blocking error [<rc>]"; a blocking one logs ERROR
// "<kw>: <argv> blocking error [<rc>]" and throws ActionError with that text.
void run_triggers(const TriggerSet& triggers, TriggerWhen when, const TriggerEnv& env,
                  std::chrono::milliseconds timeout, Runner& runner, spdlog::logger& log);

}  // namespace svcagent::engine
