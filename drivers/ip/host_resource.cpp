#include "host_resource.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <svcagent/error.hpp>

namespace svcagent::drivers::ip {

namespace {

constexpr auto k_ping_timeout = std::chrono::seconds{10};

bool has_flag(const Interface& iface, std::string_view flag) {
    return std::find(iface.flags.begin(), iface.flags.end(), flag) != iface.flags.end();
}

const InterfaceAddress* find_on(const Interface* iface, std::string_view addr) {
    if (iface == nullptr) {
        return nullptr;
    }
    const auto family = literal_family(addr);
    for (const auto& candidate : iface->addresses) {
        if (family && candidate.family == to_text(*family) &&
            network_contains(candidate.local, max_prefix(*family), addr)) {
            return &candidate;
        }
    }
    return nullptr;
}

// Another interface than `dev` holding addr, or nullptr.
const Interface* elsewhere(const AddressTable& table, std::string_view dev, std::string_view addr) {
    for (const auto& iface : table.interfaces) {
        if (iface.name != dev && find_on(&iface, addr) != nullptr) {
            return &iface;
        }
    }
    return nullptr;
}

std::vector<std::string> ping_argv(const std::string& addr, bool inet6, const char* wait_seconds) {
    std::vector<std::string> argv{"ping"};
    if (inet6) {
        argv.emplace_back("-6");
    }
    argv.insert(argv.end(), {"-n", "-c", "1", "-w", wait_seconds, addr});
    return argv;
}

std::optional<std::string> read_cache(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::string text;
    if (!in || !std::getline(in, text) || !literal_family(text)) {
        return std::nullopt;
    }
    return text;
}

void write_cache(const std::filesystem::path& path, const std::string& addr) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    const std::filesystem::path tmp = path.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << addr << '\n';
        if (!out.flush()) {
            return;  // a cache only: the next successful resolution tries again
        }
    }
    std::filesystem::rename(tmp, path, ec);
}

}  // namespace

Ipv6DadState ipv6_dad_state(const std::string& ip_json, const std::string& addr) {
    Ipv6DadState state;
    const auto doc = nlohmann::json::parse(ip_json, nullptr, false);
    if (!doc.is_array()) {
        throw Error("ip -6 -j addr show: expected a JSON array of interfaces");
    }
    for (const auto& link : doc) {
        const auto infos = link.find("addr_info");
        if (infos == link.end() || !infos->is_array()) {
            continue;
        }
        for (const auto& info : *infos) {
            const auto local = info.find("local");
            if (local == info.end() || !local->is_string() ||
                !network_contains(local->get<std::string>(), 128, addr)) {
                continue;
            }
            state.present = true;
            state.tentative = info.value("tentative", false);
            state.dadfailed = info.value("dadfailed", false);
        }
    }
    return state;
}

HostIpResource::HostIpResource(HostIpConfig config, HostIpTools tools)
    : m_config(std::move(config)), m_tools(std::move(tools)) {}

std::string HostIpResource::label() const {
    return m_config.ipname + "@" + m_config.ipdev;
}

std::filesystem::path HostIpResource::cache_path(const ActionContext& ctx) const {
    return ctx.node.paths.var / m_config.service / m_config.rid / "addr";
}

std::optional<HostIpResource::Address> HostIpResource::address(ActionContext& ctx, bool use_cache,
                                                               const std::function<void(std::string)>& warn) {
    if (const auto family = literal_family(m_config.ipname)) {
        return Address{m_config.ipname, *family};
    }
    if (const auto resolved = m_tools.resolve(m_config.ipname)) {
        if (const auto family = literal_family(*resolved)) {
            const auto path = cache_path(ctx);
            if (!ctx.options.dry_run && read_cache(path) != resolved) {
                write_cache(path, *resolved);
            }
            return Address{*resolved, *family};
        }
    }
    if (use_cache) {
        if (const auto cached = read_cache(cache_path(ctx))) {
            warn(fmt::format("cannot resolve {}: using the cached address {}", m_config.ipname, *cached));
            return Address{*cached, *literal_family(*cached)};
        }
    }
    return std::nullopt;
}

unsigned HostIpResource::prefix_for(const Address& addr, const AddressTable& table) const {
    if (m_config.prefix) {
        if (*m_config.prefix > max_prefix(addr.family)) {
            throw ResourceError(m_config.rid, fmt::format("netmask /{} is too long for {} address {}",
                                                          *m_config.prefix, to_text(addr.family), addr.text));
        }
        return *m_config.prefix;
    }
    if (const Interface* dev = table.find_interface(m_config.ipdev)) {
        if (const auto guess = guess_prefix(*dev, addr.family, addr.text)) {
            return *guess;
        }
    }
    throw ResourceError(m_config.rid,
                        fmt::format("netmask is not set nor guessable from {}", m_config.ipdev));
}

