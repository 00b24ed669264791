#include "status/aggregate.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace svcagent {

namespace {

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

bool has_warn_log(const ResourceState& r) noexcept {
    return std::any_of(r.log.begin(), r.log.end(),
                       [](const StatusLogLine& l) { return l.level == "warn" || l.level == "error"; });
}

bool counts(const ResourceState& r) noexcept {
    return !r.disabled && !r.encap && !r.unsupported;
}

// Instances known locally, as (node, data) pairs: the local one and the peers with data.
std::vector<std::pair<std::string, const InstanceStatus*>> known_instances(const ServiceView& view) {
    std::vector<std::pair<std::string, const InstanceStatus*>> out;
    out.emplace_back(view.local.nodename, &view.local);
    for (const PeerInstance& peer : view.peers) {
        if (peer.data) {
            out.emplace_back(peer.node, &*peer.data);
        }
    }
    return out;
}

}  // namespace

std::size_t group_rank(std::string_view group) noexcept {
    const auto* it = std::find(k_status_groups.begin(), k_status_groups.end(), group);
    return static_cast<std::size_t>(it - k_status_groups.begin());
}

bool natural_less(std::string_view a, std::string_view b) noexcept {
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size()) {
        if (is_digit(a[i]) && is_digit(b[j])) {
            std::size_t ie = i;
            std::size_t je = j;
            while (ie < a.size() && is_digit(a[ie])) {
                ++ie;
            }
            while (je < b.size() && is_digit(b[je])) {
                ++je;
            }
            // Compare the numbers without their leading zeros: longer is larger, else byte-wise.
            std::string_view na = a.substr(i, ie - i);
            std::string_view nb = b.substr(j, je - j);
            na.remove_prefix(std::min(na.find_first_not_of('0'), na.size()));
            nb.remove_prefix(std::min(nb.find_first_not_of('0'), nb.size()));
            if (na.size() != nb.size()) {
                return na.size() < nb.size();
            }
            if (na != nb) {
                return na < nb;
            }
            if (ie - i != je - j) {  // "01" before "1": more leading zeros first
                return ie - i > je - j;
            }
            i = ie;
            j = je;
            continue;
        }
        if (a[i] != b[j]) {
            return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
        }
        ++i;
        ++j;
    }
    return a.size() - i < b.size() - j;
}

bool status_skips_driver(const ResourceState& r) noexcept {
    return r.disabled || r.encap || r.unsupported ||
           std::find(r.tags.begin(), r.tags.end(), "nostatus") != r.tags.end();
}

Status standby_status(Status driver_status, bool standby) noexcept {
    if (!standby) {
        return driver_status;
    }
    if (driver_status == Status::up) {
        return Status::stdby_up;
    }
    if (driver_status == Status::down) {
        return Status::stdby_down;
    }
    return driver_status;
}

bool is_optional(const ResourceState& r) noexcept {
    return r.optional || r.group == "sync";
}

Aggregation aggregate(std::span<const ResourceState> resources) {
    Aggregation agg;
    for (const std::string_view g : k_status_groups) {
        agg.groups.push_back({std::string(g), Status::na});
    }
    for (const ResourceState& r : resources) {
        if (!counts(r)) {
            continue;
        }
        Status s = r.status;
        const bool sync = r.group == "sync";
        if (sync && s == Status::up) {
            s = Status::na;
        } else if (sync && s == Status::down) {
            s = Status::warn;
        }
        const std::size_t rank = group_rank(r.group);
        if (rank < agg.groups.size()) {
            agg.groups[rank].status = merge(agg.groups[rank].status, s);
        }
        if (is_optional(r)) {
            agg.optional = merge(agg.optional, s);
        } else {
            agg.avail = merge(agg.avail, s);
        }
        if (has_warn_log(r)) {
            agg.overall = merge(agg.overall, Status::warn);
        }
    }
    if (agg.avail == Status::up_with_stdby) {
        agg.avail = Status::up;
        if (agg.optional == Status::stdby_up) {
            agg.optional = Status::up;
        }
    }
    if (agg.avail == Status::stdby_up_with_down) {
        agg.avail = Status::stdby_up;
    }
    if (agg.optional == Status::up_with_stdby) {
        agg.optional = Status::up;
    }
    if (agg.optional == Status::stdby_up_with_down) {
        agg.optional = Status::stdby_up;
    }
    agg.overall = merge(agg.overall, agg.avail);
    agg.overall = merge(agg.overall, agg.optional);
    return agg;
}

void apply_aggregation(InstanceStatus& instance) {
    Aggregation agg = aggregate(instance.resources);
    instance.avail = agg.avail;
    instance.optional = agg.optional;
    instance.overall = agg.overall;
    instance.status_group = std::move(agg.groups);
}

std::string tree_flags(const ResourceState& r) {
    std::string f(8, '.');
    if (r.running) {
        f[0] = 'R';
    }
    if (r.monitor) {
        f[1] = 'M';
    }
    if (r.disabled) {
        f[2] = 'D';
    }
    if (is_optional(r)) {
        f[3] = 'O';
    }
    if (r.encap) {
        f[4] = 'E';
    }
    if (!r.provisioned) {
        f[5] = '/';
    } else if (!*r.provisioned) {
        f[5] = 'P';
    }
    if (r.standby) {
        f[6] = 'S';
    }
    if (r.restart >= 10) {
        f[7] = '+';
    } else if (r.restart >= 1) {
        f[7] = static_cast<char>('0' + r.restart);
    }
    return f;
}

