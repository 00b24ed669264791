#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <svcagent/probe_cache.hpp>

namespace svcagent::drivers::ip {

// Address helpers of SPEC §9.1, shared by the ip drivers. Pure functions: no command, no probe.

enum class Family { inet, inet6 };

[[nodiscard]] std::string_view to_text(Family family) noexcept;  // "inet", "inet6" (as `ip -j` prints)
[[nodiscard]] unsigned max_prefix(Family family) noexcept;       // 32, 128

// The family of an address literal; nullopt when text is not a literal ("db1.example.com").
[[nodiscard]] std::optional<Family> literal_family(std::string_view text);

// A prefix length ("27") or a dotted IPv4 mask ("255.255.255.224", contiguous ones only).
// nullopt when the text is neither. The range against a family is checked by the caller.
[[nodiscard]] std::optional<unsigned> parse_netmask(std::string_view text);

// True when `address` lies in network/prefix (both literals of the same family).
[[nodiscard]] bool network_contains(std::string_view network, unsigned prefix, std::string_view address);

// SPEC §9.1 guess: the prefix of the first address of the same family on `iface` whose network
// contains `address`; else that of the first address of that family; else nullopt.
[[nodiscard]] std::optional<unsigned> guess_prefix(const Interface& iface, Family family,
                                                   std::string_view address);

// A name getaddrinfo may resolve: letters, digits, '-', '_', '.', 1..253 characters, no leading
// '-' or '.'. Anything else (spaces, ';', '$') is refused before any lookup.
[[nodiscard]] bool is_host_name(std::string_view text);

// An interface name the kernel accepts: 1..15 characters, no '/', ':', whitespace, not "." or
// "..", not starting with '-' (so that it can never be taken as an option).
[[nodiscard]] bool is_interface_name(std::string_view text);

// The first result of getaddrinfo(name) as a literal; nullopt when the name does not resolve.
[[nodiscard]] std::optional<std::string> resolve_first(const std::string& name);

}  // namespace svcagent::drivers::ip
