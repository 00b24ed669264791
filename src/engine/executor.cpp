#include "engine/executor.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>
#include <spdlog/logger.h>

#include "engine/frozen.hpp"
#include "engine/monitor_file.hpp"
#include "engine/triggers.hpp"
#include "engine/walk.hpp"

namespace svcagent::engine {
namespace {

constexpr std::array<std::string_view, 2> k_composed{"restart", "boot"};

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool starts_non_standby(const ServiceGraph& graph, const Plan& plan) {
    const auto nodes = plan.nodes();
    return std::any_of(nodes.begin(), nodes.end(), [&](std::size_t i) { return !graph.resources[i].standby; });
}

}  // namespace

PeerVerdict NoPeers::check_start(const ServiceGraph&, const ActionOptions&, spdlog::logger& log) {
    log.debug("no peers known: start allowed");
    return {};
}

PeerVerdict NoPeers::check_unprovision(const ServiceGraph&, const ActionOptions&, spdlog::logger& log) {
    log.debug("no peers known: unprovision allowed");
    return {};
}

bool is_executor_action(std::string_view action) {
    return resolve_action(action).has_value() ||
           std::find(k_composed.begin(), k_composed.end(), action) != k_composed.end();
}

struct Executor::Run {
    ServiceGraph& graph;
    const ActionRequest& request;
    std::vector<Plan> plans;  // walked in order (restart: stop then start; boot: start or startstandby)
    std::optional<Plan> fallback;  // boot: startstandby after a failed full start
    bool boot_full_start = false;
    std::optional<LockGuard> lock;
    std::unique_ptr<RunningList> running;
    std::vector<std::shared_ptr<spdlog::logger>> loggers;
};

Executor::Executor(const NodeInfo& node, Runner& runner, ProbeCache& probes, std::shared_ptr<spdlog::logger> log,
                   LockManager& locks, ExecutorHooks hooks)
    : m_node(node), m_runner(runner), m_probes(probes), m_log(std::move(log)), m_locks(locks), m_hooks(hooks) {
    if (m_hooks.peers == nullptr) {
        m_hooks.peers = &m_no_peers;
    }
}

void Executor::pre_checks(const Run& run) const {
    const auto& graph = run.graph;
    const auto& action = run.request.action;
    const auto& name = m_node.nodename;
    if (!contains(graph.nodes, name) && !contains(graph.drpnodes, name) && !contains(graph.encapnodes, name)) {
        throw ActionError(fmt::format("this node ({}) is not a node of {} (DEFAULT.nodes, drpnodes, encapnodes)",
                                      name, graph.service));
    }
    const bool prd_rule = action == "start" || action == "boot" || action == "restart" || action == "provision";
    if (prd_rule && run.request.node_env == "PRD" && graph.env != "PRD") {
        throw ActionError(fmt::format("service env {} is not allowed on a PRD node", graph.env));
    }
    if (action != "boot" && !run.request.options.force && is_frozen(m_node.paths.var, graph.service)) {
        throw ActionError(fmt::format("Abort action '{}' for frozen service. Use --force to override.", action));
    }
    if (action == "unprovision" && !run.request.options.confirm) {
        throw ActionError("unprovision destroys data; add --confirm to proceed");
    }
}

void Executor::run(ServiceGraph& graph, const ActionRequest& request) {
    if (!is_executor_action(request.action)) {
        throw std::invalid_argument("Executor::run: not a resource action: " + request.action);
    }
    if (graph.disabled) {
        m_log->info("service is disabled");
        return;
    }
    if (request.action == "boot" && is_frozen(m_node.paths.var, graph.service)) {
        m_log->info("frozen, skip boot");
        return;
    }
    Run run{.graph = graph, .request = request, .plans = {}, .fallback = {}, .boot_full_start = false,
            .lock = {}, .running = {}, .loggers = resource_loggers(graph, m_log)};
    pre_checks(run);
    const PlanOptions plan_options{.force = request.options.force};
    const auto& action = request.action;
    const bool failover = graph.topology != "flex";
    if (action == "restart") {
        run.plans.push_back(make_plan(graph, "stop", request.selection, plan_options));
        run.plans.push_back(make_plan(graph, "start", request.selection, plan_options));
    } else if (action == "boot") {
        boot(run);
    } else {
        run.plans.push_back(make_plan(graph, action, request.selection, plan_options));
    }
    const auto& last = run.plans.back();
    const bool starts = (last.walk == "start" && action != "boot") || (last.walk == "provision" && !request.follower);
    if (failover && starts && starts_non_standby(graph, last)) {
        const auto verdict = m_hooks.peers->check_start(graph, request.options, *m_log);
        if (verdict.kind != PeerVerdict::Kind::ok) {
            throw ActionError(verdict.message);
        }
    }
    if (action == "unprovision") {
        const auto verdict = m_hooks.peers->check_unprovision(graph, request.options, *m_log);
        if (verdict.kind != PeerVerdict::Kind::ok) {
            throw ActionError(verdict.message);
        }
    }
    if (!request.options.dry_run) {
        const auto resolved = resolve_action(action);
        const std::string intent = resolved ? resolved->walk : action;
        const auto path = lock_path(m_node.paths.var, graph.service);
        const auto holder = read_lock_holder(path);
        const auto asked = std::chrono::steady_clock::now();
        run.lock.emplace(m_locks.acquire(path, intent, request.waitlock.value_or(graph.lock_timeout)));
        const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - asked);
        if (holder && holder->pid != ::getpid() && waited >= std::chrono::milliseconds{100}) {
            m_log->info("waited {} for the lock held by pid {} (intent '{}')", format_wait(waited), holder->pid,
                        holder->intent);
        }
    }
    run.running = std::make_unique<RunningList>(run.lock ? &*run.lock : nullptr);
    bool ok = false;
    try {
        run_locked(run);
        ok = true;
    } catch (...) {
        finish(run, false);
        throw;
    }
    finish(run, ok);
}

