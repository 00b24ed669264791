#include "engine/frozen.hpp"

#include <chrono>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include <svcagent/error.hpp>

#include "util/atomic_write.hpp"

namespace svcagent::engine {
namespace {

double now_epoch() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::filesystem::path frozen_path(const std::filesystem::path& var, const std::string& service) {
    return var / service / "frozen";
}

void freeze(const std::filesystem::path& var, const std::string& service) {
    const auto path = frozen_path(var, service);
    if (std::filesystem::exists(path)) {
        return;
    }
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    util::atomic_write(path, fmt::format("{:.6f}\n", now_epoch()), 0644);
}

void thaw(const std::filesystem::path& var, const std::string& service) {
    const auto path = frozen_path(var, service);
    std::error_code ec;
    std::filesystem::remove(path, ec);
    if (ec) {
        throw Error(fmt::format("cannot remove {}: {}", path.string(), ec.message()));
    }
}

std::optional<double> frozen_since(const std::filesystem::path& var, const std::string& service) {
    const auto path = frozen_path(var, service);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return std::nullopt;
    }
    std::ifstream in(path);
    double epoch = 0;
    if (in >> epoch && epoch > 0) {
        return epoch;
    }
    const auto mtime = std::filesystem::last_write_time(path, ec);
    if (ec) {
        return now_epoch();
    }
    const auto sys = std::chrono::file_clock::to_sys(mtime);
    return std::chrono::duration<double>(sys.time_since_epoch()).count();
}

}  // namespace svcagent::engine
