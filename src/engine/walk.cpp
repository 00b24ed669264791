#include "engine/walk.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>
#include <spdlog/logger.h>

#include <svcagent/log.hpp>

#include "engine/provisioned_state.hpp"
#include "engine/triggers.hpp"
#include "util/strings.hpp"

namespace svcagent::engine {
namespace {

bool stop_like(std::string_view walk) { return walk == "stop" || walk == "shutdown" || walk == "unprovision"; }

class RunningMark {
public:
    RunningMark(RunningList& list, std::string rid) : m_list(list), m_rid(std::move(rid)) { m_list.add(m_rid); }
    RunningMark(const RunningMark&) = delete;
    RunningMark& operator=(const RunningMark&) = delete;
    RunningMark(RunningMark&&) = delete;
    RunningMark& operator=(RunningMark&&) = delete;
    ~RunningMark() { m_list.remove(m_rid); }

private:
    RunningList& m_list;
    std::string m_rid;
};

bool provision_one(WalkContext& ctx, ResourceNode& node, ActionContext& actx) {
    const auto& var = ctx.node.paths.var;
    const auto recorded = read_provisioned(var, ctx.graph.service, node.rid);
    const bool shared_follower = node.shared && ctx.follower;
    if (recorded && recorded->state && node.impl->provisioned(actx).value_or(true)) {
        actx.log.info("{} already provisioned", node.rid);
    } else if (node.provision && !shared_follower) {
        node.impl->provision(actx);
    }
    if (!ctx.options.dry_run) {
        write_provisioned(var, ctx.graph.service, node.rid, true);
    }
    if (ctx.follower && ctx.graph.topology == "failover") {
        return false;  // nothing is started on a follower of a failover service (SPEC §8.12)
    }
    return node.impl->start(actx);
}

void unprovision_one(WalkContext& ctx, ResourceNode& node, ActionContext& actx) {
    node.impl->stop(actx);
    if (node.unprovision && !(node.shared && ctx.follower)) {
        node.impl->unprovision(actx);
    }
    if (!ctx.options.dry_run) {
        write_provisioned(ctx.node.paths.var, ctx.graph.service, node.rid, false);
    }
}

// One resource action wrapped by its triggers; true when a start changed something.
bool act_resource(WalkContext& ctx, std::size_t index) {
    auto& node = ctx.graph.resources[index];
    auto& log = *ctx.loggers[index];
    const std::string& walk = ctx.options.action;
    ActionContext actx{ctx.node, ctx.runner, ctx.probes, log, ctx.options};
    const RunningMark mark(ctx.running, node.rid);
    const TriggerEnv env{.service = ctx.graph.service, .action = trigger_action(walk), .rid = node.rid,
                         .extra = ctx.options.env};
    const auto timeout = node.timeout(env.action);
    run_triggers(node.triggers, TriggerWhen::pre, env, timeout, ctx.runner, log);
    bool changed = false;
    if (walk == "start" || walk == "startstandby") {
        changed = node.impl->start(actx);
    } else if (walk == "stop" || walk == "shutdown") {
        node.impl->stop(actx);
    } else if (walk == "provision") {
        changed = provision_one(ctx, node, actx);
    } else if (walk == "unprovision") {
        unprovision_one(ctx, node, actx);
    } else {
        throw std::logic_error("walk_plan: unknown walk " + walk);
    }
    run_triggers(node.triggers, TriggerWhen::post, env, timeout, ctx.runner, log);
    return changed;
}

struct Shared {
    std::mutex mutex;
    std::vector<std::size_t>& changed;
};

// Acts on one node; an optional resource's failure is logged and swallowed.
void guarded(WalkContext& ctx, std::size_t index, Shared& shared) {
    const auto& node = ctx.graph.resources[index];
    try {
        if (act_resource(ctx, index)) {
            const std::lock_guard guard(shared.mutex);
            shared.changed.push_back(index);
        }
    } catch (const std::logic_error&) {
        throw;
    } catch (const std::exception& e) {
        if (node.is_optional()) {
            ctx.loggers[index]->warn("{} failed on optional resource: {} (ignored)", ctx.options.action, e.what());
            return;
        }
        ctx.loggers[index]->error("{}", e.what());
        throw;
    }
}

// A step: the node and its netns ips (after it on start, before it on stop).
void run_step(WalkContext& ctx, const PlanStep& step, Shared& shared) {
    if (stop_like(ctx.options.action)) {
        for (const auto i : step.attached) {
            guarded(ctx, i, shared);
        }
        guarded(ctx, step.node, shared);
        return;
    }
    guarded(ctx, step.node, shared);
    for (const auto i : step.attached) {
        guarded(ctx, i, shared);
    }
}

void run_parallel(WalkContext& ctx, const PlanSet& set, Shared& shared) {
    enum class State { pending, running, ok, failed, skipped };
    const std::size_t n = set.steps.size();
    std::vector<State> states(n, State::pending);
    std::mutex mutex;
    std::condition_variable cv;
    std::exception_ptr bug;
    const auto worker = [&] {
        std::unique_lock lock(mutex);
        while (true) {
            std::size_t pick = n;
            bool pending = false;
            bool dependency_failed = false;
            for (std::size_t i = 0; i < n && pick == n; ++i) {
                if (states[i] != State::pending) {
                    continue;
                }
                pending = true;
                const auto& after = set.steps[i].after;
                const bool ready = std::all_of(after.begin(), after.end(), [&](std::size_t j) {
                    return states[j] != State::pending && states[j] != State::running;
                });
                if (ready) {
                    pick = i;
                    dependency_failed = std::any_of(after.begin(), after.end(),
                                                    [&](std::size_t j) { return states[j] != State::ok; });
                }
            }
            if (!pending) {
                return;
            }
            if (pick == n) {
                cv.wait(lock);
                continue;
            }
            if (dependency_failed) {
                states[pick] = State::skipped;
                ctx.loggers[set.steps[pick].node]->error("skip {}: a resource it depends on failed", ctx.options.action);
                cv.notify_all();
                continue;
            }
            states[pick] = State::running;
            lock.unlock();
            State result = State::ok;
            try {
                run_step(ctx, set.steps[pick], shared);
            } catch (const std::logic_error&) {
                result = State::failed;
                const std::lock_guard guard(mutex);
                bug = std::current_exception();
            } catch (const std::exception&) {
                result = State::failed;
            }
            lock.lock();
            states[pick] = result;
            cv.notify_all();
        }
    };
    std::vector<std::thread> workers;
    for (std::size_t i = 0; i < std::min(n, k_max_workers); ++i) {
        workers.emplace_back(worker);
    }
    for (auto& t : workers) {
        t.join();
    }
    if (bug) {
        std::rethrow_exception(bug);
    }
    std::vector<std::string> failed;
    for (std::size_t i = 0; i < n; ++i) {
        if (states[i] == State::failed || states[i] == State::skipped) {
            failed.push_back(ctx.graph.resources[set.steps[i].node].rid);
        }
    }
    if (!failed.empty()) {
        throw ActionError(fmt::format("{} failed on {}", ctx.options.action, util::join(failed, ", ")));
    }
}

}  // namespace

void RunningList::add(const std::string& rid) {
    const std::lock_guard guard(m_mutex);
    m_rids.push_back(rid);
    if (m_lock != nullptr) {
        m_lock->set_running(m_rids);
    }
}

void RunningList::remove(const std::string& rid) {
    const std::lock_guard guard(m_mutex);
    std::erase(m_rids, rid);
    if (m_lock != nullptr) {
        m_lock->set_running(m_rids);
    }
}

std::vector<std::string> RunningList::rids() const {
    const std::lock_guard guard(m_mutex);
    return m_rids;
}

std::vector<std::shared_ptr<spdlog::logger>> resource_loggers(const ServiceGraph& graph,
                                                              const std::shared_ptr<spdlog::logger>& base) {
    std::vector<std::shared_ptr<spdlog::logger>> out;
    out.reserve(graph.resources.size());
    for (const auto& node : graph.resources) {
        out.push_back(child_logger(base, base->name() + "." + node.rid));
    }
    return out;
}

void walk_plan(const Plan& plan, WalkContext& ctx, std::vector<std::size_t>& changed) {
    Shared shared{.mutex = {}, .changed = changed};
    for (const auto& skip : plan.skipped) {
        auto& log = *ctx.loggers[skip.node];
        switch (skip.level) {
        case PlanSkip::Level::warning:
            log.warn("{}", skip.message);
            break;
        case PlanSkip::Level::info:
            log.info("{}", skip.message);
            break;
        case PlanSkip::Level::debug:
            log.debug("skip {}: {}", plan.walk, skip.message);
            break;
        }
    }
    for (const auto& set : plan.sets) {
        if (set.parallel && !ctx.options.dry_run && set.steps.size() > 1) {
            ctx.log.debug("run subset {}:{} in parallel", set.group, set.subset);
            run_parallel(ctx, set, shared);
            continue;
        }
        for (const auto& step : set.steps) {
            run_step(ctx, step, shared);
        }
    }
}

void rollback(const Plan& plan, WalkContext& ctx, const std::vector<std::size_t>& changed,
              const std::string& reason_disabled) {
    const std::string what = trigger_action(plan.walk);
    if (!reason_disabled.empty()) {
        ctx.log.info("skip rollback {}: as instructed by {}", what, reason_disabled);
        return;
    }
    const auto order = plan.nodes();
    std::vector<std::size_t> targets;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        if (std::find(changed.begin(), changed.end(), *it) != changed.end() && !ctx.graph.resources[*it].standby) {
            targets.push_back(*it);
        }
    }
    if (targets.empty()) {
        ctx.log.info("skip rollback {}: no resource activated", what);
        return;
    }
    std::vector<std::string> rids;
    for (const auto i : targets) {
        rids.push_back(ctx.graph.resources[i].rid);
    }
    ctx.log.info("trying to rollback {} on {}", what, util::join(rids, ", "));
    ActionOptions options = ctx.options;
    options.action = "stop";
    for (const auto i : targets) {
        auto& log = *ctx.loggers[i];
        ActionContext actx{ctx.node, ctx.runner, ctx.probes, log, options};
        const RunningMark mark(ctx.running, ctx.graph.resources[i].rid);
        try {
            ctx.graph.resources[i].impl->stop(actx);
        } catch (const std::logic_error&) {
            throw;
        } catch (const std::exception& e) {
            log.error("rollback of {} failed: {}", ctx.graph.resources[i].rid, e.what());
        }
    }
}

}  // namespace svcagent::engine
