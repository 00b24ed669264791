#include "address.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cctype>
#include <charconv>
#include <netdb.h>
#include <sys/socket.h>

namespace svcagent::drivers::ip {

namespace {

using Bytes = std::array<unsigned char, 16>;

std::optional<Bytes> to_bytes(std::string_view text, Family family) {
    const std::string copy{text};
    Bytes bytes{};
    const int af = family == Family::inet ? AF_INET : AF_INET6;
    if (::inet_pton(af, copy.c_str(), bytes.data()) != 1) {
        return std::nullopt;
    }
    return bytes;
}

bool same_prefix(const Bytes& a, const Bytes& b, unsigned prefix) {
    const unsigned full = prefix / 8;
    for (unsigned i = 0; i < full; ++i) {
        if (a[i] != b[i]) {
            return false;
        }
    }
    const unsigned rest = prefix % 8;
    if (rest == 0) {
        return true;
    }
    const auto mask = static_cast<unsigned char>(0xFFU << (8 - rest));
    return (a[full] & mask) == (b[full] & mask);
}

}  // namespace

std::string_view to_text(Family family) noexcept {
    return family == Family::inet ? "inet" : "inet6";
}

unsigned max_prefix(Family family) noexcept {
    return family == Family::inet ? 32U : 128U;
}

std::optional<Family> literal_family(std::string_view text) {
    if (to_bytes(text, Family::inet)) {
        return Family::inet;
    }
    if (to_bytes(text, Family::inet6)) {
        return Family::inet6;
    }
    return std::nullopt;
}

std::optional<unsigned> parse_netmask(std::string_view text) {
    if (text.empty()) {
        return std::nullopt;
    }
    if (std::all_of(text.begin(), text.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc{} || end != text.data() + text.size() || value > 128) {
            return std::nullopt;
        }
        return value;
    }
    const auto bytes = to_bytes(text, Family::inet);
    if (!bytes) {
        return std::nullopt;
    }
    unsigned prefix = 0;
    bool zero_seen = false;
    for (std::size_t i = 0; i < 4; ++i) {
        for (int bit = 7; bit >= 0; --bit) {
            const bool one = ((static_cast<unsigned>((*bytes)[i]) >> static_cast<unsigned>(bit)) & 1U) != 0;
            if (one && zero_seen) {
                return std::nullopt;  // 255.0.255.0: not a netmask
            }
            zero_seen = zero_seen || !one;
            prefix += one ? 1U : 0U;
        }
    }
    return prefix;
}

bool network_contains(std::string_view network, unsigned prefix, std::string_view address) {
    const auto family = literal_family(network);
    if (!family || literal_family(address) != family || prefix > max_prefix(*family)) {
        return false;
    }
    return same_prefix(*to_bytes(network, *family), *to_bytes(address, *family), prefix);
}

std::optional<unsigned> guess_prefix(const Interface& iface, Family family, std::string_view address) {
    std::optional<unsigned> first;
    for (const auto& candidate : iface.addresses) {
        if (candidate.family != to_text(family) || candidate.prefixlen < 0) {
            continue;
        }
        const auto prefix = static_cast<unsigned>(candidate.prefixlen);
        if (network_contains(candidate.local, prefix, address)) {
            return prefix;
        }
        if (!first) {
            first = prefix;
        }
    }
    return first;
}

bool is_host_name(std::string_view text) {
    if (text.empty() || text.size() > 253 || text.front() == '-' || text.front() == '.') {
        return false;
    }
    return std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    });
}

bool is_interface_name(std::string_view text) {
    if (text.empty() || text.size() > 15 || text == "." || text == ".." || text.front() == '-') {
        return false;
    }
    return std::none_of(text.begin(), text.end(), [](char c) {
        return c == '/' || c == ':' || std::isspace(static_cast<unsigned char>(c)) ||
               std::iscntrl(static_cast<unsigned char>(c));
    });
}

std::optional<std::string> resolve_first(const std::string& name) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;  // one entry per address instead of one per socket type
    addrinfo* result = nullptr;
    if (::getaddrinfo(name.c_str(), nullptr, &hints, &result) != 0 || result == nullptr) {
        return std::nullopt;
    }
    std::array<char, INET6_ADDRSTRLEN> text{};
    const char* ok = nullptr;
    if (result->ai_family == AF_INET) {
        sockaddr_in sin{};
        std::copy_n(reinterpret_cast<const unsigned char*>(result->ai_addr), sizeof sin,
                    reinterpret_cast<unsigned char*>(&sin));
        ok = ::inet_ntop(AF_INET, &sin.sin_addr, text.data(), text.size());
    } else if (result->ai_family == AF_INET6) {
        sockaddr_in6 sin6{};
        std::copy_n(reinterpret_cast<const unsigned char*>(result->ai_addr), sizeof sin6,
                    reinterpret_cast<unsigned char*>(&sin6));
        ok = ::inet_ntop(AF_INET6, &sin6.sin6_addr, text.data(), text.size());
    }
    ::freeaddrinfo(result);
    if (ok == nullptr) {
        return std::nullopt;
    }
    return std::string{text.data()};
}

}  // namespace svcagent::drivers::ip
