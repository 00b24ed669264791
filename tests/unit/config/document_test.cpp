#include "config/document.hpp"

#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace svcagent::config {
namespace {

constexpr std::string_view k_service = "# db1, managed by hand\n"
                                       "[DEFAULT]\n"
                                       "nodes = n1 n2   \n"
                                       "\n"
                                       "; the data\n"
                                       "[fs#1]\n"
                                       "type: xfs\n"
                                       "mnt_opt   =noatime\n"
                                       "\n"
                                       "# the app\n"
                                       "[app#1]\n"
                                       "script = /srv/a.sh\n";

TEST(Document, UnchangedDocumentGivesBackTheSameBytes) {
    for (const std::string_view text :
         {k_service, std::string_view{"[s]\r\na = 1\r\n  2\r\n"}, std::string_view{"\xEF\xBB\xBF[s]\na=1"},
          std::string_view{""}, std::string_view{"junk line\n[s]\n"}}) {
        EXPECT_EQ(Document(text).text(), text);
    }
}

TEST(Document, SetReplacesOnlyTheKeyLine) {
    Document doc(k_service);
    doc.set("fs#1", "type", "ext4");
    std::string expected{k_service};
    expected.replace(expected.find("type: xfs"), 9, "type = ext4");
    EXPECT_EQ(doc.text(), expected);
}

TEST(Document, SetReplacesTheLastOccurrenceWithItsContinuations) {
    Document doc("[s]\na = 1\nb = x\na = 2\n  more\n\n  end\n\n# next\n[t]\n");
    doc.set("s", "a", "3");
    EXPECT_EQ(doc.text(), "[s]\na = 1\nb = x\na = 3\n\n# next\n[t]\n");
}

TEST(Document, SetKeepsCommentLinesInsideTheOldValue) {
    Document doc("[s]\na = 1\n  # note\n  2\nb = 2\n");
    doc.set("s", "a", "9");
    EXPECT_EQ(doc.text(), "[s]\na = 9\n  # note\nb = 2\n");
}

TEST(Document, SetWritesMultiLineValueWithTabContinuations) {
    Document doc("[s]\na = 1\n");
    doc.set("s", "a", "x\ny\n\nz");
    EXPECT_EQ(doc.text(), "[s]\na = x\n\ty\n\n\tz\n");
    EXPECT_EQ(parse_ini(doc.text(), "f")[0].entries[0].value, "x\ny\n\nz");
}

TEST(Document, SetWithEmptyValueWritesKeyAndEquals) {
    Document doc("[s]\na = 1\n");
    doc.set("s", "a", "");
    EXPECT_EQ(doc.text(), "[s]\na =\n");
}

TEST(Document, SetInsertsNewKeyAfterTheLastKeyOfItsSection) {
    Document doc(k_service);
    doc.set("fs#1", "dev", "/dev/vg/lv");
    std::string expected{k_service};
    expected.insert(expected.find("\n# the app"), "dev = /dev/vg/lv\n");
    EXPECT_EQ(doc.text(), expected);
}

TEST(Document, SetInsertsAfterContinuationLinesOfTheLastKey) {
    Document doc("[s]\na = 1\n  2\n\n[t]\n");
    doc.set("s", "b", "x");
    EXPECT_EQ(doc.text(), "[s]\na = 1\n  2\nb = x\n\n[t]\n");
}

TEST(Document, SetInsertsRightAfterHeaderOfSectionWithoutKeys) {
    Document doc("[env]\n# nothing yet\n\n[s]\na = 1\n");
    doc.set("env", "x", "1");
    EXPECT_EQ(doc.text(), "[env]\nx = 1\n# nothing yet\n\n[s]\na = 1\n");
}

TEST(Document, SetInsertsIntoTheLastCopyOfADuplicateSection) {
    Document doc("[s]\na = 1\n[t]\n[s]\nb = 2\n");
    doc.set("s", "c", "3");
    EXPECT_EQ(doc.text(), "[s]\na = 1\n[t]\n[s]\nb = 2\nc = 3\n");
    doc.set("s", "a", "0");  // the only occurrence is in the first copy
    EXPECT_EQ(doc.text(), "[s]\na = 0\n[t]\n[s]\nb = 2\nc = 3\n");
}

TEST(Document, SetAppendsMissingSectionAfterOneBlankLine) {
    Document doc("[s]\na = 1\n");
    doc.set("fs#2", "type", "xfs");
    EXPECT_EQ(doc.text(), "[s]\na = 1\n\n[fs#2]\ntype = xfs\n");
}

TEST(Document, SetAppendsSectionWithoutDoublingTrailingBlankLine) {
    Document doc("[s]\na = 1\n\n");
    doc.set("t", "b", "2");
    EXPECT_EQ(doc.text(), "[s]\na = 1\n\n[t]\nb = 2\n");
}

TEST(Document, SetOnEmptyDocumentWritesOnlyTheSection) {
    Document doc("");
    doc.set("DEFAULT", "id", "abc");
    EXPECT_EQ(doc.text(), "[DEFAULT]\nid = abc\n");
}

TEST(Document, SetAfterLastLineWithoutNewlineKeepsItsBytes) {
    Document doc("[s]\na = 1");
    doc.set("s", "b", "2");
    EXPECT_EQ(doc.text(), "[s]\na = 1\nb = 2");
    doc.set("s", "b", "3");
    EXPECT_EQ(doc.text(), "[s]\na = 1\nb = 3");
}

TEST(Document, SetPreservesCrlfAndUsesItForNewLines) {
    Document doc("[s]\r\na = 1\r\n  2\r\nb = 2\r\n");
    doc.set("s", "a", "x\ny");
    doc.set("s", "c", "3");
    doc.set("t", "d", "4");
    EXPECT_EQ(doc.text(), "[s]\r\na = x\r\n\ty\r\nb = 2\r\nc = 3\r\n\r\n[t]\r\nd = 4\r\n");
}

TEST(Document, SetKeepsByteOrderMark) {
    Document doc("\xEF\xBB\xBF[s]\na = 1\n");
    doc.set("s", "a", "2");
    EXPECT_EQ(doc.text(), "\xEF\xBB\xBF[s]\na = 2\n");
}

TEST(Document, SetMatchesScopedKeysExactly) {
    Document doc("[s]\nipname = a\nipname@n1 = b\n");
    doc.set("s", "ipname@n1", "c");
    EXPECT_EQ(doc.text(), "[s]\nipname = a\nipname@n1 = c\n");
}

TEST(Document, SetRefusesValuesTheLexerCouldNotReadBack) {
    Document doc("[s]\n");
    EXPECT_THROW(doc.set("s", "a", "x\n# y"), std::invalid_argument);
    EXPECT_THROW(doc.set("s", "a=b", "x"), std::invalid_argument);
    EXPECT_THROW(doc.set("s", "", "x"), std::invalid_argument);
    EXPECT_THROW(doc.set("a]b", "k", "x"), std::invalid_argument);
    EXPECT_EQ(doc.text(), "[s]\n");
}

TEST(Document, UnsetRemovesEveryOccurrenceWithContinuations) {
    Document doc("[s]\na = 1\n  2\nb = 2\na = 3\n# keep\n[t]\na = 4\n");
    EXPECT_EQ(doc.unset("s", "a"), 2U);
    EXPECT_EQ(doc.text(), "[s]\nb = 2\n# keep\n[t]\na = 4\n");
    EXPECT_EQ(doc.unset("s", "a"), 0U);
}

TEST(Document, UnsetOfScopedKeyLeavesOtherScopes) {
    Document doc("[s]\nipname = a\nipname@n1 = b\n");
    EXPECT_EQ(doc.unset("s", "ipname@n1"), 1U);
    EXPECT_EQ(doc.text(), "[s]\nipname = a\n");
}

TEST(Document, RemoveSectionKeepsCommentsDirectlyAboveTheNextHeader) {
    Document doc(k_service);
    EXPECT_TRUE(doc.remove_section("fs#1"));
    EXPECT_EQ(doc.text(), "# db1, managed by hand\n[DEFAULT]\nnodes = n1 n2   \n\n; the data\n"
                          "# the app\n[app#1]\nscript = /srv/a.sh\n");
}

TEST(Document, RemoveSectionRemovesEveryCopyAndTrailingComments) {
    Document doc("[a]\nx = 1\n[b]\ny = 1\n# about c\n\n[a]\nz = 2\n# tail\n");
    EXPECT_TRUE(doc.remove_section("a"));
    EXPECT_EQ(doc.text(), "[b]\ny = 1\n# about c\n\n");
    EXPECT_FALSE(doc.remove_section("a"));
}

TEST(Document, ListsSectionsAndKeys) {
    const Document doc("[a]\nx = 1\n[b]\n[a]\ny = 2\n");
    EXPECT_EQ(doc.section_names(), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(doc.has_section("b"));
    EXPECT_FALSE(doc.has_section("c"));
    EXPECT_TRUE(doc.has_key("a", "y"));
    EXPECT_FALSE(doc.has_key("b", "x"));
}

TEST(Document, KeepsInvalidLinesSoABrokenFileCanBeRepaired) {
    Document doc("[s]\nbroken line\na = 1\n");
    doc.set("s", "a", "2");
    EXPECT_EQ(doc.text(), "[s]\nbroken line\na = 2\n");
}

TEST(Document, KeysBeforeTheFirstHeaderBelongToNoSection) {
    Document doc("a = 1\n[s]\n");
    doc.set("s", "a", "2");
    EXPECT_EQ(doc.text(), "a = 1\n[s]\na = 2\n");
}

TEST(Document, UnwritableValueNamesTheCommentLikeLine) {
    EXPECT_EQ(unwritable_value("a\nb\n  ;c"),
              "line 3 of the value starts with ';' and would be read as a comment");
    EXPECT_EQ(unwritable_value("#a\nb"), std::nullopt);  // the first piece follows the delimiter
}

}  // namespace
}  // namespace svcagent::config
