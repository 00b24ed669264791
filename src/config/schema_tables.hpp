#pragma once

// Private helpers to build the keyword tables of src/config/schema_*.cpp at compile time.

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include <svcagent/keyword.hpp>

namespace svcagent::config::detail {

inline constexpr std::array<std::string_view, 1> k_alias_pre_syncnodes{"pre_syncnodes"};
inline constexpr std::array<std::string_view, 1> k_alias_post_syncnodes{"post_syncnodes"};
inline constexpr std::array<std::string_view, 1> k_alias_blocking_pre_syncnodes{"blocking_pre_syncnodes"};
inline constexpr std::array<std::string_view, 1> k_alias_blocking_post_syncnodes{"blocking_post_syncnodes"};

struct TriggerName {
    std::string_view name;
    std::string_view help;
    std::span<const std::string_view> aliases{};
};

// pre_<a>, post_<a>, blocking_pre_<a>, blocking_post_<a> for <a> in start stop provision unprovision
// sync_nodes (§8.11); the sync_nodes ones keep their legacy "syncnodes" spelling as alias (§3.5).
inline constexpr std::array<TriggerName, 20> k_trigger_names{{
    {"pre_start", "command run before start (failure: warning)"},
    {"post_start", "command run after start (failure: warning)"},
    {"blocking_pre_start", "command run before start (failure: the action fails)"},
    {"blocking_post_start", "command run after start (failure: the action fails)"},
    {"pre_stop", "command run before stop (failure: warning)"},
    {"post_stop", "command run after stop (failure: warning)"},
    {"blocking_pre_stop", "command run before stop (failure: the action fails)"},
    {"blocking_post_stop", "command run after stop (failure: the action fails)"},
    {"pre_provision", "command run before provision (failure: warning)"},
    {"post_provision", "command run after provision (failure: warning)"},
    {"blocking_pre_provision", "command run before provision (failure: the action fails)"},
    {"blocking_post_provision", "command run after provision (failure: the action fails)"},
    {"pre_unprovision", "command run before unprovision (failure: warning)"},
    {"post_unprovision", "command run after unprovision (failure: warning)"},
    {"blocking_pre_unprovision", "command run before unprovision (failure: the action fails)"},
    {"blocking_post_unprovision", "command run after unprovision (failure: the action fails)"},
    {"pre_sync_nodes", "command run before sync nodes (failure: warning)", k_alias_pre_syncnodes},
    {"post_sync_nodes", "command run after sync nodes (failure: warning)", k_alias_post_syncnodes},
    {"blocking_pre_sync_nodes", "command run before sync nodes (failure: the action fails)",
     k_alias_blocking_pre_syncnodes},
    {"blocking_post_sync_nodes", "command run after sync nodes (failure: the action fails)",
     k_alias_blocking_post_syncnodes},
}};

// The 20 trigger keywords: shlex, unset by default, scopable.
constexpr std::array<Keyword, k_trigger_names.size()> trigger_keywords(Inherit inherit) {
    std::array<Keyword, k_trigger_names.size()> out{};
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = Keyword{.name = k_trigger_names[i].name,
                         .type = ValueType::shlex,
                         .scopable = true,
                         .inherit = inherit,
                         .aliases = k_trigger_names[i].aliases,
                         .help = k_trigger_names[i].help};
    }
    return out;
}

template <std::size_t N, std::size_t M>
constexpr std::array<Keyword, N + M> concat(const std::array<Keyword, N>& a, const std::array<Keyword, M>& b) {
    std::array<Keyword, N + M> out{};
    for (std::size_t i = 0; i < N; ++i) {
        out[i] = a[i];
    }
    for (std::size_t i = 0; i < M; ++i) {
        out[N + i] = b[i];
    }
    return out;
}

}  // namespace svcagent::config::detail
