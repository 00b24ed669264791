#include "config/references.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace svcagent::config {
namespace {

// A resolver over plain maps that applies SPEC §5.3's lookup rules, standing in for the service model:
// built-ins first, {kw} in the current section then DEFAULT, {section.kw} split at the first dot,
// process environment first for {env.X}, deferred device lists null unless answered.
class MapResolver : public Resolver {
public:
    struct Entry {
        std::string text;
        Origin where;
    };
    std::map<std::string, std::string, std::less<>> builtins;
    std::map<std::string, std::map<std::string, Entry, std::less<>>, std::less<>> sections;
    std::map<std::string, std::string, std::less<>> defaults;     // DEFAULT keyword -> default text
    std::map<std::string, std::string, std::less<>> environment;  // upper-cased variable -> value
    std::set<std::string, std::less<>> unsupported;               // sections that cannot list devices
    std::map<std::string, std::string, std::less<>> devices;      // "fs#1.exposed_devs" -> "/dev/sdb"
    std::map<std::string, std::size_t, std::less<>> item_counts;  // "DEFAULT.nodes" -> items
    std::map<std::string, int, std::less<>> calls;                // name -> resolve() calls

    void set(const std::string& section, const std::string& key, std::string text, int line = 0) {
        sections[section][key] = Entry{std::move(text), Origin{"svc.conf", line}};
    }

    std::optional<Resolved> resolve(std::string_view name, std::string_view section) override {
        ++calls[std::string{name}];
        const auto dot = name.find('.');
        if (dot == std::string_view::npos) {
            return resolve_plain(name, section);
        }
        const std::string_view sec = name.substr(0, dot);
        const std::string_view key = name.substr(dot + 1);
        if (sec == "env") {
            std::string var{key};
            std::transform(var.begin(), var.end(), var.begin(),
                           [](char c) { return static_cast<char>(std::toupper(c)); });
            if (const auto it = environment.find(var); it != environment.end()) {
                return Resolved{.key = std::string{name}, .text = it->second, .literal = true};
            }
        }
        if (key == "exposed_devs" || key == "sub_devs" || key == "base_devs") {
            const auto it = devices.find(name);
            if (it == devices.end() || unsupported.contains(sec)) {
                return Resolved{.key = std::string{name}, .deferred_null = true};
            }
            return Resolved{.key = std::string{name}, .text = it->second, .literal = true};
        }
        return keyword(sec, key, sec);
    }

private:
    std::optional<Resolved> resolve_plain(std::string_view name, std::string_view section) {
        if (name == "rid") {
            return Resolved{.key = "rid", .text = std::string{section}, .literal = true, .cacheable = false};
        }
        if (name == "rindex") {
            const auto hash = section.rfind('#');
            const std::string_view index =
                hash == std::string_view::npos ? section : section.substr(hash + 1);
            return Resolved{.key = "rindex", .text = std::string{index}, .literal = true, .cacheable = false};
        }
        if (const auto it = builtins.find(name); it != builtins.end()) {
            std::optional<std::size_t> count;
            if (const auto c = item_counts.find(name); c != item_counts.end()) {
                count = c->second;
            }
            return Resolved{
                .key = std::string{name}, .text = it->second, .item_count = count, .literal = true};
        }
        if (auto found = keyword(section, name, section)) {
            return found;
        }
        return keyword("DEFAULT", name, section);  // inherited: its references resolve where it is used
    }

