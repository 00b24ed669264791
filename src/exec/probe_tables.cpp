#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cstring>
#include <unistd.h>

#include <svcagent/probe_cache.hpp>

namespace svcagent {

namespace {

// Address bytes for comparison by value; nullopt when not an address.
std::optional<std::array<unsigned char, 16>> address_bytes(std::string_view text) {
    const std::string copy{text};
    std::array<unsigned char, 16> bytes{};
    if (::inet_pton(AF_INET, copy.c_str(), bytes.data()) == 1 ||
        ::inet_pton(AF_INET6, copy.c_str(), bytes.data()) == 1) {
        return bytes;
    }
    return std::nullopt;
}

// "docker.io/library/busybox" and "busybox" name the same repository.
std::string_view normalized_repository(std::string_view repository) {
    for (const std::string_view prefix : {"docker.io/", "index.docker.io/", "library/"}) {
        if (repository.substr(0, prefix.size()) == prefix) {
            repository.remove_prefix(prefix.size());
        }
    }
    return repository;
}

std::string_view strip_digest_prefix(std::string_view id) {
    return id.substr(0, 7) == "sha256:" ? id.substr(7) : id;
}

}  // namespace

const MountEntry* MountTable::find_mount_point(std::string_view mount_point) const {
    const auto it = std::find_if(entries.rbegin(), entries.rend(),
                                 [&](const MountEntry& entry) { return entry.mount_point == mount_point; });
    return it == entries.rend() ? nullptr : &*it;
}

std::vector<const MountEntry*> MountTable::find_source(std::string_view source) const {
    std::vector<const MountEntry*> found;
    for (const auto& entry : entries) {
        if (entry.source == source) {
            found.push_back(&entry);
        }
    }
    return found;
}

bool Interface::up() const {
    return std::find(flags.begin(), flags.end(), "UP") != flags.end();
}

const Interface* AddressTable::find_interface(std::string_view name) const {
    const auto it = std::find_if(interfaces.begin(), interfaces.end(),
                                 [&](const Interface& iface) { return iface.name == name; });
    return it == interfaces.end() ? nullptr : &*it;
}

std::optional<AddressMatch> AddressTable::find_address(std::string_view ip) const {
    const auto wanted = address_bytes(ip);
    for (const auto& iface : interfaces) {
        for (const auto& address : iface.addresses) {
            const bool same = wanted ? address_bytes(address.local) == wanted : address.local == ip;
            if (same) {
                return AddressMatch{&iface, &address};
            }
        }
    }
    return std::nullopt;
}

bool LogicalVolume::active() const {
    return attr.size() > 4 && attr[4] == 'a';
}

const LogicalVolume* VolumeGroup::find_lv(std::string_view lv_name) const {
    const auto it =
        std::find_if(lvs.begin(), lvs.end(), [&](const LogicalVolume& lv) { return lv.name == lv_name; });
    return it == lvs.end() ? nullptr : &*it;
}

bool VolumeGroup::any_lv_active() const {
    return std::any_of(lvs.begin(), lvs.end(), [](const LogicalVolume& lv) { return lv.active(); });
}

bool VolumeGroup::has_tag(std::string_view tag) const {
    return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

const VolumeGroup* VolumeGroupTable::find(std::string_view vg_name) const {
    const auto it =
        std::find_if(groups.begin(), groups.end(), [&](const VolumeGroup& vg) { return vg.name == vg_name; });
    return it == groups.end() ? nullptr : &*it;
}

std::vector<std::string> DockerHost::argv_prefix() const {
    std::vector<std::string> argv{exe};
    if (socket) {
        argv.insert(argv.end(), {"-H", "unix://" + socket->string()});
    }
    return argv;
}

std::string DockerHost::key() const {
    return socket ? exe + " -H unix://" + socket->string() : exe;
}

const ContainerInfo* ContainerTable::find_name(std::string_view name) const {
    const auto it = std::find_if(containers.begin(), containers.end(),
                                 [&](const ContainerInfo& container) { return container.name == name; });
    return it == containers.end() ? nullptr : &*it;
}

bool ImageTable::has(std::string_view reference) const {
    const bool by_id =
        reference.substr(0, 7) == "sha256:" ||
        (reference.size() >= 12 && reference.find_first_not_of("0123456789abcdef") == std::string_view::npos);
    std::string_view repository = reference;
    std::string_view tag = "latest";
    if (const auto colon = reference.rfind(':');
        colon != std::string_view::npos &&
        (reference.rfind('/') == std::string_view::npos || colon > reference.rfind('/'))) {
        repository = reference.substr(0, colon);
        tag = reference.substr(colon + 1);
    }
    return std::any_of(images.begin(), images.end(), [&](const ImageInfo& image) {
        if (by_id) {
            const std::string_view bare = strip_digest_prefix(image.id);
            const std::string_view wanted = strip_digest_prefix(reference);
            return !wanted.empty() && bare.substr(0, wanted.size()) == wanted;
        }
        return normalized_repository(image.repository) == normalized_repository(repository) &&
               image.tag == tag;
    });
}

ProbeTools ProbeTools::host() {
    ProbeTools tools;
    if (::access("/sbin/ip", X_OK) == 0) {
        tools.ip = "/sbin/ip";
    }
    if (::access("/usr/bin/nsenter", X_OK) == 0) {
        tools.nsenter = "/usr/bin/nsenter";
    }
    return tools;
}

}  // namespace svcagent
