#pragma once

// Reference expansion `{...}` and the evaluation pipeline of a value (SPEC §5.1-5.4).
// Pure text work: what a name means (built-ins, scoping, DEFAULT fallback, defaults, process
// environment, deferred resource references) is the Resolver's business.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <svcagent/error.hpp>

#include "config/expressions.hpp"
#include "config/references_syntax.hpp"

namespace svcagent::config {

inline constexpr std::size_t k_max_reference_depth = 20;
inline constexpr std::size_t k_max_substitutions = 10000;
inline constexpr std::size_t k_max_expanded_size = std::size_t{1024} * 1024;

// What a reference name stands for.
struct Resolved {
    std::string key;        // canonical id for cycles, chains and the cache: "env.foo", "DEFAULT.nodes"
    std::string text{};     // raw, unexpanded text (final text when literal)
    std::string section{};  // section in which the text's own references resolve ({kw}, {rid})
    Origin where{};
    std::optional<std::size_t> item_count{};  // {#x} of a list-typed keyword: items after conversion
    bool literal = false;                     // built-in value: substituted as is, never expanded
    bool deferred_null = false;               // the whole value that refers to it is null
    bool cacheable = true;                    // false: expand again at every use
};

class Resolver {
public:
    virtual ~Resolver() = default;
    // name: reference content without modifiers, '#' and index ("nodename", "env.foo", "kw",
    // "fs#1.dev"); section: the section the reference is written in (its context).
    // nullopt: the name means nothing here, and the reference stays as written.
    [[nodiscard]] virtual std::optional<Resolved> resolve(std::string_view name,
                                                          std::string_view section) = 0;
};

// The value being evaluated: names it in errors ("env.foobar: reference recursion: ...").
struct ValueRef {
    std::string key;        // canonical id, as the Resolver would return it: "env.foobar"
    std::string section{};  // context of its references
    Origin where{};
};

struct Expansion {
    std::optional<std::string> text{};      // nullopt: null (a deferred reference could not answer)
    std::vector<std::string> unresolved{};  // references left as written, in order: "{abcd}"
};

struct Evaluation {
    ExprValue value{};  // None, string, or the type of a whole-value single expression (never a tuple)
    std::vector<std::string> unresolved{};
    [[nodiscard]] bool is_null() const noexcept { return value.is_none(); }
};

// One per command: it caches expanded values by (key, context section).
class ReferenceExpander {
public:
    explicit ReferenceExpander(Resolver& resolver) : m_resolver(resolver) {}

    // §5.2-5.4: references only. Throws ConfigError (recursion, depth, size) located at value.where.
    [[nodiscard]] Expansion expand(std::string_view text, const ValueRef& value);
    // §5.1 steps 2-4: references, expressions, references. Throws ConfigError, including
    // "<key>: invalid expression: <expr>: <reason>".
    [[nodiscard]] Evaluation evaluate(std::string_view text, const ValueRef& value);

    void clear_cache() { m_cache.clear(); }

private:
    using Chain = std::vector<std::string>;  // keys of nested references, outermost first
    struct Expanded {
        std::optional<std::string> text{};  // nullopt: null
        bool cacheable = true;
        Chain below{};  // the longest chain of references followed to produce text
    };
    struct Substitution {
        std::optional<std::string> text{};  // nullopt: unresolved, stays as written
        bool null = false;
        bool cacheable = true;
        Chain below{};
    };
    using Id = std::pair<std::string, std::string>;  // key, context section

    Expanded expand_text(std::string text, const std::string& section, const ValueRef& top);
    Substitution substitute(std::string_view content, const std::string& section, const ValueRef& top);
    Expanded nested(const Resolved& resolved, const ValueRef& top);
    [[noreturn]] void fail(const ValueRef& top, std::string_view message) const;
    [[nodiscard]] std::string chain(const Chain& below) const;

    Resolver& m_resolver;
    std::map<Id, Expanded> m_cache;
    std::vector<Id> m_stack;  // values being expanded, outermost first
};

// Text form of an evaluated value: None, True, 3.5, strings as is.
[[nodiscard]] inline std::string to_text(const Evaluation& evaluation) {
    return to_text(evaluation.value);
}

}  // namespace svcagent::config