    std::optional<Resolved> keyword(std::string_view sec, std::string_view key, std::string_view context) {
        const std::string id = fmt::format("{}.{}", sec, key);
        std::optional<std::size_t> count;
        if (const auto c = item_counts.find(id); c != item_counts.end()) {
            count = c->second;
        }
        if (const auto s = sections.find(sec); s != sections.end()) {
            if (const auto e = s->second.find(key); e != s->second.end()) {
                return Resolved{.key = id,
                                .text = e->second.text,
                                .section = std::string{context},
                                .where = e->second.where,
                                .item_count = count};
            }
        }
        if (sec == "DEFAULT") {
            if (const auto d = defaults.find(key); d != defaults.end()) {
                return Resolved{
                    .key = id, .text = d->second, .section = std::string{context}, .item_count = count};
            }
        }
        return std::nullopt;
    }
};

// ---- conformance vectors -------------------------------------------------------------------------

struct RefVector {
    std::string file;  // fixture file name
    std::string id;
    nlohmann::json data;
    nlohmann::json context;
    std::vector<nlohmann::json> all;  // every vector of the file: they make up [env]
};

void PrintTo(const RefVector& v, std::ostream* os) {
    *os << v.file << ":" << v.id;
}

std::string text_of(const nlohmann::json& j) {
    if (j.is_string()) {
        return j.get<std::string>();
    }
    std::string out;
    const std::string unit = j.at("repeat").get<std::string>();
    const std::string separator = j.value("separator", "");
    for (int n = 0; n < j.at("times").get<int>(); ++n) {
        out += (n > 0 ? separator : "") + unit;
    }
    return out;
}

std::vector<RefVector> load(const std::string& name) {
    std::ifstream in(std::string{SVCAGENT_FIXTURES_DIR} + "/config/" + name);
    const auto doc = nlohmann::json::parse(in);
    const std::vector<nlohmann::json> all(doc.at("vectors").begin(), doc.at("vectors").end());
    std::vector<RefVector> out;
    for (const auto& v : all) {
        out.push_back({name, v.at("id").get<std::string>(), v, doc.at("context"), all});
    }
    return out;
}

MapResolver make_resolver(const RefVector& v) {
    MapResolver r;
    for (const auto& [name, text] : v.context.at("builtins").items()) {
        r.builtins[name] = text.get<std::string>();
    }
    for (const auto& [section, keys] : v.context.at("sections").items()) {
        for (const auto& [key, text] : keys.items()) {
            r.set(section, key, text.get<std::string>());
        }
    }
    for (const auto& section : v.context.at("unsupported")) {
        r.unsupported.insert(section.get<std::string>());
    }
    int line = 10;
    for (const auto& e : v.all) {
        r.sections["env"][e.at("id").get<std::string>()] = {text_of(e.at("raw")), Origin{v.file, ++line}};
    }
    return r;
}

class ReferenceVectors : public testing::TestWithParam<RefVector> {};

TEST_P(ReferenceVectors, EvaluateAsSpecified) {
    const RefVector& v = GetParam();
    MapResolver resolver = make_resolver(v);
    ReferenceExpander expander{resolver};
    const auto& entry = resolver.sections["env"][v.id];
    const ValueRef value{.key = "env." + v.id, .section = "env", .where = entry.where};
    if (v.data.contains("error")) {
        try {
            const Evaluation result = expander.evaluate(entry.text, value);
            FAIL() << "expected an error, got " << to_text(result);
        } catch (const ConfigError& e) {
            EXPECT_NE(std::string{e.what()}.find(v.data.at("error").get<std::string>()), std::string::npos)
                << e.what();
            EXPECT_EQ(e.where(), entry.where);
        }
        return;
    }
    const Evaluation result = expander.evaluate(entry.text, value);
    const nlohmann::json& expected = v.data.at("expected");
    if (expected.is_null()) {
        EXPECT_TRUE(result.is_null()) << to_text(result);
    } else if (expected.is_boolean()) {
        EXPECT_EQ(result.value, ExprValue{expected.get<bool>()}) << to_text(result);
    } else if (expected.is_number_integer()) {
        EXPECT_EQ(result.value, ExprValue{expected.get<std::int64_t>()}) << to_text(result);
    } else if (expected.is_number_float()) {
        EXPECT_EQ(result.value, ExprValue{expected.get<double>()}) << to_text(result);
    } else {
        EXPECT_EQ(result.value, ExprValue{text_of(expected)}) << type_name(result.value);
    }
    if (v.data.contains("unresolved")) {
        EXPECT_EQ(result.unresolved, v.data.at("unresolved").get<std::vector<std::string>>());
    } else if (!result.is_null() && std::holds_alternative<std::string>(result.value.data)) {
        EXPECT_EQ(result.unresolved, list_references(to_text(result)));
    }
}

std::vector<RefVector> all_vectors() {
    auto out = load("references.json");
    auto values = load("expressions_values.json");
    out.insert(out.end(), values.begin(), values.end());
    return out;
}

INSTANTIATE_TEST_SUITE_P(Spec, ReferenceVectors, testing::ValuesIn(all_vectors()),
                         [](const testing::TestParamInfo<RefVector>& param_info) {
                             return (param_info.param.file == "references.json" ? "ref_" : "value_") +
                                    param_info.param.id;
                         });

// ---- behaviour beyond the vectors ------------------------------------------------------------------

struct Fixture {
    MapResolver resolver;
    ReferenceExpander expander{resolver};
    Evaluation eval(std::string_view text, std::string section = "env") {
        return expander.evaluate(
            text, ValueRef{.key = section + ".value", .section = section, .where = {"svc.conf", 3}});
    }
    std::string text(std::string_view raw, std::string section = "env") {
        return to_text(eval(raw, std::move(section)));
    }
};

TEST(ReferenceSyntax, MatchesOnlyTheSpecifiedPattern) {
    EXPECT_EQ(list_references("{a} {} {.a} {a b} {#x} {fs#1.dev} {a[0]} {up:x/y} {a-b} {{b}}"),
              (std::vector<std::string>{"{a}", "{#x}", "{fs#1.dev}", "{a[0]}", "{up:x/y}", "{b}"}));
}

TEST(ReferenceSyntax, SplitsModifiersCountNameAndIndex) {
    const auto parts = parse_reference("upper:title:#env.list[12]");
    ASSERT_TRUE(parts.has_value());
    EXPECT_EQ(parts->modifiers, (std::vector<Modifier>{Modifier::upper, Modifier::title}));
    EXPECT_TRUE(parts->count);
    EXPECT_EQ(parts->name, "env.list");
    EXPECT_EQ(parts->index, std::size_t{12});
    EXPECT_FALSE(parse_reference("shout:x").has_value());
    EXPECT_FALSE(parse_reference("x[a]").has_value());
    EXPECT_FALSE(parse_reference("x[1]y").has_value());
    EXPECT_FALSE(parse_reference("#").has_value());
}

TEST(ReferenceModifiers, ApplyRightToLeftWithPythonCaseRules) {
    const std::vector<Modifier> chain{Modifier::capitalize, Modifier::swapcase};
    EXPECT_EQ(apply_modifiers("hELLO wORLD", chain), "Hello world");
    EXPECT_EQ(apply_modifiers("they're bill's x-ray", std::vector<Modifier>{Modifier::title}),
              "They'Re Bill'S X-Ray");
    EXPECT_EQ(apply_modifiers("MiXed", std::vector<Modifier>{Modifier::lower}), "mixed");
}

TEST(ReferenceExpansion, BuildsReferencesFromReferences) {
    Fixture f;
    f.resolver.set("env", "list", "a b c");
    f.resolver.set("env", "idx", "2");
    EXPECT_EQ(f.text("{env.list[{env.idx}]}"), "c");
    EXPECT_EQ(f.text("{list[{idx}]}"), "c");
}

TEST(ReferenceExpansion, IndexOutOfRangeStaysAsWrittenAndIsReported) {
    Fixture f;
    f.resolver.set("env", "list", "a b c");
    const Evaluation e = f.eval("x {env.list[3]} {env.list[0]}");
    EXPECT_EQ(to_text(e), "x {env.list[3]} a");
    EXPECT_EQ(e.unresolved, std::vector<std::string>{"{env.list[3]}"});
}

TEST(ReferenceExpansion, KeywordFallsBackToDefaultAndItsDefault) {
    Fixture f;
    f.resolver.set("DEFAULT", "app", "billing");
    f.resolver.set("fs#1", "app", "local");
    f.resolver.defaults["nodes"] = "{nodename}";
    f.resolver.builtins["nodename"] = "n1";
    EXPECT_EQ(f.text("{app}"), "billing");
    EXPECT_EQ(f.text("{app}", "fs#1"), "local");
    EXPECT_EQ(f.text("{DEFAULT.nodes}"), "n1");
}

TEST(ReferenceExpansion, InheritedValueResolvesRidWhereItIsUsed) {
    Fixture f;
    f.resolver.set("DEFAULT", "tag", "{rid}/{rindex}");
    EXPECT_EQ(f.text("{tag}", "fs#12"), "fs#12/12");
    EXPECT_EQ(f.text("{tag}", "env"), "env/env");
}

TEST(ReferenceExpansion, ProcessEnvironmentWinsForEnvSection) {
    Fixture f;
    f.resolver.set("env", "foo", "a b");
    f.resolver.environment["FOO"] = "x y";
    EXPECT_EQ(f.text("{env.foo[1]}"), "y");
}

TEST(ReferenceExpansion, CountUsesItemCountOfListKeywords) {
    Fixture f;
    f.resolver.set("DEFAULT", "nodes", "n1,n2,n3");
    f.resolver.item_counts["DEFAULT.nodes"] = 3;
    EXPECT_EQ(f.text("{#DEFAULT.nodes}"), "3");
    EXPECT_EQ(f.text("{#DEFAULT.nodes[0]}"), "1");  // count of the indexed word
}

TEST(ReferenceExpansion, DeferredDevicesAnswerOrNullTheWholeValue) {
    Fixture f;
    f.resolver.devices["fs#1.exposed_devs"] = "/dev/sdb /dev/sdc";
    f.resolver.set("env", "dev", "{disk#9.sub_devs}");
    EXPECT_EQ(f.text("{fs#1.exposed_devs[1]}"), "/dev/sdc");
    EXPECT_TRUE(f.eval("a {env.dev} b").is_null());
    EXPECT_TRUE(f.eval("$({env.dev})").is_null());
}

TEST(ReferenceLimits, TwentyNestedReferencesPassTwentyOneFail) {
    Fixture f;
    for (int n = 0; n < 21; ++n) {
        f.resolver.set("env", fmt::format("r{}", n), n == 20 ? "end" : fmt::format("{{r{}}}", n + 1));
    }
    EXPECT_EQ(f.text("{r1}"), "end");
    try {
        static_cast<void>(f.eval("{r0}"));
        FAIL() << "expected an error";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string{e.what()}.find("svc.conf:3: env.value: reference recursion exceeds 20: "
                                             "env.value -> env.r0 -> env.r1"),
                  std::string::npos)
            << e.what();
    }
}

