#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <svcagent/driver.hpp>
#include <svcagent/probe_cache.hpp>

#include "../fs/host_ops.hpp"

namespace svcagent::drivers::disk {

// Tags of `vg` equal to the name of another node of the service (SPEC §9.3): never our own,
// never a tag that names no node.
[[nodiscard]] std::vector<std::string> foreign_host_tags(const VolumeGroup& vg, std::string_view nodename,
                                                         const std::vector<std::string>& service_nodes);

// Reads an LVM object name keyword (vg or lv name): required, and a name lvm accepts
// ([A-Za-z0-9+_.-], not starting with '-', not "." or ".."), so that no value can turn into an option.
[[nodiscard]] std::string read_lvm_name(const ResolvedSection& section, std::string_view key);

// SPEC §9.3 stop step 1: an active lv whose device-mapper device has holders gets `kpartx -d`
// when kpartx is installed; still held: ResourceError "lv <vg>/<lv> is held by <holder>".
void release_holders(ActionContext& ctx, HostOps& host, const std::string& rid, const std::string& vg,
                     const std::string& lv, const Deadline& deadline);

// The unprovision guard of SPEC §8.12 for one vg: a foreign host tag refuses unless --force
// (then WARNING). Also refuses without --confirm.
void check_unprovision(ActionContext& ctx, const std::string& rid, const VolumeGroup* vg,
                       const std::vector<std::string>& service_nodes);

}  // namespace svcagent::drivers::disk
