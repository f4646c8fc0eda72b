#include "clean/unicode_clean.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(NormalizeUnicode, ComposesToNfc) {
  // "e" + combining acute becomes the single code point U+00E9.
  EXPECT_EQ(NormalizeUnicode("caf\x65\xCC\x81"), "caf\xC3\xA9");
}

TEST(NormalizeUnicode, SpacesAndInvisibles) {
  EXPECT_EQ(NormalizeUnicode("a\xC2\xA0" "b\tc"), "a b c");              // NBSP, tab
  EXPECT_EQ(NormalizeUnicode("co\xC2\xADoper\xE2\x80\x8B" "ate"), "cooperate");  // soft hyphen, ZWSP
  EXPECT_EQ(NormalizeUnicode("\xEF\xBB\xBFtext"), "text");                // BOM
  EXPECT_EQ(NormalizeUnicode("a\r\nb\rc\xE2\x80\xA8" "d"), "a\nb\nc\nd");
}

TEST(NormalizeUnicode, KeepsTypographicQuotesAndJoiners) {
  EXPECT_EQ(NormalizeUnicode("\xE2\x80\x9CYes\xE2\x80\x9D, \xC2\xABno\xC2\xBB"),
            "\xE2\x80\x9CYes\xE2\x80\x9D, \xC2\xABno\xC2\xBB");
  EXPECT_EQ(NormalizeUnicode("a\xE2\x80\x8D" "b"), "a\xE2\x80\x8D" "b");  // ZWJ stays
}

TEST(NormalizeUnicode, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(NormalizeUnicode("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
}

TEST(RepairLookalikes, CyrillicLettersInsideALatinWord) {
  std::string s = "reports Press.NЕТ today";  // Е and Т are Cyrillic
  std::vector<std::string> examples;
  EXPECT_EQ(RepairLookalikes(s, &examples), 2u);
  EXPECT_EQ(s, "reports Press.NET today");
  ASSERT_EQ(examples.size(), 1u);
}

TEST(RepairLookalikes, LatinLettersInsideACyrillicWord) {
  std::string s = "м\x69ністр і Kyiv";  // Latin "i" in a Ukrainian word
  EXPECT_EQ(RepairLookalikes(s, nullptr), 1u);
  EXPECT_EQ(s, "міністр і Kyiv");
}

TEST(RepairLookalikes, LeavesSingleScriptWordsAlone) {
  std::string s = "Лукашенко met Putin; ВВС and BBC; Αθήνα";
  EXPECT_EQ(RepairLookalikes(s, nullptr), 0u);
  EXPECT_EQ(s, "Лукашенко met Putin; ВВС and BBC; Αθήνα");
}

TEST(RepairLookalikes, GreekOmicronInALatinWord) {
  std::string s = "Ukrinf\xCE\xBFrm";  // Greek small omicron
  EXPECT_EQ(RepairLookalikes(s, nullptr), 1u);
  EXPECT_EQ(s, "Ukrinform");
}

TEST(RepairLookalikes, LeavesAWordWithoutLookalikesAlone) {
  // Cyrillic Д has no Latin look-alike, and Latin "n" no Cyrillic one: no repair possible.
  std::string s = "nДn";
  EXPECT_EQ(RepairLookalikes(s, nullptr), 0u);
}

}  // namespace
}  // namespace sitrep
