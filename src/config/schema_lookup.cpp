// Keyword lookup with deprecated aliases (SPEC §3.5) and the "did you mean" hint of §3.4.

#include <algorithm>
#include <cctype>
#include <numeric>
#include <string_view>
#include <vector>

#include "config/schema.hpp"

namespace svcagent::config {

namespace {

bool has_alias(const Keyword& kw, std::string_view name) {
    return std::find(kw.aliases.begin(), kw.aliases.end(), name) != kw.aliases.end();
}

// A canonical name wins over an alias, whatever the order of the table.
template <typename Range, typename Deref>
KeywordMatch find_in(const Range& table, std::string_view name, Deref deref) {
    for (const auto& entry : table) {
        if (deref(entry).name == name) {
            return {.keyword = &deref(entry), .via_alias = false};
        }
    }
    for (const auto& entry : table) {
        if (has_alias(deref(entry), name)) {
            return {.keyword = &deref(entry), .via_alias = true};
        }
    }
    return {};
}

char lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// The keyword tables of a service file section; resources: the driver's merged with the common ones.
std::vector<const Keyword*> section_keywords(const DriverRegistry& registry, SectionKind kind,
                                             std::string_view group, std::string_view type) {
    auto pointers = [](std::span<const Keyword> table) {
        std::vector<const Keyword*> out;
        out.reserve(table.size());
        for (const Keyword& kw : table) {
            out.push_back(&kw);
        }
        return out;
    };
    switch (kind) {
    case SectionKind::default_section:
        return pointers(default_keywords());
    case SectionKind::subset:
        return pointers(subset_keywords());
    case SectionKind::sync_i0:
        return pointers(sync_i0_keywords());
    case SectionKind::resource: {
        const DriverResolution driver = resolve_driver(registry, group, type);
        return driver.spec != nullptr ? resource_keywords(*driver.spec) : pointers(common_resource_keywords());
    }
    case SectionKind::env:
    case SectionKind::free_form:
    case SectionKind::unsupported_family:
    case SectionKind::unknown:
        break;
    }
    return {};
}

}  // namespace

KeywordMatch find_keyword(std::span<const Keyword> table, std::string_view name) {
    return find_in(table, name, [](const Keyword& kw) -> const Keyword& { return kw; });
}

KeywordMatch find_keyword(std::span<const Keyword* const> table, std::string_view name) {
    return find_in(table, name, [](const Keyword* kw) -> const Keyword& { return *kw; });
}

KeywordMatch find_keyword(const DriverRegistry& registry, SectionKind kind, std::string_view group,
                          std::string_view type, std::string_view name) {
    const std::vector<const Keyword*> table = section_keywords(registry, kind, group, type);
    return find_keyword(std::span<const Keyword* const>{table}, name);
}

std::vector<std::string_view> keyword_names(const DriverRegistry& registry, SectionKind kind,
                                            std::string_view group, std::string_view type) {
    const std::vector<const Keyword*> table = section_keywords(registry, kind, group, type);
    std::vector<std::string_view> names;
    names.reserve(table.size());
    for (const Keyword* kw : table) {
        names.push_back(kw->name);
    }
    return names;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t substitution = diagonal + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string_view> did_you_mean(std::string_view name, std::span<const std::string_view> candidates) {
    constexpr std::size_t k_max_distance = 2;
    std::optional<std::string_view> best;
    std::size_t best_distance = k_max_distance + 1;
    for (const std::string_view candidate : candidates) {
        const std::size_t distance = edit_distance(name, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

}  // namespace svcagent::config
