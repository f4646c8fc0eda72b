#include "time/timeml.h"

#include <gtest/gtest.h>

namespace sitrep::timeml {
namespace {

TEST(TimeMl, InlineTagsBecomeSpans) {
  const char* xml =
      "<?xml version=\"1.0\"?><TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-01-08\" "
      "functionInDocument=\"CREATION_TIME\">19980108</TIMEX3></DCT><TEXT>Stocks fell "
      "<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-01-07\">yesterday</TIMEX3> &amp; "
      "<EVENT eid=\"e1\">rose</EVENT> <TIMEX3 tid=\"t2\" type=\"DURATION\" value=\"P1W\">a week"
      "</TIMEX3>.</TEXT></TimeML>";
  GoldDocument d = ParseGold(xml);
  EXPECT_EQ(d.dct.Iso(), "1998-01-08");
  EXPECT_EQ(d.text, "Stocks fell yesterday & rose a week.");
  ASSERT_EQ(d.timexes.size(), 2u);
  EXPECT_EQ(d.text.substr(d.timexes[0].span.begin, d.timexes[0].span.size()), "yesterday");
  EXPECT_EQ(d.timexes[1].value, "P1W");
  EXPECT_EQ(d.text.substr(d.timexes[1].span.begin, d.timexes[1].span.size()), "a week");
}

TEST(TimeMl, MeantimeTokensAndAnchors) {
  const char* xml =
      "<?xml version=\"1.0\"?><Document doc_id=\"1\">"
      "<token sentence=\"0\" t_id=\"1\">Title</token>"
      "<token sentence=\"1\" t_id=\"2\">May</token><token sentence=\"1\" t_id=\"3\">5</token>"
      "<token sentence=\"1\" t_id=\"4\">,</token><token sentence=\"1\" t_id=\"5\">2009</token>"
      "<token sentence=\"2\" t_id=\"6\">It</token><token sentence=\"2\" t_id=\"7\">fell</token>"
      "<token sentence=\"2\" t_id=\"8\">today</token><token sentence=\"2\" t_id=\"9\">.</token>"
      "<Markables><TIMEX3 m_id=\"1\" type=\"DATE\" value=\"2009-05-05\" "
      "functionInDocument=\"CREATION_TIME\"><token_anchor t_id=\"2\"/><token_anchor t_id=\"5\"/>"
      "</TIMEX3><TIMEX3 m_id=\"2\" type=\"DATE\" value=\"2009-05-05\" functionInDocument=\"NONE\">"
      "<token_anchor t_id=\"8\"/></TIMEX3><TIMEX3 m_id=\"3\" type=\"DATE\" value=\"2009\" "
      "functionInDocument=\"NONE\"/></Markables></Document>";
  GoldDocument d = ParseGold(xml);
  EXPECT_EQ(d.text, "Title\nMay 5, 2009\nIt fell today.");
  EXPECT_EQ(d.dct.Iso(), "2009-05-05");
  ASSERT_TRUE(d.dct_span.has_value());
  EXPECT_EQ(d.text.substr(d.dct_span->begin, d.dct_span->size()), "May 5, 2009");
  ASSERT_EQ(d.timexes.size(), 1u);  // the markable without tokens is not in the text
  EXPECT_EQ(d.text.substr(d.timexes[0].span.begin, d.timexes[0].span.size()), "today");
}

TEST(TimeMl, TimexValues) {
  EXPECT_EQ(ParseTimexValue("19980108").Iso(), "1998-01-08");
  EXPECT_EQ(ParseTimexValue("2000-01-05T10:30").Iso(), "2000-01-05T10:30");
  EXPECT_FALSE(ParseTimexValue("PRESENT_REF").known());
}

}  // namespace
}  // namespace sitrep::timeml