std::string classic_flags(const ResourceState& r) {
    std::string f(4, '.');
    if (r.monitor) {
        f[0] = 'M';
    }
    if (r.disabled) {
        f[1] = 'D';
    }
    if (is_optional(r)) {
        f[2] = 'O';
    }
    if (r.encap) {
        f[3] = 'E';
    }
    return f;
}

Provisioned instance_provisioned(std::span<const ResourceState> resources) noexcept {
    bool any_yes = false;
    bool any_no = false;
    for (const ResourceState& r : resources) {
        if (r.disabled || !r.provisioned) {
            continue;
        }
        (*r.provisioned ? any_yes : any_no) = true;
    }
    if (any_no) {
        return any_yes ? Provisioned::mixed : Provisioned::no;
    }
    return Provisioned::yes;
}

std::string monitor_word(const std::optional<std::string>& lock_intent, const MonitorRecord& record) {
    if (lock_intent) {
        static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> k_participles{{
            {"start", "starting"},
            {"stop", "stopping"},
            {"restart", "restarting"},
            {"provision", "provisioning"},
            {"unprovision", "unprovisioning"},
            {"switch", "switching"},
        }};
        for (const auto& [intent, word] : k_participles) {
            if (*lock_intent == intent) {
                return std::string(word);
            }
        }
        if (lock_intent->rfind("sync", 0) == 0) {
            return "syncing";
        }
        return "busy";
    }
    if (record.last_result == "failed" && !record.last_action.empty()) {
        return record.last_action + " failed";
    }
    return "idle";
}

void complete_instance(InstanceStatus& instance, const std::optional<std::string>& lock_intent,
                       const MonitorRecord& record) {
    apply_aggregation(instance);
    instance.provisioned = instance_provisioned(instance.resources);
    for (ResourceState& r : instance.resources) {
        r.running =
            std::find(instance.running.begin(), instance.running.end(), r.rid) != instance.running.end();
    }
    instance.monitor = {.status = monitor_word(lock_intent, record), .local_expect = record.local_expect};
}

bool is_stale(const InstanceStatus& data, double now) noexcept {
    return now - data.updated > k_stale_after_seconds;
}

std::vector<std::string> instance_notices(const InstanceStatus& instance) {
    std::vector<std::string> out;
    if (instance.overall == Status::warn) {
        out.emplace_back("warn");
    }
    if (instance.frozen != 0) {
        out.emplace_back("frozen");
    }
    if (instance.provisioned == Provisioned::no) {
        out.emplace_back("not provisioned");
    } else if (instance.provisioned == Provisioned::mixed) {
        out.emplace_back("part-provisioned");
    }
    if (!instance.monitor.status.empty()) {
        out.push_back(instance.monitor.status);
    }
    if (instance.monitor.local_expect == "started") {
        out.emplace_back("started");
    }
    return out;
}

std::vector<std::string> peer_notices(const PeerInstance& peer) {
    std::vector<std::string> out;
    if (peer.data) {
        out = instance_notices(*peer.data);
    }
    if (peer.unreachable) {
        out.emplace_back("unreachable");
    }
    if (peer.data && peer.stale) {
        out.emplace_back("stale");
    }
    if (!peer.data) {
        out.emplace_back("unknown");
    }
    return out;
}

Status cluster_status(const ServiceView& view) {
    const auto known = known_instances(view);
    const auto n_up = static_cast<int>(std::count_if(
        known.begin(), known.end(), [](const auto& k) { return k.second->avail == Status::up; }));
    if (view.topology == "flex") {
        const int max = view.flex_max > 0 ? view.flex_max : static_cast<int>(view.nodes.size());
        if (n_up == 0) {
            return Status::down;
        }
        return (view.flex_min <= n_up && n_up <= max) ? Status::up : Status::warn;
    }
    if (n_up == 1) {
        return Status::up;
    }
    if (n_up > 1) {
        return Status::warn;
    }
    bool any_known = false;
    bool all_na = true;
    for (const auto& k : known) {
        if (k.second->avail == Status::undef) {
            continue;
        }
        any_known = true;
        all_na = all_na && k.second->avail == Status::na;
    }
    if (!any_known) {
        return Status::undef;
    }
    return all_na ? Status::na : Status::down;
}

std::string placement_leader(const ServiceView& view) {
    if (!view.flex_primary.empty()) {
        return view.flex_primary;
    }
    return view.nodes.empty() ? std::string() : view.nodes.front();
}

bool placement_non_optimal(const ServiceView& view) {
    if (view.topology == "flex") {
        return false;
    }
    const std::string leader = placement_leader(view);
    const auto known = known_instances(view);
    return std::any_of(known.begin(), known.end(),
                       [&](const auto& k) { return k.second->avail == Status::up && k.first != leader; });
}

std::vector<std::string> service_notices(const ServiceView& view) {
    std::vector<std::string> out;
    const auto known = known_instances(view);
    if (std::any_of(known.begin(), known.end(),
                    [](const auto& k) { return k.second->overall == Status::warn; })) {
        out.emplace_back("warn");
    }
    if (placement_non_optimal(view)) {
        out.emplace_back("placement non-optimal");
    }
    return out;
}

std::string join_notices(const std::vector<std::string>& notices) {
    std::string out;
    for (const std::string& n : notices) {
        if (!out.empty()) {
            out += ", ";
        }
        out += n;
    }
    return out;
}

}  // namespace svcagent
