// The config commands driven through svcagent::cli::run in-process, as a user types them:
// SPEC §5.7 reference and validation vectors, §4.5 scoping vectors, priority vectors.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/cli.hpp"
#include "support/temp_dir.hpp"

namespace svcagent::cli {
namespace {

using nlohmann::json;
using testing::TempDir;

struct RunResult {
    int rc = -1;
    std::string out, err;
};

// Swaps std::cout/std::cerr for the duration of one run.
class Capture {
public:
    Capture() : m_old_out(std::cout.rdbuf(m_out.rdbuf())), m_old_err(std::cerr.rdbuf(m_err.rdbuf())) {}
    Capture(const Capture&) = delete;
    Capture& operator=(const Capture&) = delete;
    Capture(Capture&&) = delete;
    Capture& operator=(Capture&&) = delete;
    ~Capture() {
        std::cout.rdbuf(m_old_out);
        std::cerr.rdbuf(m_old_err);
    }
    [[nodiscard]] std::string out() const { return m_out.str(); }
    [[nodiscard]] std::string err() const { return m_err.str(); }

private:
    std::ostringstream m_out, m_err;
    std::streambuf* m_old_out;
    std::streambuf* m_old_err;
};

// argv[0] "svcmgr": `svcmgr <args...>` under root as OSVC_ROOT, node as OSVC_NODENAME.
RunResult run_cli(const std::filesystem::path& root, const std::string& node, std::vector<std::string> args) {
    ::setenv("OSVC_ROOT", root.c_str(), 1);       // NOLINT(concurrency-mt-unsafe): tests run serially
    ::setenv("OSVC_NODENAME", node.c_str(), 1);   // NOLINT(concurrency-mt-unsafe)
    args.insert(args.begin(), "svcmgr");
    std::vector<char*> argv;
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    RunResult result;
    {
        const Capture capture;
        result.rc = run(static_cast<int>(args.size()), argv.data());
        result.out = capture.out();
        result.err = capture.err();
    }
    ::unsetenv("OSVC_ROOT");      // NOLINT(concurrency-mt-unsafe)
    ::unsetenv("OSVC_NODENAME");  // NOLINT(concurrency-mt-unsafe)
    return result;
}

std::string chomp(std::string text) {
    if (!text.empty() && text.back() == '\n') {
        text.pop_back();
    }
    return text;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
        text.replace(pos, from.size(), to);
    }
    return text;
}

// ---------------------------------------------------------------------------------------------
// SPEC §5.7: the fixture service svc-ref, one [env] row per vector.

const json& reference_fixture() {
    static const json k_doc = [] {
        std::ifstream in(std::string{SVCAGENT_FIXTURES_DIR} + "/cli/svc_ref.json");
        return json::parse(in);
    }();
    return k_doc;
}

struct RefVector {
    std::string id;
    json raw, expected;
    std::string error;
    bool cycle = false;
    bool warns = false;
};

std::vector<RefVector> reference_vectors() {
    std::vector<RefVector> out;
    for (const auto& v : reference_fixture().at("vectors")) {
        out.push_back({.id = v.at("id"),
                       .raw = v.at("raw"),
                       .expected = v.value("expected", json{}),
                       .error = v.value("error", ""),
                       .cycle = v.value("cycle", false),
                       .warns = v.value("warns", false)});
    }
    return out;
}

std::string expand_repeat(const json& value) {
    if (!value.is_object()) {
        return value.get<std::string>();
    }
    std::string text;
    const std::string item = value.at("repeat");
    const std::string sep = value.value("separator", "");
    for (int i = 0; i < value.at("times").get<int>(); ++i) {
        text += (i == 0 ? "" : sep) + item;
    }
    return text;
}

// One root per variant: with the cycle rows (get) and without them (print config, validate).
class SvcRef {
public:
    explicit SvcRef(bool with_cycles) {
        const std::string id = reference_fixture().at("id");
        std::string text = "[DEFAULT]\nid = " + id + "\nnodes = " + nodename() +
                           "\n\n[disk#slv1]\ntype = drbd\nres = {fqdn}1\ndisk = /srv/{fqdn}1\nstandby = true\n\n[env]\n";
        for (const auto& v : reference_vectors()) {
            if (v.cycle && !with_cycles) {
                continue;
            }
            text += v.id + " = " + expand_repeat(v.raw) + "\n";
        }
        m_root.write("etc/svc-ref.conf", text);
    }
    [[nodiscard]] static std::string nodename() { return reference_fixture().at("nodename"); }
    [[nodiscard]] RunResult run(std::vector<std::string> args) const {
        args.insert(args.begin(), {"-s", "svc-ref"});
        return run_cli(m_root.path(), nodename(), std::move(args));
    }
    // Placeholders of the fixture replaced with this root's values.
    [[nodiscard]] std::string concrete(const std::string& text) const {
        const std::string node = nodename();
        std::string out = replace_all(text, "<SHORT_NODENAME>", node.substr(0, node.find('.')));
        out = replace_all(out, "<NODENAME>", node);
        out = replace_all(out, "<ID>", reference_fixture().at("id"));
        out = replace_all(out, "<etc>", (m_root.path() / "etc").string());
        out = replace_all(out, "<var>", (m_root.path() / "var").string());
        return replace_all(out, "<bindir>", std::filesystem::read_symlink("/proc/self/exe").parent_path().string());
    }

private:
    TempDir m_root;
};

const SvcRef& with_cycles() {
    static const SvcRef k_ref(true);
    return k_ref;
}

const SvcRef& without_cycles() {
    static const SvcRef k_ref(false);
    return k_ref;
}

// print config --eval --format json of the file without cycle rows, run once.
const json& evaluated_json() {
    static const json k_doc = [] {
        const RunResult r = without_cycles().run({"print", "config", "--eval", "--format", "json"});
        EXPECT_EQ(r.rc, 0) << r.err;
        return json::parse(r.out);
    }();
    return k_doc;
}

class CliReferenceVectors : public ::testing::TestWithParam<RefVector> {};

TEST_P(CliReferenceVectors, GetPrintsRawValue) {
    const RefVector& v = GetParam();
    const RunResult r = with_cycles().run({"get", "--kw", "env." + v.id});
    EXPECT_EQ(r.rc, 0) << r.err;
    EXPECT_EQ(r.out, expand_repeat(v.raw) + "\n");
}

TEST_P(CliReferenceVectors, GetEvalPrintsEvaluatedValueOrFails) {
    const RefVector& v = GetParam();
    const RunResult r = with_cycles().run({"get", "--eval", "--kw", "env." + v.id});
    if (!v.error.empty()) {
        EXPECT_EQ(r.rc, 1);
        EXPECT_NE(r.err.find(v.error), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("svc-ref.conf:"), std::string::npos) << "no file:line in: " << r.err;
        return;
    }
    EXPECT_EQ(r.rc, 0) << r.err;
    std::string want;
    if (v.expected.is_null()) {
        want = "None";
    } else if (v.expected.is_number_integer()) {
        want = std::to_string(v.expected.get<long long>());
    } else {
        want = with_cycles().concrete(expand_repeat(v.expected));
    }
    EXPECT_EQ(r.out, want + "\n");
}

INSTANTIATE_TEST_SUITE_P(Spec57, CliReferenceVectors, ::testing::ValuesIn(reference_vectors()),
                         [](const auto& p) { return p.param.id; });

// The cycle rows make print config --eval fail (PrintConfigEvalFailsOnCycle): the JSON comes from
// the file without them.
class CliReferenceJson : public ::testing::TestWithParam<RefVector> {};

TEST_P(CliReferenceJson, PrintConfigEvalJsonHasTypedValue) {
    const RefVector& v = GetParam();
    const json& env = evaluated_json().at("env");
    ASSERT_TRUE(env.contains(v.id));
    if (v.expected.is_null() || v.expected.is_number_integer()) {
        EXPECT_EQ(env.at(v.id), v.expected);
    } else {
        EXPECT_EQ(env.at(v.id), without_cycles().concrete(expand_repeat(v.expected)));
    }
}

std::vector<RefVector> acyclic_vectors() {
    auto out = reference_vectors();
    out.erase(std::remove_if(out.begin(), out.end(), [](const RefVector& v) { return v.cycle; }), out.end());
    return out;
}

INSTANTIATE_TEST_SUITE_P(Spec57, CliReferenceJson, ::testing::ValuesIn(acyclic_vectors()),
                         [](const auto& p) { return p.param.id; });

int expected_warnings() {
    int n = 1;  // disk#slv1: unsupported drbd driver
    for (const auto& v : reference_vectors()) {
        n += v.warns ? 1 : 0;
    }
    return n;
}

TEST(CliReferenceValidation, WithoutCyclesExitCodeCountsWarnings) {
    const RunResult r = without_cycles().run({"validate", "config"});
    EXPECT_EQ(r.rc, expected_warnings()) << r.out;
    EXPECT_NE(r.out.find("0 error(s), " + std::to_string(expected_warnings()) + " warning(s)"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("disk#slv1: driver disk.drbd is not supported"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("env.accept_unref: unresolved reference {abcd}\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("env.exposed_must_be_empty: reference {disk#slv1.exposed_devs[0]} cannot be evaluated\n"),
              std::string::npos)
        << r.out;
}

TEST(CliReferenceValidation, OneErrorPerCycleRow) {
    const RunResult r = with_cycles().run({"validate", "config"});
    EXPECT_NE(r.out.find("4 error(s), " + std::to_string(expected_warnings()) + " warning(s)"), std::string::npos)
        << r.out;
    EXPECT_EQ(r.rc, 4 + expected_warnings());
    for (const char* chain : {"env.foo -> env.foo", "env.afoo -> env.afoo", "env.foobar -> env.barfoo -> env.foobar",
                              "env.barfoo -> env.foobar -> env.barfoo"}) {
        EXPECT_NE(r.out.find(std::string{"reference recursion: "} + chain), std::string::npos) << chain;
    }
}

TEST(CliReferenceValidation, PrintConfigEvalFailsOnCycle) {
    const RunResult r = with_cycles().run({"print", "config", "--eval"});
    EXPECT_EQ(r.rc, 1);
    EXPECT_NE(r.err.find("recursion"), std::string::npos) << r.err;
}

// ---------------------------------------------------------------------------------------------
// SPEC §5.7, end: priority vectors.

struct PriorityVector {
    std::string id, text;
    bool valid = true;
};

class CliPriorityVectors : public ::testing::TestWithParam<PriorityVector> {};

TEST_P(CliPriorityVectors, ValidateAndPrintConfig) {
    const PriorityVector& v = GetParam();
    const TempDir root;
    root.write("etc/prio.conf", v.text);
    const auto run = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"-s", "prio"});
        return run_cli(root.path(), "node1", std::move(args));
    };
    EXPECT_EQ(run({"print", "config"}).rc, 0);
    const RunResult validate = run({"validate", "config"});
    const RunResult eval = run({"print", "config", "--eval"});
    if (v.valid) {
        EXPECT_EQ(validate.rc, 0) << validate.out;
        EXPECT_EQ(eval.rc, 0) << eval.err;
    } else {
        EXPECT_GE(validate.rc, 1);
        EXPECT_NE(validate.out.find("E " + (root.path() / "etc/prio.conf").string() +
                                    ":2: DEFAULT.priority: invalid integer"),
                  std::string::npos)
            << validate.out;
        EXPECT_GE(eval.rc, 1);
    }
}

std::string multiple_a() {
    std::string text = "[DEFAULT]\nnodes = node1\n[env]\na = foo\nmultiple =";
    for (int i = 0; i < 40; ++i) {
        text += " {a}";
    }
    return text + "\n";
}

INSTANTIATE_TEST_SUITE_P(
    Spec57, CliPriorityVectors,
    ::testing::Values(PriorityVector{"priority12", "[DEFAULT]\npriority = 12\n"},
                      PriorityVector{"priority14", "[DEFAULT]\npriority = 14\n"},
                      PriorityVector{"priority_env", "[DEFAULT]\npriority = {env.prio}\n[env]\nprio = 12\n"},
                      PriorityVector{"multiple_a", multiple_a()},
                      PriorityVector{"priority_empty", "[DEFAULT]\npriority =\n", false},
                      PriorityVector{"priority_ioio", "[DEFAULT]\npriority = ioio\n", false}),
    [](const auto& p) { return p.param.id; });

// ---------------------------------------------------------------------------------------------
// SPEC §4.5: scoping vectors.

constexpr const char* k_scoping_conf = "[DEFAULT]\nnodes = vm n2\ndrpnodes = n3\n\n"
                                       "[fs#1]\ntype = xfs\ndev = /dev/vg/lv\nmnt = /srv/x\n"
                                       "tags = a b\ntags@nodes = n\ntags@vm = s\ntags@drpnodes = d\n"
                                       "disable@vm = true\nmnt_opt = rw\ndisable@vm = false\n";

struct ScopingVector {
    std::string node, tags;
};

class CliScopingVectors : public ::testing::TestWithParam<ScopingVector> {};

TEST_P(CliScopingVectors, GetEvalPicksFormForLocalNode) {
    const TempDir root;
    root.write("etc/scoped.conf", k_scoping_conf);
    const RunResult r = run_cli(root.path(), GetParam().node, {"-s", "scoped", "get", "--eval", "--kw", "fs#1.tags"});
    EXPECT_EQ(r.rc, 0) << r.err;
    EXPECT_EQ(r.out, GetParam().tags + "\n");
}

INSTANTIATE_TEST_SUITE_P(Spec45, CliScopingVectors,
                         ::testing::Values(ScopingVector{"vm", "s"}, ScopingVector{"n2", "n"},
                                           ScopingVector{"n3", "d"}, ScopingVector{"n9", "a b"}),
                         [](const auto& p) { return p.param.node; });

TEST(CliScoping, LastOccurrenceWins) {
    const TempDir root;
    root.write("etc/scoped.conf", k_scoping_conf);
    const RunResult r = run_cli(root.path(), "vm", {"-s", "scoped", "get", "--eval", "--kw", "fs#1.disable"});
    EXPECT_EQ(r.rc, 0) << r.err;
    EXPECT_EQ(chomp(r.out), "false");
    const RunResult raw = run_cli(root.path(), "vm", {"-s", "scoped", "get", "--kw", "fs#1.disable@vm"});
    EXPECT_EQ(chomp(raw.out), "false");
}

TEST(CliScoping, ValidatesWithoutFindings) {
    const TempDir root;
    root.write("etc/scoped.conf", k_scoping_conf);
    const RunResult r = run_cli(root.path(), "vm", {"-s", "scoped", "validate", "config"});
    EXPECT_EQ(r.rc, 0) << r.out;
}

}  // namespace
}  // namespace svcagent::cli
