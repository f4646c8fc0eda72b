#include "ingest/html.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "ingest/html_eval.h"
#include "ingest/html_meta.h"

namespace sitrep {
namespace {

using ::testing::TestWithParam;

// An invented story: long enough paragraphs, with commas, as news prose has.
const char* kStory = R"(
  <p>The river ferry at Lower Marsh resumed service on Tuesday, three weeks after the spring
  flood tore its landing stage loose, the harbour office said in a statement.</p>
  <p>Crews worked through the weekend, officials said, to anchor a temporary pontoon and test
  the winch, which had been under water for most of the month.</p>
  <h2>Fares unchanged</h2>
  <p>Fares stay as they were, and season tickets bought before the flood will be extended by
  the days the ferry did not run, according to the operator, Marsh Crossings.</p>
)";

std::string Page(const std::string& head, const std::string& body) {
  return "<!DOCTYPE html><html lang=\"en-GB\"><head>" + head + "</head><body>" + body +
         "</body></html>";
}

bool Contains(const std::vector<std::string>& paragraphs, const std::string& needle) {
  for (const auto& p : paragraphs)
    if (p.find(needle) != std::string::npos) return true;
  return false;
}

TEST(ReadHtml, KeepsTheStoryAndItsHeadingsWithoutMenusOrFooter) {
  std::string body = R"(
    <header><a href="/">Marsh Gazette</a><ul><li><a href="/news">News</a></li>
      <li><a href="/sport">Sport</a></li></ul></header>
    <nav><a href="/weather">Weather</a></nav>
    <div class="main"><article><h1>Ferry back after flood</h1>)" +
                     std::string(kStory) + R"(</article>
      <div class="sidebar"><p>Sign up to our morning briefing, delivered every day, free.</p></div>
    </div>
    <footer><p>Copyright Marsh Gazette, all rights reserved, since 1901.</p></footer>)";
  HtmlPage page = ReadHtml(Page("<title>Ferry back after flood | Marsh Gazette</title>", body),
                           "https://www.marsh-gazette.test/news/ferry");
  ASSERT_EQ(page.paragraphs.size(), 4u);
  EXPECT_TRUE(page.paragraphs[0].starts_with("The river ferry at Lower Marsh resumed service"));
  EXPECT_EQ(page.paragraphs[2], "Fares unchanged");
  EXPECT_FALSE(Contains(page.paragraphs, "Weather"));
  EXPECT_FALSE(Contains(page.paragraphs, "Copyright"));
  EXPECT_FALSE(Contains(page.paragraphs, "briefing"));
  EXPECT_FALSE(Contains(page.paragraphs, "Ferry back after flood"));  // the headline is the title
  EXPECT_EQ(page.title, "Ferry back after flood");
  EXPECT_EQ(page.outlet, "marsh-gazette.test");
  EXPECT_EQ(page.url, "https://www.marsh-gazette.test/news/ferry");
  EXPECT_EQ(page.language, "en-GB");
}

TEST(ReadHtml, DropsLinkListsAndCommentsInsideTheArticle) {
  std::string body = R"(<div id="story">)" + std::string(kStory) + R"(
    <ul><li><a href="/a">Bridge tolls to rise in the autumn, council confirms</a></li>
        <li><a href="/b">Harbour master retires after forty years at the quay</a></li>
        <li><a href="/c">Flood defences: what the new wall will and will not do</a></li></ul>
    <div class="comments"><p>Great news, I have missed the ferry so much, well done all.</p></div>
    </div>)";
  HtmlPage page = ReadHtml(Page("", body), "");
  EXPECT_EQ(page.paragraphs.size(), 4u);
  EXPECT_FALSE(Contains(page.paragraphs, "Bridge tolls"));
  EXPECT_FALSE(Contains(page.paragraphs, "missed the ferry"));
}

TEST(ReadHtml, KeepsListsThatArePartOfTheStory) {
  std::string body = "<article>" + std::string(kStory) +
                     "<ul><li>Crossings every twenty minutes until six, then hourly.</li>"
                     "<li>No cars on the pontoon until the winch has been certified.</li></ul>"
                     "</article>";
  HtmlPage page = ReadHtml(Page("", body), "");
  EXPECT_TRUE(Contains(page.paragraphs, "Crossings every twenty minutes"));
  EXPECT_TRUE(Contains(page.paragraphs, "No cars on the pontoon"));
}

TEST(ReadHtml, DoubleBreaksSplitParagraphs) {
  std::string body = "<div class='entry'>" + std::string(kStory) +
                     "<div>First line of the notice, posted at the quay<br>second line of it"
                     "<br><br>A new paragraph after two breaks, as old sites write them.</div>"
                     "</div>";
  HtmlPage page = ReadHtml(Page("", body), "");
  EXPECT_TRUE(Contains(page.paragraphs, "posted at the quay\nsecond line of it"));
  EXPECT_TRUE(Contains(page.paragraphs, "A new paragraph after two breaks"));
  EXPECT_FALSE(Contains(page.paragraphs, "second line of it\nA new"));
}

