#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace svcagent::cli {

// Which personality argv[0] selected (SPEC §1.1).
enum class Persona { svcmgr, nodemgr, svcmon, om, launcher };

// Everything the command line can say, parsed once (SPEC §12, Options).
struct Options {
    Persona persona = Persona::svcmgr;
    std::string program;                 // basename of argv[0], for messages
    std::optional<std::string> service;  // -s / --service selector, or the launcher name
    std::vector<std::string> words;      // action words as given
    std::string action;                  // canonical action ("print status"), filled by the action table
    std::vector<std::string> passthrough;  // words after `docker`

    std::vector<std::string> rid, tags, subsets;  // raw, comma lists kept as given
    bool force = false, confirm = false, local = false, cluster = false, dry_run = false;
    bool disable_rollback = false, refresh = false, eval = false, debug = false;
    bool hide_disabled = false, show_disabled = false, no_provision = false, no_start = false;
    bool follower = false, follow = false, help = false;
    std::optional<std::string> waitlock;  // duration text, validated by the caller
    std::optional<std::string> format;    // tree | classic | json
    std::string color = "auto";           // auto | yes | no
    std::optional<std::string> to, from, config, envfile, param, value;
    std::vector<std::string> kw;                               // --kw (repeatable)
    std::vector<std::pair<std::string, std::string>> env;      // --env k=v (repeatable)
};

// Parses argv (argv[0] included). Throws UsageError on unknown options or bad values.
[[nodiscard]] Options parse_command_line(const std::vector<std::string>& args);

// Usage text for --help of the given persona (actions and options).
[[nodiscard]] std::string usage_text(Persona persona);

}  // namespace svcagent::cli
