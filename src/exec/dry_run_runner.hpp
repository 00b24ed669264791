#pragma once

#include <svcagent/runner.hpp>

namespace svcagent::exec {

// --dry-run (SPEC §8.14): probes run through the wrapped runner, so the plan reflects the host;
// a state-changing command is only logged, INFO "would run: <argv>", and answered with exit 0
// and no output.
class DryRunRunner final : public Runner {
public:
    explicit DryRunRunner(Runner& inner) : m_inner(inner) {}
    [[nodiscard]] CommandResult run(const Command& cmd, spdlog::logger& log) override;

private:
    Runner& m_inner;
};

}  // namespace svcagent::exec
