#include "arping.hpp"

#include <cctype>
#include <chrono>
#include <string_view>

namespace svcagent::drivers::ip {

namespace {

constexpr auto k_probe_timeout = std::chrono::seconds{10};

bool is_mac(std::string_view text) {
    if (text.size() != 17) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool colon = i % 3 == 2;
        if (colon ? text[i] != ':' : std::isxdigit(static_cast<unsigned char>(text[i])) == 0) {
            return false;
        }
    }
    return true;
}

}  // namespace

Command arping_version_command() {
    return {.argv = {"arping", "-V"}, .timeout = k_probe_timeout, .effect = Effect::probe};
}

ArpingFlavour arping_flavour(const CommandResult& version) {
    if (version.exit_code == 127 && !version.timed_out) {
        return ArpingFlavour::missing;
    }
    const bool iputils =
        version.out.find("iputils") != std::string::npos || version.err.find("iputils") != std::string::npos;
    return iputils ? ArpingFlavour::iputils : ArpingFlavour::habets;
}

Command arping_dad_command(ArpingFlavour flavour, const std::string& dev, const std::string& addr) {
    const bool iputils = flavour != ArpingFlavour::habets;
    return {.argv = {"arping", iputils ? "-D" : "-0", "-c", "2", "-w", "3", iputils ? "-I" : "-i", dev, addr},
            .timeout = k_probe_timeout,
            .effect = Effect::probe};
}

DadVerdict dad_verdict(ArpingFlavour flavour, const CommandResult& result) {
    if (result.timed_out || result.term_signal != 0) {
        return DadVerdict::failed;
    }
    const int in_use = flavour == ArpingFlavour::habets ? 0 : 1;
    const int free = flavour == ArpingFlavour::habets ? 1 : 0;
    if (result.exit_code == in_use) {
        return DadVerdict::in_use;
    }
    return result.exit_code == free ? DadVerdict::free : DadVerdict::failed;
}

std::optional<std::string> arping_replier(const std::string& output) {
    std::size_t start = 0;
    while (start < output.size()) {
        std::size_t end = output.find('\n', start);
        if (end == std::string::npos) {
            end = output.size();
        }
        const std::string_view line{output.data() + start, end - start};
        if (line.find("reply from") != std::string_view::npos ||
            line.find("bytes from") != std::string_view::npos) {
            // iputils: "[aa:bb:...]"; Habets: "from aa:bb:... (".
            for (std::size_t i = 0; i + 17 <= line.size(); ++i) {
                if (is_mac(line.substr(i, 17))) {
                    return std::string{line.substr(i, 17)};
                }
            }
        }
        start = end + 1;
    }
    return std::nullopt;
}

Command arping_announce_command(ArpingFlavour flavour, const std::string& dev, const std::string& addr) {
    const bool iputils = flavour != ArpingFlavour::habets;
    return {
        .argv = {"arping", "-U", "-c", "1", iputils ? "-I" : "-i", dev, iputils ? "-s" : "-S", addr, addr},
        .timeout = k_probe_timeout};
}

}  // namespace svcagent::drivers::ip
