#include "util/hash.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include <svcagent/error.hpp>

namespace svcagent::util {

namespace {

struct MdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};

std::string digest(const EVP_MD* md, std::string_view a, std::string_view b = {}) {
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx{EVP_MD_CTX_new()};
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    unsigned int size = 0;
    if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1 ||
        EVP_DigestUpdate(ctx.get(), a.data(), a.size()) != 1 ||
        EVP_DigestUpdate(ctx.get(), b.data(), b.size()) != 1 ||
        EVP_DigestFinal_ex(ctx.get(), out.data(), &size) != 1) {
        throw std::runtime_error("openssl digest failed");
    }
    return {reinterpret_cast<const char*>(out.data()), size};  // NOLINT: bytes as chars
}

std::string hex(std::string_view bytes) {
    std::string out;
    for (const char c : bytes) {
        out += fmt::format("{:02x}", static_cast<unsigned char>(c));
    }
    return out;
}

std::string format_uuid(std::array<unsigned char, 16> b) {
    std::string h = hex(std::string_view{reinterpret_cast<const char*>(b.data()), b.size()});  // NOLINT
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

}  // namespace

std::string sha256_hex(std::string_view data) { return hex(digest(EVP_sha256(), data)); }

std::string sha256_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error("cannot read " + path.string());
    }
    const std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    return sha256_hex(content);
}

std::string uuid5_url(std::string_view name) {
    static constexpr std::array<unsigned char, 16> k_url_ns{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                                            0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
    const std::string sha1 =
        digest(EVP_sha1(), std::string_view{reinterpret_cast<const char*>(k_url_ns.data()), k_url_ns.size()}, name);  // NOLINT
    std::array<unsigned char, 16> b{};
    for (std::size_t i = 0; i < b.size(); ++i) {
        b[i] = static_cast<unsigned char>(sha1[i]);
    }
    b[6] = static_cast<unsigned char>((b[6] & 0x0fU) | 0x50U);
    b[8] = static_cast<unsigned char>((b[8] & 0x3fU) | 0x80U);
    return format_uuid(b);
}

std::string uuid4() {
    std::array<unsigned char, 16> b{};
    if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1) {
        throw std::runtime_error("openssl RAND_bytes failed");
    }
    b[6] = static_cast<unsigned char>((b[6] & 0x0fU) | 0x40U);
    b[8] = static_cast<unsigned char>((b[8] & 0x3fU) | 0x80U);
    return format_uuid(b);
}

}  // namespace svcagent::util
