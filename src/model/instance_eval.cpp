#include "model/instance_eval.hpp"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>

#include <spdlog/spdlog.h>

#include <svcagent/log.hpp>
#include <svcagent/probe_cache.hpp>

#include "app/app_resource.hpp"
#include "engine/frozen.hpp"
#include "engine/lock.hpp"
#include "engine/monitor_file.hpp"
#include "status/aggregate.hpp"
#include "status/status_json.hpp"
#include "util/atomic_write.hpp"
#include "util/hash.hpp"

namespace svcagent::model {

namespace {

double now_epoch() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

double mtime_epoch(const std::filesystem::path& path) {
    std::error_code ec;
    const auto t = std::filesystem::last_write_time(path, ec);
    if (ec) {
        return 0;
    }
    const auto sys = std::chrono::file_clock::to_sys(t);
    return std::chrono::duration<double>(sys.time_since_epoch()).count();
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Recorded provisioned state: <var>/<svc>/<rid>/provisioned holds "true" or "false".
std::optional<bool> recorded_provisioned(const Paths& paths, const std::string& svc, const std::string& rid,
                                         std::optional<double>& mtime) {
    const auto path = paths.var / svc / rid / "provisioned";
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return std::nullopt;
    }
    mtime = mtime_epoch(path);
    const std::string text = read_file(path);
    return text.rfind("false", 0) != 0;
}

ResourceState evaluate_resource(const config::ServiceConfig& config, engine::ResourceNode& node,
                                Runner& runner, ProbeCache& probes, const std::shared_ptr<spdlog::logger>& base_log,
                                const ActionOptions& options, bool skip_driver = false) {
    ResourceState r;
    r.rid = node.rid;
    r.group = node.group;
    r.type = node.type;
    r.disabled = node.disabled;
    r.optional = node.is_optional();
    r.encap = node.is_encap();
    r.standby = node.standby;
    r.monitor = node.monitor;
    r.restart = node.restart;
    r.subset = node.subset;
    r.tags.assign(node.tags.begin(), node.tags.end());
    r.unsupported = node.unsupported;
    if (node.impl) {
        r.label = node.impl->label();
    } else {
        r.label = node.type + " (unsupported driver)";
    }
    if (node.disabled || r.encap || node.unsupported || !node.impl || skip_driver) {
        r.status = Status::na;
        return r;
    }
    if (node.has_tag("nostatus")) {
        r.status = Status::na;
        r.log.push_back({"info", "nostatus tag"});
        return r;
    }
    const auto log = child_logger(base_log, base_log->name() + "." + node.rid);
    ActionContext ctx{config.node(), runner, probes, *log, options};
    try {
        StatusReport report = node.impl->status(ctx);
        r.status = standby_status(report.status, node.standby);
        r.log = std::move(report.log);
        r.info = std::move(report.info);
        r.provisioned = node.impl->provisioned(ctx);
    } catch (const std::exception& e) {
        r.status = Status::undef;
        r.log.push_back({"error", e.what()});
    }
    if (!r.provisioned) {
        r.provisioned = recorded_provisioned(config.node().paths, config.name(), node.rid, r.provisioned_mtime);
    }
    return r;
}

}  // namespace

std::filesystem::path status_cache_path(const Paths& paths, const std::string& svc) {
    return paths.var / svc / "status.json";
}

InstanceStatus evaluate_instance(const config::ServiceConfig& config, engine::ServiceGraph& graph, Runner& runner,
                                 ProbeCache& probes, const std::shared_ptr<spdlog::logger>& base_log,
                                 const ActionOptions& options) {
    InstanceStatus status;
    status.name = config.name();
    status.nodename = config.node().nodename;
    status.updated = now_epoch();
    if (const config::RawSection* defaults = config.section("DEFAULT")) {
        auto text = [&](std::string_view key, std::string fallback) {
            const auto match = config.keyword(*defaults, key);
            if (!match) {
                return fallback;
            }
            const std::string value = config.evaluate(*defaults, *match.keyword).value.text;
            return value.empty() ? fallback : value;
        };
        status.app = text("app", "default");
        status.env = text("env", status.env);
        status.topology = text("topology", "failover");
        status.placement = text("placement", "nodes order");
        status.orchestrate = text("orchestrate", "no");
        status.priority = std::stoi(text("priority", "100"));
    } else {
        status.env = config.node_config().env;
    }
    status.frozen = engine::frozen_since(config.node().paths.var, config.name()).value_or(0);
    status.drp = config.local_in(config.drpnodes());
    status.config_path = std::filesystem::absolute(config.file()).string();
    status.config_mtime = mtime_epoch(config.file());
    status.csum = util::sha256_file(config.file());
    for (const auto& [name, parallel] : graph.parallel_subsets) {
        const auto colon = name.find(':');
        status.subsets.push_back({name.substr(0, colon), name.substr(colon + 1), parallel});
    }
    auto holder = engine::read_lock_holder(engine::lock_path(config.node().paths.var, config.name()));
    if (holder && holder->pid == getpid()) {
        holder.reset();  // our own action's final refresh: describe the result, not the action
    }
    if (holder) {
        status.running = holder->running;
    }
    // Apps last: their status depends on the others' (SPEC §9.7 rules 1 and 3).
    std::optional<Status> others;
    for (engine::ResourceNode& node : graph.resources) {
        if (node.group == "app") {
            continue;
        }
        status.resources.push_back(evaluate_resource(config, node, runner, probes, base_log, options));
        const ResourceState& r = status.resources.back();
        const bool counts = (r.group == "ip" || r.group == "disk" || r.group == "fs" || r.group == "container") &&
                            !r.disabled && !r.unsupported && !r.encap;
        if (counts) {
            others = others ? merge(*others, r.status) : r.status;
        }
    }
    for (engine::ResourceNode& node : graph.resources) {
        if (node.group != "app") {
            continue;
        }
        const bool acted_upon =
            holder && std::find(holder->running.begin(), holder->running.end(), node.rid) != holder->running.end();
        const auto override_report = drivers::app::app_status_override(
            others, acted_upon ? std::optional<std::string>{holder->intent} : std::nullopt);
        if (override_report && node.impl && !node.disabled) {
            ResourceState r = evaluate_resource(config, node, runner, probes, base_log, options, true);
            r.status = standby_status(override_report->status, node.standby);
            r.log = override_report->log;
            status.resources.push_back(std::move(r));
            continue;
        }
        status.resources.push_back(evaluate_resource(config, node, runner, probes, base_log, options));
    }
    MonitorRecord record;
    const auto monitor_path = config.node().paths.var / config.name() / "monitor.json";
    std::error_code ec;
    if (std::filesystem::exists(monitor_path, ec)) {
        try {
            record = monitor_record_from_json(nlohmann::json::parse(read_file(monitor_path)));
        } catch (const std::exception&) {
            record = {};
        }
    }
    complete_instance(status, holder ? std::optional<std::string>{holder->intent} : std::nullopt, record);
    return status;
}

void write_status_cache(const Paths& paths, const InstanceStatus& status) {
    const auto path = status_cache_path(paths, status.name);
    std::filesystem::create_directories(path.parent_path());
    util::atomic_write(path, instance_to_json(status).dump(2) + "\n", 0644);
    std::filesystem::permissions(path, std::filesystem::perms{0644});
}

std::optional<InstanceStatus> read_status_cache(const Paths& paths, const std::string& svc) {
    const auto path = status_cache_path(paths, svc);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return std::nullopt;
    }
    try {
        return instance_from_json_text(read_file(path));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

bool cache_is_fresh(const Paths& paths, const std::string& svc, const std::filesystem::path& service_file,
                    std::chrono::seconds max_age) {
    const auto path = status_cache_path(paths, svc);
    const double cache_time = mtime_epoch(path);
    if (cache_time == 0) {
        return false;
    }
    return cache_time >= mtime_epoch(service_file) &&
           now_epoch() - cache_time < static_cast<double>(max_age.count());
}

std::vector<PeerInstance> read_peer_caches(const config::ServiceConfig& config) {
    std::vector<PeerInstance> peers;
    auto add = [&](const std::string& node) {
        if (node == config.node().nodename ||
            std::any_of(peers.begin(), peers.end(), [&](const PeerInstance& p) { return p.node == node; })) {
            return;
        }
        PeerInstance peer;
        peer.node = node;
        const auto path = config.node().paths.var / config.name() / "peers" / (node + ".json");
        std::error_code ec;
        if (std::filesystem::exists(path, ec)) {
            try {
                peer.data = instance_from_json_text(read_file(path));
                peer.stale = is_stale(*peer.data, now_epoch());
            } catch (const std::exception&) {
                peer.data = std::nullopt;
            }
        }
        peers.push_back(std::move(peer));
    };
    for (const auto& n : config.nodes()) {
        add(n);
    }
    for (const auto& n : config.drpnodes()) {
        add(n);
    }
    return peers;
}

void refresh_cached_monitor(const Paths& paths, const std::string& svc) {
    auto cached = read_status_cache(paths, svc);
    if (!cached) {
        return;
    }
    const auto holder = engine::read_lock_holder(engine::lock_path(paths.var, svc));
    complete_instance(*cached, holder ? std::optional<std::string>{holder->intent} : std::nullopt,
                      engine::read_monitor(paths.var, svc));
    write_status_cache(paths, *cached);
}

ServiceView make_view(const config::ServiceConfig& config, InstanceStatus local) {
    ServiceView view;
    view.name = config.name();
    view.topology = local.topology;
    view.nodes = config.nodes();
    view.drpnodes = config.drpnodes();
    view.flex_primary = config.flex_primary();
    if (const config::RawSection* defaults = config.section("DEFAULT")) {
        auto int_of = [&](std::string_view key, int fallback) {
            const auto match = config.keyword(*defaults, key);
            if (!match) {
                return fallback;
            }
            const Value v = config.evaluate(*defaults, *match.keyword).value;
            return std::holds_alternative<std::int64_t>(v.data) ? static_cast<int>(std::get<std::int64_t>(v.data))
                                                                : fallback;
        };
        view.flex_min = int_of("flex_min", 1);
        view.flex_max = int_of("flex_max", 0);
        const auto show = config.keyword(*defaults, "show_disabled");
        if (show) {
            const Value v = config.evaluate(*defaults, *show.keyword).value;
            view.show_disabled = !std::holds_alternative<bool>(v.data) || std::get<bool>(v.data);
        }
    }
    view.local = std::move(local);
    view.peers = read_peer_caches(config);
    return view;
}

}  // namespace svcagent::model
