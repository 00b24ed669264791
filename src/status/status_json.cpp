#include "status/status_json.hpp"

#include <algorithm>
#include <stdexcept>

namespace svcagent {

namespace {

using ojson = nlohmann::ordered_json;

// Readers that keep the default when the member is absent or of another type.
void read(const nlohmann::json& j, const char* key, std::string& out) {
    if (const auto it = j.find(key); it != j.end() && it->is_string()) {
        out = it->get<std::string>();
    }
}
void read(const nlohmann::json& j, const char* key, double& out) {
    if (const auto it = j.find(key); it != j.end() && it->is_number()) {
        out = it->get<double>();
    }
}
void read(const nlohmann::json& j, const char* key, int& out) {
    if (const auto it = j.find(key); it != j.end() && it->is_number_integer()) {
        out = it->get<int>();
    }
}
void read(const nlohmann::json& j, const char* key, bool& out) {
    if (const auto it = j.find(key); it != j.end() && it->is_boolean()) {
        out = it->get<bool>();
    }
}
void read(const nlohmann::json& j, const char* key, Status& out) {
    if (const auto it = j.find(key); it != j.end() && it->is_string()) {
        if (const auto s = parse_status(it->get<std::string>())) {
            out = *s;
        }
    }
}

std::string group_of(const std::string& rid, const std::string& type) {
    if (const auto dot = type.find('.'); dot != std::string::npos) {
        return type.substr(0, dot);
    }
    if (!type.empty()) {
        return type;
    }
    return rid.substr(0, rid.find('#'));
}

std::vector<const ResourceState*> sorted_resources(const std::vector<ResourceState>& resources) {
    std::vector<const ResourceState*> out;
    out.reserve(resources.size());
    for (const ResourceState& r : resources) {
        out.push_back(&r);
    }
    std::sort(out.begin(), out.end(),
              [](const ResourceState* a, const ResourceState* b) { return natural_less(a->rid, b->rid); });
    return out;
}

ojson provisioned_to_json(Provisioned p) {
    switch (p) {
    case Provisioned::yes:
        return true;
    case Provisioned::no:
        return false;
    case Provisioned::mixed:
        return "mixed";
    }
    return true;
}

}  // namespace

ojson resource_to_json(const ResourceState& r) {
    ojson j = ojson::object();
    j["type"] = r.type;
    j["status"] = std::string(to_text(r.status));
    j["label"] = r.label;
    if (r.provisioned) {
        j["provisioned"] = ojson::object();
        j["provisioned"]["state"] = *r.provisioned;
        if (r.provisioned_mtime) {
            j["provisioned"]["mtime"] = *r.provisioned_mtime;
        }
    }
    const std::pair<const char*, bool> flags[] = {{"disable", r.disabled},
                                                  {"standby", r.standby},
                                                  {"optional", is_optional(r)},
                                                  {"encap", r.encap},
                                                  {"monitor", r.monitor}};
    for (const auto& [key, value] : flags) {
        if (value) {
            j[key] = true;
        }
    }
    if (r.restart != 0) {
        j["restart"] = r.restart;
    }
    if (!r.subset.empty()) {
        j["subset"] = r.subset;
    }
    if (!r.tags.empty()) {
        std::vector<std::string> tags = r.tags;
        std::sort(tags.begin(), tags.end());
        j["tags"] = tags;
    }
    if (!r.log.empty()) {
        ojson log = ojson::array();
        for (const StatusLogLine& l : r.log) {
            log.push_back(l.level + ": " + l.message);
        }
        j["log"] = std::move(log);
    }
    if (r.info.is_object() && !r.info.empty()) {
        j["info"] = ojson::parse(r.info.dump());  // keep the driver's member order as dumped
    }
    if (r.unsupported) {
        j["unsupported"] = true;
    }
    return j;
}

ojson instance_to_json(const InstanceStatus& s) {
    ojson j = ojson::object();
    j["name"] = s.name;
    j["nodename"] = s.nodename;
    j["kind"] = s.kind;
    j["updated"] = s.updated;
    j["app"] = s.app;
    j["env"] = s.env;
    j["topology"] = s.topology;
    j["placement"] = s.placement;
    if (s.orchestrate != "no") {
        j["orchestrate"] = s.orchestrate;
    }
    if (s.priority != 100) {
        j["priority"] = s.priority;
    }
    if (s.frozen == 0) {
        j["frozen"] = 0;
    } else {
        j["frozen"] = s.frozen;
    }
    j["provisioned"] = provisioned_to_json(s.provisioned);
    j["avail"] = std::string(to_text(s.avail));
    j["overall"] = std::string(to_text(s.overall));
    j["optional"] = std::string(to_text(s.optional));
    j["status_group"] = ojson::object();
    for (const GroupStatus& g : s.status_group) {
        j["status_group"][g.group] = std::string(to_text(g.status));
    }
    j["subsets"] = ojson::object();
    for (const SubsetInfo& sub : s.subsets) {
        j["subsets"][sub.group + ":" + sub.name] = ojson{{"parallel", sub.parallel}};
    }
    j["running"] = s.running;
    j["monitor"] = ojson{{"status", s.monitor.status}, {"local_expect", s.monitor.local_expect}};
    if (s.drp) {
        j["drp"] = true;
    }
    j["csum"] = s.csum;
    j["config_mtime"] = s.config_mtime;
    j["config_path"] = s.config_path;
    j["resources"] = ojson::object();
    for (const ResourceState* r : sorted_resources(s.resources)) {
        j["resources"][r->rid] = resource_to_json(*r);
    }
    return j;
}

ResourceState resource_from_json(const std::string& rid, const nlohmann::json& j) {
    ResourceState r;
    r.rid = rid;
    if (!j.is_object()) {
        r.group = group_of(rid, "");
        return r;
    }
    read(j, "type", r.type);
    r.group = group_of(rid, r.type);
    read(j, "status", r.status);
    read(j, "label", r.label);
    if (const auto it = j.find("provisioned"); it != j.end() && it->is_object()) {
        if (const auto st = it->find("state"); st != it->end() && st->is_boolean()) {
            r.provisioned = st->get<bool>();
        }
        if (const auto mt = it->find("mtime"); mt != it->end() && mt->is_number()) {
            r.provisioned_mtime = mt->get<double>();
        }
    }
    read(j, "disable", r.disabled);
    read(j, "standby", r.standby);
    read(j, "optional", r.optional);
    read(j, "encap", r.encap);
    read(j, "monitor", r.monitor);
    read(j, "restart", r.restart);
    read(j, "subset", r.subset);
    read(j, "unsupported", r.unsupported);
    if (const auto it = j.find("tags"); it != j.end() && it->is_array()) {
        for (const auto& t : *it) {
            if (t.is_string()) {
                r.tags.push_back(t.get<std::string>());
            }
        }
    }
    if (const auto it = j.find("log"); it != j.end() && it->is_array()) {
        for (const auto& l : *it) {
            if (!l.is_string()) {
                continue;
            }
            const auto text = l.get<std::string>();
            const auto colon = text.find(": ");
            if (colon == std::string::npos) {
                r.log.push_back({"info", text});
            } else {
                r.log.push_back({text.substr(0, colon), text.substr(colon + 2)});
            }
        }
    }
    if (const auto it = j.find("info"); it != j.end() && it->is_object()) {
        r.info = *it;
    }
    return r;
}

InstanceStatus instance_from_json(const nlohmann::json& j) {
    if (!j.is_object()) {
        throw std::invalid_argument("instance status: expected a JSON object");
    }
    InstanceStatus s;
    read(j, "name", s.name);
    read(j, "nodename", s.nodename);
    read(j, "kind", s.kind);
    read(j, "updated", s.updated);
    read(j, "app", s.app);
    read(j, "env", s.env);
    read(j, "topology", s.topology);
    read(j, "placement", s.placement);
    read(j, "orchestrate", s.orchestrate);
    read(j, "priority", s.priority);
    read(j, "frozen", s.frozen);
    if (const auto it = j.find("provisioned"); it != j.end()) {
        if (it->is_boolean()) {
            s.provisioned = it->get<bool>() ? Provisioned::yes : Provisioned::no;
        } else if (it->is_string() && it->get<std::string>() == "mixed") {
            s.provisioned = Provisioned::mixed;
        }
    }
    read(j, "avail", s.avail);
    read(j, "overall", s.overall);
    read(j, "optional", s.optional);
    if (const auto it = j.find("status_group"); it != j.end() && it->is_object()) {
        for (const auto& [group, value] : it->items()) {
            GroupStatus g{group, Status::na};
            if (value.is_string()) {
                g.status = parse_status(value.get<std::string>()).value_or(Status::undef);
            }
            s.status_group.push_back(std::move(g));
        }
        std::stable_sort(s.status_group.begin(), s.status_group.end(),
                         [](const GroupStatus& a, const GroupStatus& b) {
                             return group_rank(a.group) < group_rank(b.group);
                         });
    }
    if (const auto it = j.find("subsets"); it != j.end() && it->is_object()) {
        for (const auto& [key, value] : it->items()) {
            const auto colon = key.find(':');
            SubsetInfo sub;
            sub.group = key.substr(0, colon);
            sub.name = colon == std::string::npos ? std::string() : key.substr(colon + 1);
            if (value.is_object()) {
                read(value, "parallel", sub.parallel);
            }
            s.subsets.push_back(std::move(sub));
        }
    }
    if (const auto it = j.find("running"); it != j.end() && it->is_array()) {
        for (const auto& rid : *it) {
            if (rid.is_string()) {
                s.running.push_back(rid.get<std::string>());
            }
        }
    }
    if (const auto it = j.find("monitor"); it != j.end() && it->is_object()) {
        read(*it, "status", s.monitor.status);
        read(*it, "local_expect", s.monitor.local_expect);
    }
    read(j, "drp", s.drp);
    read(j, "csum", s.csum);
    read(j, "config_mtime", s.config_mtime);
    read(j, "config_path", s.config_path);
    if (const auto it = j.find("resources"); it != j.end() && it->is_object()) {
        for (const auto& [rid, value] : it->items()) {
            ResourceState r = resource_from_json(rid, value);
            r.running = std::find(s.running.begin(), s.running.end(), rid) != s.running.end();
            s.resources.push_back(std::move(r));
        }
        std::sort(s.resources.begin(), s.resources.end(),
                  [](const ResourceState& a, const ResourceState& b) { return natural_less(a.rid, b.rid); });
    }
    return s;
}

InstanceStatus instance_from_json_text(const std::string& text) {
    return instance_from_json(nlohmann::json::parse(text));
}

ojson monitor_record_to_json(const MonitorRecord& record) {
    ojson j = ojson::object();
    j["last_action"] = record.last_action;
    j["last_result"] = record.last_result;
    j["last_time"] = record.last_time;
    j["local_expect"] = record.local_expect;
    return j;
}

MonitorRecord monitor_record_from_json(const nlohmann::json& j) {
    MonitorRecord record;
    if (!j.is_object()) {
        return record;
    }
    read(j, "last_action", record.last_action);
    read(j, "last_result", record.last_result);
    read(j, "last_time", record.last_time);
    read(j, "local_expect", record.local_expect);
    return record;
}

}  // namespace svcagent
