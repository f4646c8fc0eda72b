#include "ingest/html.h"
#include "ingest/html_prune.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(PruneHtml, DropsScriptsStylesCommentsSvgAndMenus) {
  EXPECT_EQ(PruneHtml("<p>a<script>x('</p>')</script>b<style>p{}</style>c<!-- d -->e</p>"),
            "<p>abce</p>");
  EXPECT_EQ(PruneHtml("<nav><nav>menu</nav>more</nav><p>story</p>"), "<p>story</p>");
  EXPECT_EQ(PruneHtml("<svg><path d='M0'/></svg><p>x</p>"), "<p>x</p>");
  EXPECT_EQ(PruneHtml("<SCRIPT type=text/javascript>1</SCRIPT >ok"), "ok");
}

TEST(PruneHtml, KeepsJsonLdForTheMetadata) {
  std::string ld = R"(<script type="application/ld+json">{"headline":"H"}</script>)";
  EXPECT_EQ(PruneHtml(ld + "<p>x</p>"), ld + "<p>x</p>");
}

TEST(PruneHtml, LeavesLookalikesAndRcdataAlone) {
  EXPECT_EQ(PruneHtml("<scripts>a</scripts><navy>b</navy>"), "<scripts>a</scripts><navy>b</navy>");
  EXPECT_EQ(PruneHtml("<title>Using <script> tags</title><p>x</p>"),
            "<title>Using <script> tags</title><p>x</p>");
}

TEST(PruneHtml, TruncatedPagesLoseNothingButTheOpenScript) {
  EXPECT_EQ(PruneHtml("<p>story</p><nav>menu"), "<p>story</p><nav>menu");
  EXPECT_EQ(PruneHtml("<p>story</p><script>var x"), "<p>story</p>");
  EXPECT_EQ(PruneHtml("<p>story</p><!-- note"), "<p>story</p>");
  EXPECT_EQ(PruneHtml("<p>story<"), "<p>story<");
  EXPECT_EQ(PruneHtml(""), "");
}

}  // namespace
}  // namespace sitrep

namespace sitrep {
namespace {

TEST(PruneHtml, ScriptsShrinkToTheirDates) {
  EXPECT_EQ(PruneHtml(R"(<script>var s = {"title":"x","datePublished":"2022-12-19T10:00"};</script>)"),
            "<script>\"datePublished\":\"2022-12-19T10:00\"\n</script>");
}

TEST(PruneHtml, KeepsOnlyAttributesReadersUse) {
  EXPECT_EQ(PruneHtml("<a href=\"/x\" class='story' onclick=\"f('>')\">x</a>"),
            "<a class='story'>x</a>");
  // An image keeps its path (it may hold the day), nothing else.
  EXPECT_EQ(PruneHtml(R"(<img src="a.jpg" srcset="a 1x" alt=pic/>)"), R"(<img src="a.jpg"/>)");
  EXPECT_EQ(PruneHtml(R"(<script src="a.js"></script>)"), "");
  EXPECT_EQ(PruneHtml(R"(<link rel=canonical href="https://x.test/a">)"),
            R"(<link rel=canonical href="https://x.test/a">)");
  EXPECT_EQ(PruneHtml(R"(<time datetime="2022-12-19" data-utime=1 data-x=2>)"),
            R"(<time datetime="2022-12-19" data-utime=1>)");
  EXPECT_EQ(PruneHtml("<div hidden id = main>"), "<div hidden id = main>");
  EXPECT_EQ(PruneHtml("<p class=\"cut off"), "<p class=\"cut off");
}

TEST(FlattenDeepNesting, OrdinaryPagesUntouched) {
  EXPECT_FALSE(FlattenDeepNesting("<html><body><p>a<p>b<br><img src=x></body>"));
  std::string lists;
  for (int i = 0; i < 3000; ++i) lists += "<li>item<p>para<td>cell<br>";
  EXPECT_FALSE(FlattenDeepNesting(lists, 100));
  // "<" in scripts and comments opens nothing.
  std::string script = "<script>";
  for (int i = 0; i < 3000; ++i) script += "if (a<b) x = '<div>';";
  script += "</script><!-- <div><div><div> -->";
  EXPECT_FALSE(FlattenDeepNesting(script, 100));
}

TEST(FlattenDeepNesting, DeepPagesKeepTextAndShallowMarkup) {
  std::string deep = R"(<html><head><meta name="date" content="2022-12-19"></head><body>)";
  for (int i = 0; i < 200000; ++i) deep += "<div><span>";
  deep += "deep text";
  for (int i = 0; i < 200000; ++i) deep += "</span></div>";
  deep += "<p>after</p></body></html>";
  auto flat = FlattenDeepNesting(deep, 512);
  ASSERT_TRUE(flat);
  EXPECT_LT(flat->size(), 20000u);
  EXPECT_NE(flat->find("deep text"), std::string::npos);
  EXPECT_NE(flat->find("<p>after</p>"), std::string::npos);
  // Read whole, the page still gives its text and date, quickly.
  HtmlPage page = ReadHtml(deep, "");
  EXPECT_EQ(page.published.when.Iso().substr(0, 10), "2022-12-19");
  // Broken tails never crash it.
  for (const char* tail : {"<", "</", "<!--", "<script>", "<a href='x", "<!doctype"}) {
    FlattenDeepNesting(std::string(deep.substr(0, 7000)) + tail, 10);
  }
}

}  // namespace
}  // namespace sitrep