TEST(ReferenceLimits, TooManySubstitutionsFail) {
    Fixture f;
    f.resolver.set("env", "e", "");
    std::string raw;
    for (int n = 0; n < 10001; ++n) {
        raw += "{e}";
    }
    EXPECT_THROW(static_cast<void>(f.eval(raw)), ConfigError);
    EXPECT_EQ(f.text(raw.substr(3)), "");
}

TEST(ReferenceLimits, ExponentialGrowthStopsAtOneMebibyte) {
    Fixture f;
    f.resolver.set("env", "l0", "0123456789");
    for (int n = 1; n <= 7; ++n) {
        std::string text;
        for (int k = 0; k < 10; ++k) {
            text += fmt::format("{{l{}}}", n - 1);
        }
        f.resolver.set("env", fmt::format("l{}", n), text);
    }
    EXPECT_EQ(f.text("{l4}").size(), std::size_t{100000});
    try {
        static_cast<void>(f.eval("{l7}"));
        FAIL() << "expected an error";
    } catch (const ConfigError& e) {
        EXPECT_EQ(std::string{e.what()}, "svc.conf:3: env.value: reference expansion too large");
    }
}

TEST(ReferenceCache, ExpandsEachValueOncePerCommand) {
    Fixture f;
    f.resolver.set("env", "baz", "abc");
    f.resolver.set("env", "bar", "{baz}ref");
    EXPECT_EQ(f.text("{bar} {bar} {bar}"), "abcref abcref abcref");
    EXPECT_EQ(f.text("{bar}"), "abcref");
    EXPECT_EQ(f.resolver.calls["baz"], 1);
    f.expander.clear_cache();
    EXPECT_EQ(f.text("{bar}"), "abcref");
    EXPECT_EQ(f.resolver.calls["baz"], 2);
}

TEST(ReferenceCache, ValuesUsingRidAreNotCached) {
    Fixture f;
    f.resolver.set("env", "tag", "{rid}");
    f.resolver.set("env", "plain", "x");
    EXPECT_EQ(f.text("{tag} {tag} {plain} {plain}"), "env env x x");
    EXPECT_EQ(f.resolver.calls["rid"], 2);
    EXPECT_EQ(f.resolver.calls["plain"], 2);  // the reference is resolved, its value expanded once
}

TEST(ReferencePipeline, ExpressionErrorIsLocatedAndNamesTheExpression) {
    Fixture f;
    try {
        static_cast<void>(f.eval("a $(rm -rf /) b"));
        FAIL() << "expected an error";
    } catch (const ConfigError& e) {
        EXPECT_EQ(std::string{e.what()},
                  "svc.conf:3: env.value: invalid expression: rm -rf /: unexpected end of expression");
    }
}

TEST(ReferencePipeline, ReferencesInsideExpressionsAreExpandedFirst) {
    Fixture f;
    f.resolver.set("env", "q", "'a)b'");
    EXPECT_EQ(f.eval("$({env.q} + 'c')").value, ExprValue{std::string{"a)bc"}});
}

}  // namespace
}  // namespace svcagent::config
