#include "config/ini_lexer.hpp"

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include <gtest/gtest.h>

namespace svcagent::config {
namespace {

using namespace std::string_view_literals;

std::vector<IniSection> lex(std::string_view text) {
    return parse_ini(text, "db1.conf");
}

// what() of the ConfigError thrown by lexing text; fails the test when nothing is thrown.
std::string lex_error(std::string_view text) {
    try {
        (void)lex(text);
    } catch (const ConfigError& e) {
        return e.what();
    }
    ADD_FAILURE() << "no error for: " << text;
    return {};
}

TEST(IniLexer, ReadsSectionsKeysAndLinesInFileOrder) {
    const auto sections = lex("# head\n[DEFAULT]\nnodes = n1 n2\n\n[fs#1]\ntype = xfs\nmnt: /srv\n");
    ASSERT_EQ(sections.size(), 2U);
    EXPECT_EQ(sections[0].name, "DEFAULT");
    EXPECT_EQ(sections[0].where, (Origin{"db1.conf", 2}));
    ASSERT_EQ(sections[0].entries.size(), 1U);
    EXPECT_EQ(sections[0].entries[0].key, "nodes");
    EXPECT_EQ(sections[0].entries[0].value, "n1 n2");
    EXPECT_EQ(sections[0].entries[0].where, (Origin{"db1.conf", 3}));
    EXPECT_EQ(sections[1].name, "fs#1");
    ASSERT_EQ(sections[1].entries.size(), 2U);
    EXPECT_EQ(sections[1].entries[1].key, "mnt");
    EXPECT_EQ(sections[1].entries[1].value, "/srv");
    EXPECT_EQ(sections[1].entries[1].where.line, 7);
}

TEST(IniLexer, ReadsFourKibRunArgsLineIntact) {
    const std::string long_value(4096, 'x');
    const auto sections = lex("[container#1]\nrun_args = " + long_value + "\nafter = 1\n");
    ASSERT_EQ(sections[0].entries.size(), 2U);
    EXPECT_EQ(sections[0].entries[0].value, long_value);
    EXPECT_EQ(sections[0].entries[1].where.line, 3);
}

TEST(IniLexer, KeepsSemicolonInsideValue) {
    const auto sections = lex("[app#1]\nstart = /bin/echo a;b\nstop = /bin/sleep 10 ; x\n");
    EXPECT_EQ(sections[0].entries[0].value, "/bin/echo a;b");
    EXPECT_EQ(sections[0].entries[1].value, "/bin/sleep 10 ; x");
}

TEST(IniLexer, KeepsHashInsideValue) {
    const auto sections = lex("[app#1]\nstart = echo #1 # not a comment\n");
    EXPECT_EQ(sections[0].entries[0].value, "echo #1 # not a comment");
}

TEST(IniLexer, DropsFullLineCommentsIncludingIndentedOnes) {
    const auto sections = lex("; c1\n[s]\n# c2\n  ; c3\na = 1\n\t# c4\n");
    ASSERT_EQ(sections[0].entries.size(), 1U);
    EXPECT_EQ(sections[0].entries[0].value, "1");
}

TEST(IniLexer, FirstEqualsOrColonIsTheDelimiter) {
    const auto sections = lex("[s]\nurl = http://h:80/a=b\nlabel: a = b\n");
    EXPECT_EQ(sections[0].entries[0].key, "url");
    EXPECT_EQ(sections[0].entries[0].value, "http://h:80/a=b");
    EXPECT_EQ(sections[0].entries[1].key, "label");
    EXPECT_EQ(sections[0].entries[1].value, "a = b");
}

TEST(IniLexer, PreservesKeyAndSectionCase) {
    const auto sections = lex("[FS#1]\nMnt = /x\n");
    EXPECT_EQ(sections[0].name, "FS#1");
    EXPECT_EQ(sections[0].entries[0].key, "Mnt");
}

TEST(IniLexer, JoinsContinuationLinesWithNewlineAfterTrimming) {
    const auto sections = lex("[s]\nscript = first  \n    second\n\tthird \nnext = 1\n");
    EXPECT_EQ(sections[0].entries[0].value, "first\nsecond\nthird");
    EXPECT_EQ(sections[0].entries[1].where.line, 5);
}

TEST(IniLexer, KeepsBlankLinesInsideValueAndDropsTrailingOnes) {
    const auto sections = lex("[s]\na = 1\n  2\n\n\n  3\n\n\nb = 4\n");
    EXPECT_EQ(sections[0].entries[0].value, "1\n2\n\n\n3");
    EXPECT_EQ(sections[0].entries[1].where.line, 9);
}

TEST(IniLexer, DropsCommentLinesInsideMultiLineValue) {
    const auto sections = lex("[s]\na = 1\n  # dropped\n  2\n; also dropped\n  3\n");
    EXPECT_EQ(sections[0].entries[0].value, "1\n2\n3");
}

TEST(IniLexer, EmptyFirstPieceStartsValueWithNewline) {
    const auto sections = lex("[s]\na =\n  x\n  y\n");
    EXPECT_EQ(sections[0].entries[0].value, "\nx\ny");
}

TEST(IniLexer, IndentedLineNotFollowingKeyIsAnOrdinaryLine) {
    const auto sections = lex("[s]\n  a = 1\n  b = 2\n[t]\n\tc = 3\n");
    ASSERT_EQ(sections.size(), 2U);
    ASSERT_EQ(sections[0].entries.size(), 1U);
    EXPECT_EQ(sections[0].entries[0].value, "1\nb = 2");  // follows a key line: a continuation
    EXPECT_EQ(sections[1].name, "t");
    EXPECT_EQ(sections[1].entries[0].key, "c");
    EXPECT_EQ(sections[1].entries[0].where.line, 5);
}

TEST(IniLexer, AcceptsCrlfLineEndings) {
    const auto sections = lex("[s]\r\na = 1\r\n  2\r\nb = x\r\n");
    EXPECT_EQ(sections[0].entries[0].value, "1\n2");
    EXPECT_EQ(sections[0].entries[1].value, "x");
    EXPECT_EQ(sections[0].entries[1].where.line, 4);
}

TEST(IniLexer, SkipsUtf8ByteOrderMark) {
    const auto sections = lex("\xEF\xBB\xBF[DEFAULT]\nid = \xC3\xA9t\xC3\xA9\n");
    EXPECT_EQ(sections[0].name, "DEFAULT");
    EXPECT_EQ(sections[0].entries[0].value, "\xC3\xA9t\xC3\xA9");
}

TEST(IniLexer, ReadsLastLineWithoutNewline) {
    const auto sections = lex("[s]\na = 1");
    EXPECT_EQ(sections[0].entries[0].value, "1");
}

TEST(IniLexer, IgnoresTextAfterClosingBracket) {
    const auto sections = lex("[fs#1] trailing words\na = 1\n");
    EXPECT_EQ(sections[0].name, "fs#1");
}

TEST(IniLexer, KeepsDuplicateKeysInOrderAndFindReturnsTheLast) {
    const auto sections = lex("[s]\na = 1\nb = 2\na = 3\n");
    ASSERT_EQ(sections[0].entries.size(), 3U);
    EXPECT_EQ(sections[0].entries[0].value, "1");
    const IniEntry* last = sections[0].find("a");
    ASSERT_NE(last, nullptr);
    EXPECT_EQ(last->value, "3");
    EXPECT_EQ(last->where.line, 4);
    EXPECT_EQ(sections[0].find("c"), nullptr);
}

TEST(IniLexer, ReportsDuplicateSectionsSeparatelyAndMergeKeepsLaterKeys) {
    auto sections = lex("[a]\nx = 1\n[b]\ny = 2\n[a]\nx = 3\nz = 4\n");
    ASSERT_EQ(sections.size(), 3U);
    EXPECT_EQ(sections[2].name, "a");
    EXPECT_EQ(sections[2].where.line, 5);
    const auto merged = merge_sections(std::move(sections));
    ASSERT_EQ(merged.size(), 2U);
    EXPECT_EQ(merged[0].name, "a");
    EXPECT_EQ(merged[0].where.line, 1);
    EXPECT_EQ(merged[0].find("x")->value, "3");
    EXPECT_EQ(merged[0].find("z")->where.line, 7);
    EXPECT_EQ(merged[1].name, "b");
}

TEST(IniLexer, LineWithoutDelimiterIsAnErrorNamingTheLine) {
    EXPECT_EQ(lex_error("[s]\na = 1\n  cont\n\n# c\njunk\n"),
              "db1.conf:6: expected <key> = <value>, got \"junk\"");
}

TEST(IniLexer, KeyBeforeAnySectionIsAnError) {
    EXPECT_EQ(lex_error("# c\n\nnodes = n1\n[DEFAULT]\n"),
              "db1.conf:3: key \"nodes\" outside of any section");
}

TEST(IniLexer, EmptyKeyIsAnError) {
    EXPECT_EQ(lex_error("[s]\n= 1\n"), "db1.conf:2: expected <key> = <value>, got \"= 1\"");
}

TEST(IniLexer, UnterminatedHeaderIsAnError) {
    EXPECT_EQ(lex_error("[s]\n[fs#1\n"), "db1.conf:2: expected [<section>], got \"[fs#1\"");
}

TEST(IniLexer, QuotesOnlyTheStartOfAVeryLongBadLine) {
    const std::string message = lex_error("[s]\n" + std::string(5000, 'y') + "\n");
    EXPECT_LT(message.size(), 200U);
    EXPECT_NE(message.find("...\""), std::string::npos);
}

TEST(IniLexer, InvalidUtf8IsAnErrorNamingTheLine) {
    EXPECT_EQ(lex_error("[s]\na = 1\nb = \xC3\x28\n"), "db1.conf:3: invalid UTF-8");
    EXPECT_EQ(lex_error("[s]\na = \xED\xA0\x80\n"), "db1.conf:2: invalid UTF-8");  // surrogate
    EXPECT_EQ(lex_error("[s]\na = \xC0\xAF\n"), "db1.conf:2: invalid UTF-8");      // overlong
    EXPECT_EQ(lex_error("[s]\n# \xFF in a comment\n"), "db1.conf:2: invalid UTF-8");
    EXPECT_EQ(lex_error("[s]\na = \xE2\x82\n"), "db1.conf:2: invalid UTF-8");  // truncated
}

TEST(IniLexer, NulByteIsAnErrorNamingTheLine) {
    EXPECT_EQ(lex_error("[s]\n\na = x\0y\n"sv), "db1.conf:3: NUL byte");
}

TEST(IniLexer, AcceptsFourByteUtf8) {
    const auto sections = lex("[s]\na = \xF0\x9F\x98\x80\n");
    EXPECT_EQ(sections[0].entries[0].value, "\xF0\x9F\x98\x80");
}

TEST(IniLexer, EmptyTextHasNoSections) {
    EXPECT_TRUE(lex("").empty());
}

TEST(IniLexer, ConfigFromTextNamesTheSource) {
    const auto source = config_from_text("[s]\nbad\n", "<stdin>");
    EXPECT_EQ(source->name(), "<stdin>");
    EXPECT_THROW((void)source->read(), ConfigError);
}

TEST(IniLexer, OpenConfigFileReadsTheFile) {
    const auto path = std::filesystem::temp_directory_path() / ("ini_lexer_test." + std::to_string(getpid()));
    {
        std::ofstream out(path, std::ios::binary);
        out << "[DEFAULT]\nid = 1\n";
    }
    const auto source = open_config_file(path);
    const auto sections = source->read();
    std::filesystem::remove(path);
    EXPECT_EQ(source->name(), path.string());
    ASSERT_EQ(sections.size(), 1U);
    EXPECT_EQ(sections[0].entries[0].where, (Origin{path.string(), 2}));
}

TEST(IniLexer, UnreadableFileIsAConfigErrorNamingIt) {
    const auto source = open_config_file("/nonexistent/db1.conf");
    try {
        (void)source->read();
        FAIL() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_EQ(std::string{e.what()}, "/nonexistent/db1.conf: cannot read: No such file or directory");
    }
}

}  // namespace
}  // namespace svcagent::config
