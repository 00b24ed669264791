#include "run_args.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace svcagent::drivers::container {

namespace {

constexpr std::string_view k_short_with_value = "acehlmpuvw";
constexpr std::string_view k_dit_letters = "ditP";

// `docker run --help` of docker 20.10 on Linux: options printed with a value type, plus the
// aliases --net, --net-alias and --dns-opt (SPEC §9.6).
constexpr auto k_long_with_value = std::to_array<std::string_view>({
    "add-host",
    "attach",
    "blkio-weight",
    "blkio-weight-device",
    "cap-add",
    "cap-drop",
    "cgroup-parent",
    "cgroupns",
    "cidfile",
    "cpu-period",
    "cpu-quota",
    "cpu-rt-period",
    "cpu-rt-runtime",
    "cpu-shares",
    "cpus",
    "cpuset-cpus",
    "cpuset-mems",
    "detach-keys",
    "device",
    "device-cgroup-rule",
    "device-read-bps",
    "device-read-iops",
    "device-write-bps",
    "device-write-iops",
    "dns",
    "dns-opt",
    "dns-option",
    "dns-search",
    "domainname",
    "entrypoint",
    "env",
    "env-file",
    "expose",
    "gpus",
    "group-add",
    "health-cmd",
    "health-interval",
    "health-retries",
    "health-start-period",
    "health-timeout",
    "hostname",
    "ip",
    "ip6",
    "ipc",
    "isolation",
    "kernel-memory",
    "label",
    "label-file",
    "link",
    "link-local-ip",
    "log-driver",
    "log-opt",
    "mac-address",
    "memory",
    "memory-reservation",
    "memory-swap",
    "memory-swappiness",
    "mount",
    "name",
    "net",
    "net-alias",
    "network",
    "network-alias",
    "oom-score-adj",
    "pid",
    "pids-limit",
    "platform",
    "publish",
    "pull",
    "restart",
    "runtime",
    "security-opt",
    "shm-size",
    "stop-signal",
    "stop-timeout",
    "storage-opt",
    "sysctl",
    "tmpfs",
    "ulimit",
    "user",
    "userns",
    "uts",
    "volume",
    "volume-driver",
    "volumes-from",
    "workdir",
});

bool long_takes_value(std::string_view name) {
    return std::find(k_long_with_value.begin(), k_long_with_value.end(), name) != k_long_with_value.end();
}

// One option as read: canonical name ("-v", "--net"), its value if any, how it was written.
struct Option {
    std::string name;
    std::optional<std::string> value{};
    bool inline_value = false;  // --opt=value or -vvalue
};

// The words of one original option word (and the value word it took), with what they hold.
struct Group {
    std::vector<std::string> words;
    std::vector<Option> options;
    bool expand = false;  // a -dit style word: always written back as single flags
};

struct Parsed {
    std::vector<Group> groups;
    std::optional<std::string> error;
};

bool is_dit_word(std::string_view word) {
    return word.size() > 2 && word[0] == '-' && word[1] != '-' &&
           word.substr(1).find_first_not_of(k_dit_letters) == std::string_view::npos;
}

Parsed parse(const std::vector<std::string>& words) {
    Parsed parsed;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (word.size() < 2 || word[0] != '-') {
            parsed.error = fmt::format("unexpected word '{}' (docker would take it as the image)", word);
            return parsed;
        }
        Group group{.words = {word}, .options = {}, .expand = is_dit_word(word)};
        auto take_next = [&](const std::string& option) -> std::optional<std::string> {
            if (i + 1 >= words.size()) {
                parsed.error = fmt::format("option {} has no value", option);
                return std::nullopt;
            }
            group.words.push_back(words[++i]);
            return words[i];
        };
        if (word[1] == '-') {
            const auto eq = word.find('=');
            const std::string name = word.substr(0, eq);
            if (eq != std::string::npos) {
                group.options.push_back({.name = name, .value = word.substr(eq + 1), .inline_value = true});
            } else if (long_takes_value(std::string_view{name}.substr(2))) {
                auto value = take_next(name);
                if (!value) {
                    return parsed;
                }
                group.options.push_back({.name = name, .value = std::move(value)});
            } else {
                group.options.push_back({.name = name});
            }
        } else {
            for (std::size_t j = 1; j < word.size(); ++j) {
                const std::string name = fmt::format("-{}", word[j]);
                if (k_short_with_value.find(word[j]) == std::string_view::npos) {
                    group.options.push_back({.name = name});
                    continue;
                }
                if (j + 1 < word.size()) {
                    group.options.push_back(
                        {.name = name, .value = word.substr(j + 1), .inline_value = true});
                } else {
                    auto value = take_next(name);
                    if (!value) {
                        return parsed;
                    }
                    group.options.push_back({.name = name, .value = std::move(value)});
                }
                break;
            }
        }
        parsed.groups.push_back(std::move(group));
    }
    return parsed;
}

bool controlled(const Option& option, const ControlledKeywords& keywords) {
    const std::string_view n = option.name;
    if (n == "-d" || n == "--detach" || n == "--name" || n == "--rm") {
        return true;
    }
    return (keywords.netns && (n == "--net" || n == "--network")) ||
           (keywords.hostname && (n == "-h" || n == "--hostname")) ||
           (keywords.entrypoint && n == "--entrypoint") || (keywords.user && (n == "-u" || n == "--user")) ||
           (keywords.privileged && n == "--privileged");
}

void write_option(const Option& option, std::vector<std::string>& out) {
    if (!option.value) {
        out.push_back(option.name);
    } else if (option.inline_value) {
        out.push_back(option.name + (option.name.size() == 2 ? "" : "=") + *option.value);
    } else {
        out.push_back(option.name);
        out.push_back(*option.value);
    }
}

}  // namespace

std::optional<std::string> run_args_error(const std::vector<std::string>& words) {
    return parse(words).error;
}

ProcessedRunArgs process_run_args(const std::vector<std::string>& words, const ControlledKeywords& keywords) {
    ProcessedRunArgs out;
    for (const Group& group : parse(words).groups) {
        const bool any_removed =
            std::any_of(group.options.begin(), group.options.end(),
                        [&](const Option& option) { return controlled(option, keywords); });
        if (!any_removed && !group.expand) {
            out.words.insert(out.words.end(), group.words.begin(), group.words.end());
        }
        for (const Option& option : group.options) {
            if (controlled(option, keywords)) {
                out.removed.push_back(option.name);
                continue;
            }
            if (any_removed || group.expand) {
                write_option(option, out.words);
            }
            out.has_network = out.has_network || option.name == "--net" || option.name == "--network";
        }
    }
    return out;
}

std::vector<std::string> run_args_warnings(std::string_view rid, const ProcessedRunArgs& processed) {
    std::vector<std::string> warnings;
    for (const std::string& option : processed.removed) {
        warnings.push_back(fmt::format("{}.run_args: {} is controlled by the agent", rid, option));
    }
    return warnings;
}

}  // namespace svcagent::drivers::container
