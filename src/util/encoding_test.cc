#include "util/encoding.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(Encoding, ValidUtf8PassesUntouched) {
  std::vector<std::string> warnings;
  EXPECT_EQ(ToUtf8("Лукашенко met Putin", "", false, &warnings), "Лукашенко met Putin");
  EXPECT_TRUE(warnings.empty());
}

TEST(Encoding, RepairsInvalidUtf8WithReplacementCharacter) {
  std::string s = "bad \xC3 byte and overlong \xC0\xAF end";
  EXPECT_EQ(RepairUtf8(s), 3u);
  EXPECT_EQ(s, "bad \xEF\xBF\xBD byte and overlong \xEF\xBF\xBD\xEF\xBF\xBD end");
}

TEST(Encoding, HonoursDeclaredCharset) {
  std::vector<std::string> warnings;
  // "Привет" in windows-1251.
  std::string cp1251 = "\xCF\xF0\xE8\xE2\xE5\xF2";
  EXPECT_EQ(ToUtf8(cp1251, "windows-1251", false, &warnings), "Привет");
}

TEST(Encoding, ReadsMetaCharsetInHtml) {
  std::vector<std::string> warnings;
  std::string html = "<html><head><meta charset=\"iso-8859-1\"></head><body>Caf\xE9</body></html>";
  EXPECT_NE(ToUtf8(html, "", true, &warnings).find("Café"), std::string::npos);
}

TEST(Encoding, DecodesUtf16WithBom) {
  std::vector<std::string> warnings;
  std::string utf16("\xFF\xFEH\0i\0", 6);
  EXPECT_EQ(ToUtf8(utf16, "", false, &warnings), "Hi");
}

TEST(Encoding, SpotsBinary) {
  EXPECT_TRUE(LooksBinary(std::string("\x7F" "ELF\x02\x01\x01\0\0\0", 10)));
  EXPECT_FALSE(LooksBinary("Plain words\nand lines\n"));
}

}  // namespace
}  // namespace sitrep
