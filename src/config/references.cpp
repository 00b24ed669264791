#include "config/references.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace svcagent::config {
namespace {

// Keeps m_stack in step with the recursion, on errors too.
class StackEntry {
public:
    StackEntry(std::vector<std::pair<std::string, std::string>>& stack,
               std::pair<std::string, std::string> id)
        : m_stack(stack) {
        m_stack.push_back(std::move(id));
    }
    ~StackEntry() { m_stack.pop_back(); }
    StackEntry(const StackEntry&) = delete;
    StackEntry& operator=(const StackEntry&) = delete;

private:
    std::vector<std::pair<std::string, std::string>>& m_stack;
};

bool depends_on_section(std::string_view name) {
    return name == "rid" || name == "rindex";
}

}  // namespace

Expansion ReferenceExpander::expand(std::string_view text, const ValueRef& value) {
    Id id{value.key, value.section};
    if (!value.key.empty() && std::find(m_stack.begin(), m_stack.end(), id) != m_stack.end()) {
        fail(value, fmt::format("reference recursion: {}", chain({value.key})));
    }
    const StackEntry entry{m_stack, std::move(id)};
    Expanded expanded = expand_text(std::string{text}, value.section, value);
    Expansion out;
    if (expanded.text) {
        out.unresolved = list_references(*expanded.text);
        out.text = std::move(expanded.text);
    }
    return out;
}

Evaluation ReferenceExpander::evaluate(std::string_view text, const ValueRef& value) {
    Expansion first = expand(text, value);
    if (!first.text) {
        return {};
    }
    if (first.text->find("$(") == std::string::npos) {
        return {.value = ExprValue{std::move(*first.text)}, .unresolved = std::move(first.unresolved)};
    }
    ExpressionSubstitution substituted;
    try {
        substituted = substitute_expressions(*first.text);
    } catch (const SubstitutionError& e) {
        fail(value, e.what());
    }
    if (substituted.single && !std::holds_alternative<std::string>(substituted.value.data)) {
        if (std::holds_alternative<ExprValue::Tuple>(substituted.value.data)) {
            return {.value = ExprValue{to_text(substituted.value)}, .unresolved = {}};
        }
        return {.value = std::move(substituted.value), .unresolved = {}};
    }
    Expansion second = expand(to_text(substituted.value), value);
    if (!second.text) {
        return {};
    }
    return {.value = ExprValue{std::move(*second.text)}, .unresolved = std::move(second.unresolved)};
}

// Leftmost resolvable match first; after a replacement, scanning resumes at the last '{' before it,
// since a match never contains an inner '{': that is where a reference built from references starts.
ReferenceExpander::Expanded ReferenceExpander::expand_text(std::string text, const std::string& section,
                                                           const ValueRef& top) {
    Expanded out;
    std::set<std::string, std::less<>> unresolvable;
    std::size_t substitutions = 0;
    std::size_t pos = 0;
    while (const auto span = find_reference(text, pos)) {
        const std::string_view content = span->content(text);
        Substitution sub;
        if (!unresolvable.contains(content)) {
            sub = substitute(content, section, top);
        }
        out.cacheable = out.cacheable && sub.cacheable;
        if (sub.below.size() > out.below.size()) {
            out.below = std::move(sub.below);
        }
        if (sub.null) {
            out.text = std::nullopt;
            return out;
        }
        if (!sub.text) {
            unresolvable.emplace(content);
            pos = span->end;
            continue;
        }
        if (++substitutions > k_max_substitutions ||
            text.size() - (span->end - span->begin) + sub.text->size() > k_max_expanded_size) {
            fail(top, "reference expansion too large");
        }
        text.replace(span->begin, span->end - span->begin, *sub.text);
        const std::size_t before = span->begin == 0 ? std::string::npos : text.rfind('{', span->begin - 1);
        pos = before == std::string::npos ? span->begin : before;
    }
    out.text = std::move(text);
    return out;
}

ReferenceExpander::Substitution
ReferenceExpander::substitute(std::string_view content, const std::string& section, const ValueRef& top) {
    Substitution out;
    const auto parts = parse_reference(content);
    if (!parts) {
        return out;
    }
    const auto resolved = m_resolver.resolve(parts->name, section);
    if (!resolved) {
        return out;
    }
    out.cacheable = resolved->cacheable && !depends_on_section(parts->name);
    if (resolved->deferred_null) {
        out.null = true;
        return out;
    }
    std::string value = resolved->text;
    if (!resolved->literal) {
        Expanded expanded = nested(*resolved, top);
        out.cacheable = out.cacheable && expanded.cacheable;
        out.below = std::move(expanded.below);
        if (!expanded.text) {
            out.null = true;
            return out;
        }
        value = std::move(*expanded.text);
    }
    if (parts->index) {
        const auto words = split_word_views(value);
        if (*parts->index >= words.size()) {
            return out;
        }
        value = std::string{words[*parts->index]};
    }
    if (parts->count) {
        const std::size_t count =
            parts->index ? 1 : resolved->item_count.value_or(split_word_views(value).size());
        value = std::to_string(count);
    }
    out.text = apply_modifiers(std::move(value), parts->modifiers);
    return out;
}

// A cached value keeps the longest chain it followed, so the depth limit does not depend on which
// value happened to be expanded first.
ReferenceExpander::Expanded ReferenceExpander::nested(const Resolved& resolved, const ValueRef& top) {
    Id id{resolved.key, resolved.section};
    if (const auto it = m_cache.find(id); it != m_cache.end()) {
        if (m_stack.size() + it->second.below.size() > k_max_reference_depth + 1) {
            fail(top, fmt::format("reference recursion exceeds {}: {}", k_max_reference_depth,
                                  chain(it->second.below)));
        }
        return it->second;
    }
    if (std::find(m_stack.begin(), m_stack.end(), id) != m_stack.end()) {
        fail(top, fmt::format("reference recursion: {}", chain({resolved.key})));
    }
    if (m_stack.size() > k_max_reference_depth) {
        fail(top,
             fmt::format("reference recursion exceeds {}: {}", k_max_reference_depth, chain({resolved.key})));
    }
    const StackEntry entry{m_stack, id};
    Expanded expanded = expand_text(resolved.text, resolved.section, top);
    expanded.cacheable = expanded.cacheable && resolved.cacheable;
    expanded.below.insert(expanded.below.begin(), resolved.key);
    if (expanded.cacheable) {
        m_cache.emplace(std::move(id), expanded);
    }
    return expanded;
}

void ReferenceExpander::fail(const ValueRef& top, std::string_view message) const {
    throw ConfigError(top.where,
                      top.key.empty() ? std::string{message} : fmt::format("{}: {}", top.key, message));
}

std::string ReferenceExpander::chain(const Chain& below) const {
    std::string out;
    for (const auto& [key, section] : m_stack) {
        out += key + " -> ";
    }
    for (std::size_t n = 0; n < below.size(); ++n) {
        out += (n > 0 ? " -> " : "") + below[n];
    }
    return out;
}

}  // namespace svcagent::config
