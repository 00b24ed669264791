#include "exec/probe_parsers.hpp"

#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <svcagent/error.hpp>

#include "util/strings.hpp"

namespace svcagent::exec {

namespace {

using nlohmann::json;

json parse_json(std::string_view text, std::string_view probe) {
    try {
        return json::parse(text);
    } catch (const json::exception& e) {
        throw Error(fmt::format("{}: invalid JSON: {}", probe, e.what()));
    }
}

std::string text_of(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

bool flag_of(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_boolean() && it->get<bool>();
}

template <typename Int> Int int_of(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? it->get<Int>() : Int{};
}

template <typename Int> Int to_int(std::string_view text, int line) {
    Int value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) {
        throw Error(fmt::format("mountinfo line {}: '{}' is not a number", line, text));
    }
    return value;
}

MountEntry parse_mount_line(const std::string& line, int number) {
    const auto fields = util::split(line, ' ');
    std::size_t dash = 6;
    while (dash < fields.size() && fields[dash] != "-") {
        ++dash;
    }
    if (fields.size() < 6 || dash + 2 >= fields.size()) {
        throw Error(fmt::format("mountinfo line {}: expected at least 10 fields", number));
    }
    const auto colon = fields[2].find(':');
    if (colon == std::string::npos) {
        throw Error(fmt::format("mountinfo line {}: '{}' is not major:minor", number, fields[2]));
    }
    MountEntry entry;
    entry.mount_id = to_int<int>(fields[0], number);
    entry.parent_id = to_int<int>(fields[1], number);
    entry.major = to_int<unsigned>(std::string_view{fields[2]}.substr(0, colon), number);
    entry.minor = to_int<unsigned>(std::string_view{fields[2]}.substr(colon + 1), number);
    entry.root = unescape_mountinfo(fields[3]);
    entry.mount_point = unescape_mountinfo(fields[4]);
    entry.options = fields[5];
    entry.optional_fields.assign(fields.begin() + 6, fields.begin() + static_cast<std::ptrdiff_t>(dash));
    entry.fs_type = unescape_mountinfo(fields[dash + 1]);
    entry.source = unescape_mountinfo(fields[dash + 2]);
    entry.super_options = dash + 3 < fields.size() ? fields[dash + 3] : std::string{};
    return entry;
}

}  // namespace

std::string unescape_mountinfo(std::string_view field) {
    std::string result;
    result.reserve(field.size());
    auto octal = [](char c) { return c >= '0' && c <= '7'; };
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size() && octal(field[i + 1]) && octal(field[i + 2]) &&
            octal(field[i + 3])) {
            result += static_cast<char>(((field[i + 1] - '0') << 6) | ((field[i + 2] - '0') << 3) |
                                        (field[i + 3] - '0'));
            i += 3;
        } else {
            result += field[i];
        }
    }
    return result;
}

MountTable parse_mountinfo(std::string_view text) {
    MountTable table;
    int number = 0;
    for (const auto& line : util::split_lines(text)) {
        ++number;
        if (!line.empty()) {
            table.entries.push_back(parse_mount_line(line, number));
        }
    }
    return table;
}

AddressTable parse_ip_addr(std::string_view text) {
    const json doc = parse_json(text, "ip -j addr");
    if (!doc.is_array()) {
        throw Error("ip -j addr: expected a JSON array of interfaces");
    }
    AddressTable table;
    for (const auto& link : doc) {
        Interface iface;
        iface.index = int_of<int>(link, "ifindex");
        iface.name = text_of(link, "ifname");
        iface.operstate = text_of(link, "operstate");
        iface.link_type = text_of(link, "link_type");
        iface.mac = text_of(link, "address");
        iface.master = text_of(link, "master");
        if (const auto flags = link.find("flags"); flags != link.end() && flags->is_array()) {
            for (const auto& flag : *flags) {
                if (flag.is_string()) {
                    iface.flags.push_back(flag.get<std::string>());
                }
            }
        }
        if (const auto infos = link.find("addr_info"); infos != link.end() && infos->is_array()) {
            for (const auto& info : *infos) {
                if (!info.contains("local")) {
                    continue;  // e.g. a bare lifetime record
                }
                iface.addresses.push_back({.family = text_of(info, "family"),
                                           .local = text_of(info, "local"),
                                           .prefixlen = int_of<int>(info, "prefixlen"),
                                           .scope = text_of(info, "scope"),
                                           .label = text_of(info, "label"),
                                           .tentative = flag_of(info, "tentative"),
                                           .dadfailed = flag_of(info, "dadfailed"),
                                           .deprecated = flag_of(info, "deprecated"),
                                           .nodad = flag_of(info, "nodad")});
            }
        }
        table.interfaces.push_back(std::move(iface));
    }
    return table;
}

VolumeGroupTable parse_lvm_fullreport(std::string_view text) {
    const json doc = parse_json(text, "lvm fullreport");
    const auto report = doc.find("report");
    if (!doc.is_object() || report == doc.end() || !report->is_array()) {
        throw Error("lvm fullreport: expected {\"report\": [...]}");
    }
    VolumeGroupTable table;
    for (const auto& element : *report) {
        const auto vgs = element.find("vg");
        if (vgs == element.end() || !vgs->is_array() || vgs->empty()) {
            continue;  // orphan pvs are reported without a vg
        }
        const json& vg_json = vgs->front();
        VolumeGroup vg;
        vg.name = text_of(vg_json, "vg_name");
        vg.attr = text_of(vg_json, "vg_attr");
        vg.uuid = text_of(vg_json, "vg_uuid");
        vg.tags = util::split_trimmed(text_of(vg_json, "vg_tags"), ',');
        if (const auto pvs = element.find("pv"); pvs != element.end() && pvs->is_array()) {
            for (const auto& pv : *pvs) {
                vg.pvs.push_back(text_of(pv, "pv_name"));
            }
        }
        if (const auto lvs = element.find("lv"); lvs != element.end() && lvs->is_array()) {
            for (const auto& lv : *lvs) {
                vg.lvs.push_back({.name = text_of(lv, "lv_name"),
                                  .attr = text_of(lv, "lv_attr"),
                                  .path = text_of(lv, "lv_path"),
                                  .size = text_of(lv, "lv_size"),
                                  .tags = util::split_trimmed(text_of(lv, "lv_tags"), ',')});
            }
        }
        table.groups.push_back(std::move(vg));
    }
    return table;
}

}  // namespace svcagent::exec