// §8.9 boot: full start on an autostart node, startstandby elsewhere.
void Executor::boot(Run& run) {
    const auto& graph = run.graph;
    const auto& request = run.request;
    const auto& name = m_node.nodename;
    const PlanOptions plan_options{.force = request.options.force};
    const bool asked = contains(graph.autostart_node, name) || (graph.orchestrate == "start" && contains(graph.nodes, name));
    bool autostart = asked;
    if (graph.topology != "flex" && asked) {
        autostart = !graph.nodes.empty() && graph.nodes.front() == name;
        if (autostart) {
            const auto verdict = m_hooks.peers->check_start(graph, request.options, *m_log);
            if (verdict.kind == PeerVerdict::Kind::peer_up) {
                m_log->info("{}", verdict.message);
                autostart = false;
            } else if (verdict.kind == PeerVerdict::Kind::unverifiable) {
                m_log->warn("{}", verdict.message);
                autostart = false;
            }
        }
    }
    auto standby = make_plan(graph, "startstandby", request.selection, plan_options);
    if (!autostart) {
        run.plans.push_back(std::move(standby));
        return;
    }
    run.boot_full_start = true;
    run.plans.push_back(make_plan(graph, "start", request.selection, plan_options));
    run.fallback = std::move(standby);
}

void Executor::run_locked(Run& run) {
    for (const auto& plan : run.plans) {
        try {
            walk(run, plan.walk);
        } catch (const std::logic_error&) {
            throw;
        } catch (const std::exception&) {
            if (!run.fallback) {
                throw;
            }
            m_log->warn("start failed, try to start standby");
            run.boot_full_start = false;
            walk(run, "startstandby");
            throw;
        }
    }
}

