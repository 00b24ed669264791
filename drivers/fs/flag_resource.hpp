#pragma once

// fs.flag (SPEC §9.5.1): a volatile "started here" marker, <flag>/<svc>/<rid>.flag.

#include <filesystem>
#include <memory>
#include <string>

#include <svcagent/driver.hpp>
#include <svcagent/section.hpp>

namespace svcagent::drivers::fs {

class FlagResource final : public Resource {
public:
    FlagResource(std::string service, std::string rid) : m_service(std::move(service)), m_rid(std::move(rid)) {}

    [[nodiscard]] std::string label() const override { return "fs.flag"; }
    [[nodiscard]] StatusReport status(ActionContext& ctx) override;
    bool start(ActionContext& ctx) override;
    bool stop(ActionContext& ctx) override;
    [[nodiscard]] std::filesystem::path path(const NodeInfo& node) const;

private:
    std::string m_service;
    std::string m_rid;
};

// DriverSpec::make of fs.flag: no keywords beyond the common ones.
[[nodiscard]] std::unique_ptr<Resource> make_flag(const ResolvedSection& section);

}  // namespace svcagent::drivers::fs
