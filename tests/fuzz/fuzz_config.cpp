// libFuzzer target: the config lexer, the converters and the reference/expression evaluator.
// Any input must give a value or a svcagent::Error (ConfigError, ConversionError), never a crash,
// a hang or another exception. Built and run for a bounded time by tests/integration/local/fuzz_smoke.sh.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include <svcagent/error.hpp>

#include "config/converters.hpp"
#include "config/expressions.hpp"
#include "config/ini_lexer.hpp"
#include "config/references.hpp"

namespace {

using namespace svcagent;
using namespace svcagent::config;

// Resolves names against the parsed [env] section and a few built-ins.
class FuzzResolver final : public Resolver {
public:
    explicit FuzzResolver(std::map<std::string, std::string> env) : m_env(std::move(env)) {}
    std::optional<Resolved> resolve(std::string_view name, std::string_view /*section*/) override {
        if (name == "nodename" || name == "svcname") {
            Resolved r;
            r.key = std::string{name};
            r.text = "node1";
            r.literal = true;
            return r;
        }
        std::string key{name};
        if (key.rfind("env.", 0) == 0) {
            key = key.substr(4);
        }
        const auto it = m_env.find(key);
        if (it == m_env.end()) {
            return std::nullopt;
        }
        Resolved r;
        r.key = "env." + key;
        r.text = it->second;
        r.section = "env";
        return r;
    }

private:
    std::map<std::string, std::string> m_env;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);  // NOLINT: fuzzer bytes
    std::vector<IniSection> sections;
    try {
        sections = merge_sections(parse_ini(text, "fuzz.conf"));
    } catch (const Error&) {
        return 0;
    }
    std::map<std::string, std::string> env;
    for (const auto& section : sections) {
        for (const auto& entry : section.entries) {
            env[entry.key] = entry.value;
        }
    }
    FuzzResolver resolver(env);
    ReferenceExpander expander(resolver);
    for (const auto& [key, value] : env) {
        try {
            (void)expander.evaluate(value, ValueRef{.key = "env." + key, .section = "env", .where = {}});
        } catch (const Error&) {
        }
        for (const ValueType type : {ValueType::boolean, ValueType::integer, ValueType::size, ValueType::duration,
                                     ValueType::shlex, ValueType::schedule, ValueType::list_comma}) {
            try {
                (void)convert(type, std::string_view{value});
            } catch (const Error&) {
            }
        }
    }
    return 0;
}
