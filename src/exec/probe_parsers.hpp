#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <svcagent/probe_cache.hpp>

namespace svcagent::exec {

// Pure text-to-table parsers of the probes of SPEC §9.0. Malformed input throws svcagent::Error
// naming the probe ("ip -j addr: ...").

// /proc/self/mountinfo; octal escapes (\040 space, \011 tab, \012 newline, \134 backslash) decoded.
[[nodiscard]] MountTable parse_mountinfo(std::string_view text);
[[nodiscard]] std::string unescape_mountinfo(std::string_view field);

// `ip -j addr show` (a JSON array of interfaces with their addr_info).
[[nodiscard]] AddressTable parse_ip_addr(std::string_view json);

// `lvm fullreport --reportformat json`: {"report": [{"vg": [...], "pv": [...], "lv": [...]}, ...]}.
[[nodiscard]] VolumeGroupTable parse_lvm_fullreport(std::string_view json);

// One line of `docker ps -a --no-trunc --format '{{json .}}'`.
struct DockerPsEntry {
    std::string id;
    std::vector<std::string> names;
    std::string image;
    std::string state;  // "running", "exited", "created"...
};
[[nodiscard]] std::vector<DockerPsEntry> parse_docker_ps(std::string_view json_lines);

// `docker inspect <id>...` (a JSON array).
[[nodiscard]] std::vector<ContainerInfo> parse_docker_inspect(std::string_view json);

// `docker images --no-trunc --format '{{json .}}'`.
[[nodiscard]] ImageTable parse_docker_images(std::string_view json_lines);

}  // namespace svcagent::exec
