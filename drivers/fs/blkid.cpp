#include "blkid.hpp"

#include <sstream>

#include <svcagent/error.hpp>

namespace svcagent::drivers {

namespace {

std::string value_of(const std::string& text, const std::string& key) {
    std::istringstream lines{text};
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind(key + "=", 0) == 0) {
            return line.substr(key.size() + 1);
        }
    }
    return {};
}

}  // namespace

Signature probe_signature(ActionContext& ctx, const std::string& device, std::chrono::milliseconds timeout) {
    const Command cmd{
        .argv = {"blkid", "-p", "-o", "export", device}, .timeout = timeout, .effect = Effect::probe};
    CommandResult result = ctx.runner.run(cmd, ctx.log);
    if (result.exit_code == 2 && result.term_signal == 0 && !result.timed_out) {
        return {};
    }
    if (!result.ok()) {
        throw CommandError(cmd, std::move(result));
    }
    Signature signature{.found = true, .type = value_of(result.out, "TYPE")};
    if (signature.type.empty()) {
        signature.type = value_of(result.out, "PTTYPE");
    }
    if (signature.type.empty()) {
        signature.type = "unknown";
    }
    return signature;
}

std::optional<std::string> find_tagged_device(ActionContext& ctx, const std::string& spec) {
    const Command cmd{.argv = {"blkid", "-l", "-o", "device", "-t", spec},
                      .timeout = std::chrono::seconds{30},
                      .effect = Effect::probe};
    CommandResult result = ctx.runner.run(cmd, ctx.log);
    if (result.exit_code == 2 && result.term_signal == 0 && !result.timed_out) {
        return std::nullopt;
    }
    if (!result.ok()) {
        throw CommandError(cmd, std::move(result));
    }
    std::string device = result.out.substr(0, result.out.find('\n'));
    if (device.empty()) {
        return std::nullopt;
    }
    return device;
}

}  // namespace svcagent::drivers
