#include "config/json_form.hpp"

#include <string>

#include <gtest/gtest.h>

namespace svcagent::config {
namespace {

std::string error_of(std::string_view json_text) {
    try {
        const std::string ini = json_to_ini(json_text, "<stdin>");
        ADD_FAILURE() << "no error, got " << ini;
    } catch (const ConfigError& e) {
        return e.what();
    }
    return {};
}

TEST(JsonForm, FirstNonBlankBraceMeansJson) {
    EXPECT_TRUE(is_json_form(" \n\t{\"DEFAULT\": {}}"));
    EXPECT_FALSE(is_json_form("[DEFAULT]\n"));
    EXPECT_FALSE(is_json_form("  \n"));
}

TEST(JsonForm, WritesSectionsAndKeysInMemberOrderWithDefaultFirst) {
    const std::string ini = json_to_ini(
        R"({"fs#1": {"type": "xfs", "dev": "/dev/vg/lv", "mnt": "/srv"}, "DEFAULT": {"nodes": "{clusternodes}"}})",
        "<stdin>");
    EXPECT_EQ(ini, "[DEFAULT]\nnodes = {clusternodes}\n\n[fs#1]\ntype = xfs\ndev = /dev/vg/lv\nmnt = /srv\n");
}

TEST(JsonForm, ConvertsNumbersBooleansArraysAndOmitsNull) {
    const std::string ini = json_to_ini(
        R"({"app#1": {"timeout": 30, "ratio": 1.5, "big": 1e20, "neg": -4, "optional": false,
            "tags": ["a", "b c"], "gone": null, "empty": []}})",
        "<stdin>");
    EXPECT_EQ(ini, "[app#1]\ntimeout = 30\nratio = 1.5\nbig = 100000000000000000000\nneg = -4\n"
                   "optional = false\ntags = a b c\nempty =\n");
}

TEST(JsonForm, StringWithNewlineBecomesMultiLineValue) {
    const std::string text = R"({"app#1": {"script": "line one\nline two"}})";
    EXPECT_EQ(json_to_ini(text, "<stdin>"), "[app#1]\nscript = line one\n\tline two\n");
    const auto sections = json_to_sections(text, "<stdin>");
    EXPECT_EQ(sections[0].entries[0].value, "line one\nline two");
}

TEST(JsonForm, KeepsScopedKeysAndSemicolons) {
    const auto sections = json_to_sections(
        R"({"ip#0": {"ipname@node1": "10.0.0.1", "start": "/bin/echo a;b # c"}})", "<stdin>");
    ASSERT_EQ(sections.size(), 1U);
    EXPECT_EQ(sections[0].entries[0].key, "ipname@node1");
    EXPECT_EQ(sections[0].entries[1].value, "/bin/echo a;b # c");
    EXPECT_EQ(sections[0].entries[1].where, (Origin{"<stdin>", 3}));
}

TEST(JsonForm, NestedObjectIsAnErrorNamingSectionAndKey) {
    EXPECT_EQ(error_of(R"({"fs#1": {"dev": {"path": "/dev/sda"}}})"),
              "<stdin>: section fs#1, key dev: objects are not allowed");
}

TEST(JsonForm, ArrayOfNonStringsIsAnError) {
    EXPECT_EQ(error_of(R"({"DEFAULT": {"nodes": ["n1", 2]}})"),
              "<stdin>: section DEFAULT, key nodes: arrays may only hold strings, got number");
}

TEST(JsonForm, SectionMustBeAnObject) {
    EXPECT_EQ(error_of(R"({"DEFAULT": "x"})"),
              "<stdin>: section DEFAULT: expected an object of keys, got string");
    EXPECT_EQ(error_of(R"(["DEFAULT"])"), "<stdin>: expected a JSON object of sections, got array");
}

TEST(JsonForm, UnwritableKeysAndValuesAreErrors) {
    EXPECT_EQ(error_of(R"({"s": {"a=b": "x"}})"),
              "<stdin>: section s, key a=b: key \"a=b\" cannot be written as <key> = <value>");
    EXPECT_EQ(
        error_of(R"({"s": {"a": "x\n# y"}})"),
        "<stdin>: section s, key a: line 2 of the value starts with '#' and would be read as a comment");
}

TEST(JsonForm, SyntaxErrorNamesLineAndColumn) {
    // column of the last character read: the closing quote of "n1", as nlohmann reports it
    const std::string message = error_of("{\n  \"DEFAULT\": {\n    \"nodes\" \"n1\"\n  }\n}\n");
    EXPECT_EQ(message.rfind("<stdin>:3: invalid JSON at column 16: ", 0), 0U) << message;
}

TEST(JsonForm, TruncatedJsonIsASyntaxError) {
    const std::string message = error_of("{\"DEFAULT\": {");
    EXPECT_EQ(message.rfind("<stdin>:1: invalid JSON at column ", 0), 0U) << message;
}

TEST(JsonForm, ApplySectionsEditsInPlaceAndKeepsComments) {
    Document doc("# my service\n[DEFAULT]\nid = 1234\nnodes = n1\n\n# data\n[fs#1]\ntype = xfs\nmnt = /old\n"
                 "\n[fs#2]\ntype = ext4\n");
    const auto target = json_to_sections(
        R"({"DEFAULT": {"nodes": "n1 n2"}, "fs#1": {"type": "xfs", "mnt": "/new", "dev": "/dev/x"},
            "app#1": {"script": "a"}})",
        "<stdin>");
    apply_sections(doc, target, "db1.conf");
    EXPECT_EQ(doc.text(), "# my service\n[DEFAULT]\nid = 1234\nnodes = n1 n2\n\n# data\n[fs#1]\ntype = xfs\n"
                          "mnt = /new\ndev = /dev/x\n\n[app#1]\nscript = a\n");
}

TEST(JsonForm, ApplySectionsKeepsDefaultIdWhenDefaultIsAbsent) {
    Document doc("[DEFAULT]\nid = 1234\nnodes = n1\n[fs#1]\ntype = xfs\n");
    apply_sections(doc, json_to_sections(R"({"fs#1": {"type": "xfs"}})", "<stdin>"), "db1.conf");
    EXPECT_EQ(doc.text(), "[DEFAULT]\nid = 1234\n[fs#1]\ntype = xfs\n");
}

}  // namespace
}  // namespace svcagent::config