TEST(ReadHtml, ReadsOpenGraphAndJsonLdMetadata) {
  std::string head = R"(
    <meta property="og:title" content="Ferry back after flood">
    <meta property="og:site_name" content="The Marsh Gazette">
    <meta property="og:url" content="https://marsh-gazette.test/ferry">
    <meta property="og:locale" content="en_GB">
    <meta name="description" content="The ferry runs again.">
    <script type="application/ld+json">
      {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Gazette"},
        {"@type": "NewsArticle", "headline": "Ferry back &amp; running",
         "author": [{"@type": "Person", "name": "Ann Tiller"}, {"name": "Bo Quay"}],
         "publisher": {"@type": "Organization", "name": "Marsh Media"}}]}
    </script>)";
  HtmlPage page = ReadHtml(Page(head, "<article>" + std::string(kStory) + "</article>"),
                           "https://marsh-gazette.test/ferry?utm=x");
  EXPECT_EQ(page.title, "Ferry back after flood");
  EXPECT_EQ(page.outlet, "The Marsh Gazette");
  EXPECT_EQ(page.url, "https://marsh-gazette.test/ferry");
  EXPECT_EQ(page.byline, "Ann Tiller, Bo Quay");
  EXPECT_EQ(page.description, "The ferry runs again.");
  EXPECT_EQ(page.language, "en-GB");
}

TEST(ReadHtml, FallsBackToJsonLdAndTheMarkup) {
  std::string head = R"(
    <link rel="canonical" href="/news/ferry">
    <script type="application/ld+json">
      {"@type": "NewsArticle", "headline": "Ferry back &amp; running",
       "author": {"name": "Ann Tiller"}, "publisher": {"name": "Marsh Media"}}
    </script>)";
  HtmlPage page = ReadHtml("<html><head>" + head + "</head><body><article>" + kStory +
                               "</article></body></html>",
                           "http://marsh-gazette.test/news/ferry/?page=1");
  EXPECT_EQ(page.title, "Ferry back & running");
  EXPECT_EQ(page.outlet, "Marsh Media");
  EXPECT_EQ(page.byline, "Ann Tiller");
  EXPECT_EQ(page.url, "http://marsh-gazette.test/news/ferry");
  EXPECT_EQ(page.language, "");
}

TEST(ReadHtml, TakesBylineFromTheMarkupWhenMetadataIsSilent) {
  std::string body = "<article><span itemprop='author'>By Cy Reed</span>" + std::string(kStory) +
                     "</article>";
  HtmlPage page = ReadHtml(Page("<title>Marsh Gazette - Ferry back</title>", body), "");
  EXPECT_EQ(page.byline, "Cy Reed");
}

TEST(StripSiteName, CutsTheOutletButNotPartsOfTheHeadline) {
  EXPECT_EQ(StripSiteName("Ferry back after the flood | Marsh Gazette", ""),
            "Ferry back after the flood");
  EXPECT_EQ(StripSiteName("Ferry back | Marsh Gazette Online", ""), "Ferry back | Marsh Gazette Online");
  EXPECT_EQ(StripSiteName("Ferry back - Marsh Gazette", "Marsh Gazette"), "Ferry back");
  EXPECT_EQ(StripSiteName("Marsh Gazette - Ferry back", "Marsh Gazette"), "Ferry back");
  EXPECT_EQ(StripSiteName("Ferry back - and fares stay", ""), "Ferry back - and fares stay");
}

TEST(PageHost, DropsSchemeWwwPortAndPath) {
  EXPECT_EQ(PageHost("https://www.Example.com:8080/a?b"), "example.com");
  EXPECT_EQ(PageHost("example.org/x"), "example.org");
  EXPECT_EQ(PageHost(""), "");
}

class ReadHtmlSurvives : public TestWithParam<std::string> {};

TEST_P(ReadHtmlSurvives, AnyInput) {
  HtmlPage page = ReadHtml(GetParam(), "not a url");
  EXPECT_EQ(page.url, "not a url");
}

std::string Junk() {
  std::mt19937 rng(7);
  std::string s(20000, ' ');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

INSTANTIATE_TEST_SUITE_P(
    OddPages, ReadHtmlSurvives,
    ::testing::Values("", "<", "<html", "<p>cut off mid-sent", "<script>", "<!--",
                      "<nav><div></nav>", std::string(100000, '<') + "div>",
                      [] {
                        std::string s;
                        for (int i = 0; i < 5000; ++i) s += "<div><p>x, y";
                        return s;
                      }(),
                      Junk(), std::string("<p>nul\0byte</p>", 15),
                      [] {
                        std::string s;
                        for (int i = 0; i < 100000; ++i) s += "<div>";
                        return s + "deep";
                      }(),
                      "<script type='application/ld+json'>{broken</script><p>x</p>"));

TEST(ReadHtml, ExtractionSetStaysAboveItsFloor) {
  std::string dir = std::string(SITREP_SHARED_DIR) + "/data/extraction";
  if (!std::filesystem::exists(dir + "/ground-truth.json")) GTEST_SKIP() << "no " << dir;
  ExtractionRun run = EvaluateExtraction(dir + "/html", dir + "/ground-truth.json");
  EXPECT_EQ(run.tally.pages(), 109u);
  // Measured 0.96+ when written; a drop below this floor means the method broke somewhere.
  EXPECT_GT(run.tally.f1(), 0.95);
  EXPECT_GT(run.tally.precision(), 0.94);
  EXPECT_GT(run.tally.recall(), 0.94);
}

}  // namespace
}  // namespace sitrep
