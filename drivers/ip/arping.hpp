#pragma once

#include <optional>
#include <string>
#include <vector>

#include <svcagent/runner.hpp>

namespace svcagent::drivers::ip {

// Two different programs are installed as `arping` on Debian (LAB.md): iputils-arping and
// Thomas Habets' arping, with different options and inverted exit codes. `arping -V` tells them
// apart: iputils prints "arping from iputils <version>".
enum class ArpingFlavour { iputils, habets, missing };

[[nodiscard]] Command arping_version_command();  // a probe
[[nodiscard]] ArpingFlavour arping_flavour(const CommandResult& version);

// Duplicate address detection from 0.0.0.0 (no local address needed):
//   iputils: arping -D -c 2 -w 3 -I <dev> <addr>   (exit 1: in use, 0: free)
//   Habets:  arping -0 -c 2 -w 3 -i <dev> <addr>   (exit 0: a reply, in use; 1: free)
// Without -q: the reply line names who answers.
[[nodiscard]] Command arping_dad_command(ArpingFlavour flavour, const std::string& dev,
                                         const std::string& addr);

enum class DadVerdict { free, in_use, failed };
[[nodiscard]] DadVerdict dad_verdict(ArpingFlavour flavour, const CommandResult& result);

// The hardware address of the first reply line ("Unicast reply from 10.0.0.5 [52:54:00:12:34:56]"
// for iputils, "... from 52:54:00:12:34:56 (10.0.0.5): ..." for Habets); nullopt when none.
[[nodiscard]] std::optional<std::string> arping_replier(const std::string& output);

// Gratuitous ARP after a plumb:
//   iputils: arping -U -c 1 -I <dev> -s <addr> <addr>
//   Habets:  arping -U -c 1 -i <dev> -S <addr> <addr>
[[nodiscard]] Command arping_announce_command(ArpingFlavour flavour, const std::string& dev,
                                              const std::string& addr);

}  // namespace svcagent::drivers::ip