std::vector<std::string> HostIpResource::ip_argv(const Address& addr,
                                                 std::initializer_list<std::string> words) const {
    std::vector<std::string> argv{m_tools.ip};
    if (addr.family == Family::inet6) {
        argv.emplace_back("-6");
    }
    argv.insert(argv.end(), words);
    return argv;
}

void HostIpResource::sleep(std::chrono::milliseconds duration) const {
    if (m_tools.sleep) {
        m_tools.sleep(duration);
    } else {
        std::this_thread::sleep_for(duration);
    }
}

// ---- status ----

StatusReport HostIpResource::status(ActionContext& ctx) {
    StatusReport report;
    report.info["ipdev"] = m_config.ipdev;
    const auto addr = address(ctx, true, [&](std::string msg) { report.warn(std::move(msg)); });
    if (!addr) {
        report.status = Status::undef;
        report.error(fmt::format("cannot resolve {}", m_config.ipname));
        return report;
    }
    report.info["ipaddr"] = addr->text;
    std::shared_ptr<const AddressTable> table;
    try {
        table = ctx.probes.addresses();
    } catch (const Error& e) {
        report.status = Status::undef;
        report.error(e.what());
        return report;
    }
    const Interface* dev = table->find_interface(m_config.ipdev);
    if (dev == nullptr) {
        report.status = Status::down;
        report.warn(fmt::format("interface {} not found", m_config.ipdev));
        return report;
    }
    const InterfaceAddress* here = find_on(dev, addr->text);
    const Interface* holder = dev;
    if (here == nullptr) {
        holder = elsewhere(*table, m_config.ipdev, addr->text);
        here = find_on(holder, addr->text);
    }
    if (here == nullptr) {
        report.status = Status::down;
        if (m_config.prefix) {
            report.info["netmask"] = *m_config.prefix;
        }
        return report;
    }
    report.info["netmask"] = here->prefixlen;
    if (has_flag(*holder, "NO-CARRIER") && m_config.check_carrier) {
        report.status = Status::down;
        report.warn(fmt::format("interface {} has no carrier", holder->name));
        return report;
    }
    report.status = Status::up;
    if (holder != dev) {
        report.warn(fmt::format("current dev {}, expected {}", holder->name, m_config.ipdev));
    }
    if (m_config.prefix && static_cast<unsigned>(here->prefixlen) != *m_config.prefix) {
        report.warn(fmt::format("current netmask {}, expected {}", here->prefixlen, *m_config.prefix));
    }
    if (here->dadfailed) {
        report.status = Status::warn;
        report.warn(fmt::format("IPv6 duplicate address detected for {}", addr->text));
    } else if (here->tentative) {
        report.info_line(fmt::format("{} is tentative (duplicate address detection running)", addr->text));
    }
    return report;
}

// ---- abort phase ----

std::optional<std::string> HostIpResource::availability_conflict(ActionContext& ctx, const Address& addr) {
    ctx.log.info("checking {} availability", addr.text);
    if (addr.family == Family::inet) {
        const auto flavour = arping_flavour(ctx.runner.run(arping_version_command(), ctx.log));
        if (flavour == ArpingFlavour::missing) {
            ctx.log.warn("arping not found: duplicate address detection skipped");
        } else {
            const auto result =
                ctx.runner.run(arping_dad_command(flavour, m_config.ipdev, addr.text), ctx.log);
            switch (dad_verdict(flavour, result)) {
            case DadVerdict::in_use: {
                const auto mac = arping_replier(result.out);
                return fmt::format("{} is already in use on the network (duplicate address detected){}",
                                   addr.text, mac ? ", answered by " + *mac : std::string{});
            }
            case DadVerdict::failed:
                ctx.log.warn("arping failed (exit code {}): {}: duplicate address detection skipped",
                             result.exit_code, result.err.empty() ? result.out : result.err);
                break;
            case DadVerdict::free:
                break;
            }
        }
    }
    const auto ping = ctx.runner.run({.argv = ping_argv(addr.text, addr.family == Family::inet6, "2"),
                                      .timeout = k_ping_timeout,
                                      .effect = Effect::probe},
                                     ctx.log);
    if (ping.ok()) {
        return fmt::format("{} answers to ping: it is up on another host", addr.text);
    }
    return std::nullopt;
}

std::optional<std::string> HostIpResource::start_conflict(ActionContext& ctx) {
    if (!m_config.check_availability) {
        return std::nullopt;
    }
    const auto addr = address(ctx, false, [](const std::string&) {});
    if (!addr) {
        return std::nullopt;  // start() reports it
    }
    try {
        if (ctx.probes.addresses()->find_address(addr->text)) {
            return std::nullopt;  // ours already: start() says so
        }
    } catch (const Error&) {
        return std::nullopt;  // start() reports the probe failure
    }
    auto conflict = availability_conflict(ctx, *addr);
    const std::lock_guard lock{m_mutex};
    m_checked = !conflict;
    return conflict;
}

}  // namespace svcagent::drivers::ip
