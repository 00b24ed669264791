#include <fstream>
#include <functional>
#include <sstream>

#include <fmt/format.h>

#include <svcagent/error.hpp>
#include <svcagent/probe_cache.hpp>
#include <svcagent/runner.hpp>

#include "exec/probe_parsers.hpp"

namespace svcagent {

namespace {

constexpr std::chrono::milliseconds k_probe_timeout{std::chrono::seconds{30}};  // SPEC §8.13

// One cached answer: computed once under its own lock, so two resources asking at the same
// time cause one command; a failure is remembered like an answer until cleared.
template <typename T> class Slot {
public:
    std::shared_ptr<const T> get(const std::function<T()>& fetch) {
        const std::lock_guard lock{m_mutex};
        if (m_value) {
            return m_value;
        }
        if (m_error) {
            std::rethrow_exception(m_error);
        }
        try {
            m_value = std::make_shared<const T>(fetch());
        } catch (const Error&) {
            m_error = std::current_exception();
            throw;
        }
        return m_value;
    }
    void clear() {
        const std::lock_guard lock{m_mutex};
        m_value.reset();
        m_error = nullptr;
    }

private:
    std::mutex m_mutex;
    std::shared_ptr<const T> m_value;
    std::exception_ptr m_error;
};

// Slots per key (docker daemon, netns path). Slots are never erased, only cleared, so a
// reference obtained under the map lock stays valid.
template <typename T> class KeyedSlots {
public:
    Slot<T>& at(const std::string& key) {
        const std::lock_guard lock{m_mutex};
        auto& slot = m_slots[key];
        if (!slot) {
            slot = std::make_unique<Slot<T>>();
        }
        return *slot;
    }
    void clear() {
        const std::lock_guard lock{m_mutex};
        for (auto& [key, slot] : m_slots) {
            slot->clear();
        }
    }

private:
    std::mutex m_mutex;
    std::map<std::string, std::unique_ptr<Slot<T>>> m_slots;
};

}  // namespace

struct ProbeCache::Slots {
    Slot<MountTable> mounts;
    Slot<AddressTable> addresses;
    KeyedSlots<AddressTable> netns_addresses;
    Slot<VolumeGroupTable> volume_groups;
    KeyedSlots<ContainerTable> containers;
    KeyedSlots<ImageTable> images;
};

namespace {

std::string probe_output(Runner& runner, spdlog::logger& log, std::vector<std::string> argv) {
    const Command cmd{.argv = std::move(argv), .timeout = k_probe_timeout, .effect = Effect::probe};
    return run_checked(runner, cmd, log).out;
}

ContainerTable fetch_containers(Runner& runner, spdlog::logger& log, const DockerHost& host) {
    std::vector<std::string> ps = host.argv_prefix();
    ps.insert(ps.end(), {"ps", "-a", "--no-trunc", "--format", "{{json .}}"});
    const auto listed = exec::parse_docker_ps(probe_output(runner, log, std::move(ps)));
    ContainerTable table;
    if (listed.empty()) {
        return table;
    }
    std::vector<std::string> inspect = host.argv_prefix();
    inspect.emplace_back("inspect");
    for (const auto& entry : listed) {
        inspect.push_back(entry.id);
    }
    const Command cmd{.argv = inspect, .timeout = k_probe_timeout, .effect = Effect::probe};
    CommandResult result = runner.run(cmd, log);
    // A container removed between ps and inspect: docker exits 1 but prints the others.
    const bool partial =
        result.exit_code == 1 && !result.timed_out && result.out.find('[') != std::string::npos;
    if (!result.ok() && !partial) {
        throw CommandError(cmd, std::move(result));
    }
    table.containers = exec::parse_docker_inspect(result.out);
    return table;
}

}  // namespace

ProbeCache::ProbeCache(Runner& runner, spdlog::logger& log, ProbeTools tools, std::filesystem::path proc_root)
    : m_runner(runner), m_log(log), m_tools(std::move(tools)), m_proc_root(std::move(proc_root)),
      m_slots(std::make_unique<Slots>()) {}

ProbeCache::~ProbeCache() = default;

std::shared_ptr<const MountTable> ProbeCache::mounts() {
    return m_slots->mounts.get([this] {
        const auto path = m_proc_root / "self" / "mountinfo";
        std::ifstream file{path};
        std::ostringstream text;
        text << file.rdbuf();
        if (!file) {
            throw Error(fmt::format("cannot read {}", path.string()));
        }
        return exec::parse_mountinfo(text.str());
    });
}

std::shared_ptr<const AddressTable> ProbeCache::addresses() {
    return m_slots->addresses.get([this] {
        return exec::parse_ip_addr(probe_output(m_runner, m_log, {m_tools.ip, "-j", "addr", "show"}));
    });
}

std::shared_ptr<const AddressTable> ProbeCache::netns_addresses(const std::filesystem::path& netns) {
    return m_slots->netns_addresses.at(netns.string()).get([&] {
        return exec::parse_ip_addr(probe_output(
            m_runner, m_log, {m_tools.nsenter, "--net=" + netns.string(), "ip", "-j", "addr", "show"}));
    });
}

std::shared_ptr<const VolumeGroupTable> ProbeCache::volume_groups() {
    return m_slots->volume_groups.get([this] {
        return exec::parse_lvm_fullreport(
            probe_output(m_runner, m_log, {m_tools.lvm, "fullreport", "--reportformat", "json"}));
    });
}

std::shared_ptr<const ContainerTable> ProbeCache::containers(const DockerHost& host) {
    return m_slots->containers.at(host.key()).get([&] { return fetch_containers(m_runner, m_log, host); });
}

std::shared_ptr<const ImageTable> ProbeCache::images(const DockerHost& host) {
    return m_slots->images.at(host.key()).get([&] {
        std::vector<std::string> argv = host.argv_prefix();
        argv.insert(argv.end(), {"images", "--no-trunc", "--format", "{{json .}}"});
        return exec::parse_docker_images(probe_output(m_runner, m_log, std::move(argv)));
    });
}

void ProbeCache::invalidate(ProbeKind kind) {
    switch (kind) {
    case ProbeKind::mounts:
        m_slots->mounts.clear();
        break;
    case ProbeKind::addresses:
        m_slots->addresses.clear();
        m_slots->netns_addresses.clear();
        break;
    case ProbeKind::volume_groups:
        m_slots->volume_groups.clear();
        break;
    case ProbeKind::containers:
        m_slots->containers.clear();
        break;
    case ProbeKind::images:
        m_slots->images.clear();
        break;
    }
}

}  // namespace svcagent
