#include "util/strings.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(Strings, EscapeHtmlLeavesNoMarkup) {
  EXPECT_EQ(EscapeHtml("<b class='x'>A & \"B\"</b>"),
            "&lt;b class=&#39;x&#39;&gt;A &amp; &quot;B&quot;&lt;/b&gt;");
  EXPECT_EQ(EscapeHtml("Київ"), "Київ");
}

TEST(Strings, JoinPutsTheSeparatorBetween) {
  EXPECT_EQ(Join({"a", "b", "c"}, " → "), "a → b → c");
  EXPECT_EQ(Join({}, ", "), "");
}

}  // namespace
}  // namespace sitrep