void Executor::walk(Run& run, const std::string& action) {
    const auto& request = run.request;
    const auto it = std::find_if(run.plans.begin(), run.plans.end(), [&](const Plan& p) { return p.walk == action; });
    const Plan& plan = it != run.plans.end() ? *it : *run.fallback;
    for (const auto& rid : plan.added) {
        m_log->info("add {} to satisfy dependencies", rid);
    }
    const TriggerEnv env{.service = run.graph.service, .action = trigger_action(plan.walk), .rid = {},
                         .extra = request.options.env};
    run_triggers(run.graph.triggers, TriggerWhen::pre, env, k_service_trigger_timeout, m_runner, *m_log);
    const bool start_like = is_start_like(plan.walk);
    if (start_like) {
        abort_phase(run, plan);
    }
    ActionOptions options = request.options;
    options.action = plan.walk;
    WalkContext ctx{.graph = run.graph, .node = m_node, .runner = m_runner, .probes = m_probes, .options = options,
                    .log = *m_log, .loggers = run.loggers, .running = *run.running, .follower = request.follower};
    std::vector<std::size_t> changed;
    try {
        walk_plan(plan, ctx, changed);
    } catch (const std::logic_error&) {
        throw;
    } catch (const std::exception&) {
        if (start_like) {
            const std::string disabled = request.options.disable_rollback ? "--disable-rollback"
                                         : !run.graph.rollback          ? "DEFAULT.rollback"
                                                                        : "";
            rollback(plan, ctx, changed, disabled);
        }
        throw;
    }
    run_triggers(run.graph.triggers, TriggerWhen::post, env, k_service_trigger_timeout, m_runner, *m_log);
}

// §8.2 step 5: concurrent conflict checks of the resources not already up.
void Executor::abort_phase(Run& run, const Plan& plan) {
    const auto nodes = plan.nodes();
    std::vector<std::optional<std::string>> conflicts(nodes.size());
    ActionOptions options = run.request.options;
    options.action = plan.walk;
    const auto check = [&](std::size_t k) {
        auto& node = run.graph.resources[nodes[k]];
        ActionContext ctx{m_node, m_runner, m_probes, *run.loggers[nodes[k]], options};
        try {
            const auto status = node.impl->status(ctx).status;
            if (status != Status::up && status != Status::stdby_up) {
                conflicts[k] = node.impl->start_conflict(ctx);
            }
        } catch (const std::logic_error&) {
            throw;
        } catch (const std::exception& e) {
            run.loggers[nodes[k]]->debug("conflict check: {}", e.what());
        }
    };
    for (std::size_t first = 0; first < nodes.size(); first += k_max_workers) {
        std::vector<std::thread> batch;
        for (std::size_t k = first; k < std::min(nodes.size(), first + k_max_workers); ++k) {
            batch.emplace_back(check, k);
        }
        for (auto& t : batch) {
            t.join();
        }
    }
    for (std::size_t k = 0; k < nodes.size(); ++k) {
        if (conflicts[k]) {
            const auto message = fmt::format("start aborted: {}: {}", run.graph.resources[nodes[k]].rid, *conflicts[k]);
            m_log->error("{}", message);
            throw ActionError(message);
        }
    }
}

void Executor::finish(Run& run, bool ok) {
    const auto& request = run.request;
    if (request.options.dry_run) {
        return;
    }
    std::optional<Status> avail;
    if (m_hooks.status != nullptr) {
        try {
            avail = m_hooks.status->refresh(run.graph, *m_log);
        } catch (const std::logic_error&) {
            throw;
        } catch (const std::exception& e) {
            m_log->warn("status refresh failed: {}", e.what());
        }
    }
    const bool scoped = request.selection.scoped() || !resolve_action(request.action).value_or(ResolvedAction{}).forced_rids.empty();
    const bool started = request.action == "start" || request.action == "restart" ||
                         (request.action == "boot" && run.boot_full_start);
    std::string avail_error;
    if (ok && started && !scoped && avail) {
        const auto text = std::string(to_text(*avail));
        if (text != "up" && text != "stdby up" && text != "n/a") {
            avail_error = fmt::format("start action returned 0 but instance avail status is {}", text);
            m_log->error("{}", avail_error);
            ok = false;
        }
    }
    try {
        record_action(m_node.paths.var, run.graph.service, request.action, ok,
                      ok ? expect_after(request.action, scoped, request.follower, run.boot_full_start) : std::nullopt);
    } catch (const std::exception& e) {
        m_log->warn("cannot write monitor.json: {}", e.what());
    }
    if (!avail_error.empty()) {
        throw ActionError(avail_error);
    }
}

}  // namespace svcagent::engine
