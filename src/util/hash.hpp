#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace svcagent::util {

// Lower-case hex SHA-256 of data / of a file's content (status.json "csum").
[[nodiscard]] std::string sha256_hex(std::string_view data);
[[nodiscard]] std::string sha256_file(const std::filesystem::path& path);

// UUIDv5 of name in the URL namespace 6ba7b811-9dad-11d1-80b4-00c04fd430c8 (SPEC §6 computed id).
[[nodiscard]] std::string uuid5_url(std::string_view name);
// A random UUIDv4 (new service ids).
[[nodiscard]] std::string uuid4();

}  // namespace svcagent::util
