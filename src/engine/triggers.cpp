#include "engine/triggers.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <spdlog/logger.h>

#include "engine/planner.hpp"

namespace svcagent::engine {
namespace {

constexpr std::array<std::string_view, 8> k_operators{"|", "||", "&&", ";", "&", ">", ">>", "<"};

std::string result_code(const CommandResult& result) {
    if (result.timed_out) {
        return "timeout";
    }
    if (result.term_signal != 0) {
        return fmt::format("signal {}", result.term_signal);
    }
    return std::to_string(result.exit_code);
}

void run_one(const std::string& keyword, const std::vector<std::string>& argv, bool blocking,
             const TriggerEnv& env, std::chrono::milliseconds timeout, Runner& runner, spdlog::logger& log) {
    if (argv.empty()) {
        return;
    }
    if (const auto op = shell_operator(argv)) {
        const auto message = fmt::format(
            "{}: shell operator \"{}\" is not interpreted; wrap the command in sh -c '...'", keyword, *op);
        if (blocking) {
            log.error("{}", message);
            throw ActionError(message);
        }
        log.warn("{}", message);
        return;
    }
    log.info("{}: {}", keyword, display_argv(argv));
    Command cmd{.argv = argv, .timeout = timeout};
    cmd.env = env.extra;
    cmd.env.emplace_back("OPENSVC_SVCNAME", env.service);
    cmd.env.emplace_back("OPENSVC_ACTION", env.action);
    if (!env.rid.empty()) {
        cmd.env.emplace_back("OPENSVC_RID", env.rid);
    }
    const auto result = runner.run(cmd, log);
    if (result.ok()) {
        return;
    }
    if (blocking) {
        const auto message = fmt::format("{}: {} blocking error [{}]", keyword, display_argv(argv), result_code(result));
        log.error("{}", message);
        throw ActionError(message);
    }
    log.warn("{}: {} non-blocking error [{}]", keyword, display_argv(argv), result_code(result));
}

}  // namespace

std::optional<std::string> shell_operator(const std::vector<std::string>& argv) {
    for (const auto& word : argv) {
        if (std::find(k_operators.begin(), k_operators.end(), word) != k_operators.end() ||
            (!word.empty() && word.back() == ';')) {
            return word;
        }
    }
    return std::nullopt;
}

void run_triggers(const TriggerSet& triggers, TriggerWhen when, const TriggerEnv& env,
                  std::chrono::milliseconds timeout, Runner& runner, spdlog::logger& log) {
    const std::string base = fmt::format("{}_{}", when == TriggerWhen::pre ? "pre" : "post", env.action);
    if (const auto* argv = triggers.find(base)) {
        run_one(base, *argv, false, env, timeout, runner, log);
    }
    const std::string blocking = "blocking_" + base;
    if (const auto* argv = triggers.find(blocking)) {
        run_one(blocking, *argv, true, env, timeout, runner, log);
    }
}

}  // namespace svcagent::engine
