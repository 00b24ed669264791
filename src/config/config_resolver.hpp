#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "config/references.hpp"

namespace svcagent::config {

class ServiceConfig;

// What a reference name means in a service file (SPEC §5.3): built-in names, [env] keys with the
// process environment winning, keyword references with scoping and defaults, deferred device lists.
class ConfigResolver final : public Resolver {
public:
    explicit ConfigResolver(const ServiceConfig& config) : m_config(config) {}
    [[nodiscard]] std::optional<Resolved> resolve(std::string_view name, std::string_view section) override;

private:
    [[nodiscard]] std::optional<Resolved> builtin(std::string_view name, std::string_view section) const;
    [[nodiscard]] std::optional<Resolved> env_key(std::string_view key) const;
    [[nodiscard]] std::optional<Resolved> keyword_ref(std::string_view section, std::string_view key,
                                                      bool fallback_to_default) const;
    [[nodiscard]] std::optional<Resolved> device_ref(std::string_view rid, std::string_view kind) const;

    const ServiceConfig& m_config;
};

}  // namespace svcagent::config
