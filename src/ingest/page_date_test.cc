#include "ingest/page_date.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "ingest/page_date_eval.h"
#include "ingest/page_date_scan.h"
#include "ingest/page_date_text.h"

namespace sitrep {
namespace {

struct Dated {
  std::string day, source;
};

Dated Date(const std::string& html, std::string_view url = "") {
  GumboOutput* doc = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  PublicationTime t = FindPageDate(doc->root, url);
  gumbo_destroy_output(&kGumboDefaultOptions, doc);
  std::string day = t.when.known() ? t.when.Iso().substr(0, 10) : "";
  return {day, t.evidence.source};
}

TEST(FindPageDate, OpenGraphBeatsModified) {
  auto d = Date(R"(<html><head>
      <meta property="article:modified_time" content="2022-12-21T10:00:00+02:00">
      <meta property="article:published_time" content="2022-12-19T21:40:00+02:00">
      </head><body><p>Text</p></body></html>)");
  EXPECT_EQ(d.day, "2022-12-19");
  EXPECT_EQ(d.source, "og");
}

TEST(FindPageDate, JsonLdArticle) {
  auto d = Date(R"(<script type="application/ld+json">
      {"@context":"https://schema.org","@graph":[
        {"@type":"ImageObject","uploadDate":"2020-01-01"},
        {"@type":"NewsArticle","datePublished":"2022-12-19T21:40:00+02:00",
         "dateModified":"2022-12-20T08:00:00+02:00"}]}</script><p>x</p>)");
  EXPECT_EQ(d.day, "2022-12-19");
  EXPECT_EQ(d.source, "json-ld");
}

TEST(FindPageDate, BrokenJsonLdStillRead) {
  auto d = Date(R"(<script type="application/ld+json">{"@type":"NewsArticle",
      "headline":"A "quoted" mess", "datePublished": "2021-03-04T05:06:07Z",}</script>)");
  EXPECT_EQ(d.day, "2021-03-04");
}

TEST(FindPageDate, TimeElementAndMicrodata) {
  EXPECT_EQ(Date(R"(<article><time datetime="2019-07-07" pubdate>7 July</time></article>)").day,
            "2019-07-07");
  EXPECT_EQ(Date(R"(<span itemprop="datePublished" content="2018-06-05T08:00:00-07:00">x</span>)")
                .day,
            "2018-06-05");
  EXPECT_EQ(Date(R"(<span property="dc:date dc:created" content="2019-07-07T18:44:31+02:00">)")
                .day,
            "2019-07-07");
}

TEST(FindPageDate, UrlDate) {
  auto d = Date("<p>Nothing here</p>", "https://example.org/2022/12/19/some-story/");
  EXPECT_EQ(d.day, "2022-12-19");
  EXPECT_EQ(d.source, "url");
  // A URL date beats metadata that is much older (a template's stale date).
  EXPECT_EQ(Date(R"(<time class="entry-date published" datetime="2009-04-11">x</time>)",
                 "https://example.org/2019/10/22/story/")
                .day,
            "2019-10-22");
}

TEST(FindPageDate, TextDatesInManyLanguages) {
  EXPECT_EQ(Date(R"(<div class="byline">Опубліковано 19 грудня 2022, 21:40</div>)").day,
            "2022-12-19");
  EXPECT_EQ(Date(R"(<p class="meta">Veröffentlicht am 5. Juni 2015</p>)").day, "2015-06-05");
  EXPECT_EQ(Date(R"(<p>Mise en ligne 23 mai 2019</p>)").day, "2019-05-23");
  EXPECT_EQ(Date(R"(<p>تم نشره الجمعة 24 نيسان / أبريل 2020</p>)").day, "2020-04-24");
}

TEST(FindPageDate, PublishedLabelBeatsUpdated) {
  auto d = Date(R"(<div class="date">Updated: 20.12.2022</div>
                   <div class="date">Published: 19.12.2022</div>)");
  EXPECT_EQ(d.day, "2022-12-19");
}

TEST(FindPageDate, CommentsAndSidebarsIgnored) {
  auto d = Date(R"(<body class="single comments-open">
      <div class="sidebar"><span class="date">01.01.2020</span></div>
      <article><p class="date">19.12.2022</p></article>
      <div id="comments"><time class="published" datetime="2023-01-05">x</time></div></body>)");
  EXPECT_EQ(d.day, "2022-12-19");
}

TEST(FindPageDate, ImplausibleDatesRefused) {
  EXPECT_EQ(Date(R"(<meta name="date" content="1887-05-01"><p>x</p>)").day, "");
  EXPECT_EQ(Date(R"(<meta name="date" content="2999-05-01"><p>x</p>)").day, "");
}

TEST(FindPageDate, GarbageNeverCrashes) {
  EXPECT_EQ(Date("").day, "");
  EXPECT_EQ(Date("<<<>>>\xff\xfe<meta content>").day, "");
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div class=date>";  // gumbo is quadratic here
  deep += "19.12.2022";
  EXPECT_EQ(Date(deep).day, "2022-12-19");
  std::string huge(4 << 20, 'x');
  for (size_t i = 0; i < huge.size(); i += 97) huge[i] = ' ';
  EXPECT_EQ(Date("<p>" + huge + "</p>").day, "");
  EXPECT_EQ(Date(R"(<script type="application/ld+json">[[[[[[[[[[[[[[[[[[[[[[[[[[</script>)").day,
            "");
}

TEST(FindPageDate, SpacedNumericDates) {
  // Thin spaces (U+2009) and no-break spaces (U+00A0) inside a dotted date.
  EXPECT_EQ(Date("<div class=\"publish-date\">Von Redaktion 4.\u2009" "2.\u2009" "2022.</div>").day,
            "2022-02-04");
  EXPECT_EQ(Date("<p class=\"date\">19.\u00a0" "12.\u00a0" "2022</p>").day, "2022-12-19");
  EXPECT_EQ(Date("<p>Posted 7\u00a0March\u00a0" "2021</p>").day, "2021-03-07");
}

TEST(FindPageDate, ReadersClockAndMemberDatesIgnored) {
  auto d = Date(R"(<p class="time">Current time: 14.10.2020, 12:18</p>
      <div class="post"><dl><dd>Joined: 18.09.2008</dd></dl>
      <p>by admin &raquo; 21.01.2009, 05:42</p></div>)");
  EXPECT_EQ(d.day, "2009-01-21");
  EXPECT_EQ(Date(R"(<div id="clock">Thursday, 16 February 2012</div>
      <div class="box"><span>14 February 2012</span></div>)").day,
            "2012-02-14");
  EXPECT_EQ(Date(R"(<span class="user-joindate" title="20 Mar 2007">Joined</span>
      <p>Posted 11 Jul 2020</p>)").day,
            "2020-07-11");
}

TEST(TextDates, Labels) {
  auto labels = [](std::string_view text) {
    std::string out;
    for (const auto& d : page_date::FindTextDates(text, {}, 10)) {
      out += "npmo"[static_cast<int>(d.label)];
    }
    return out;
  };
  // "Update:" ends where "date:" does; the longer label is meant.
  EXPECT_EQ(labels("Update: 20.12.2022"), "m");
  EXPECT_EQ(labels("Date: 20.12.2022"), "p");
  EXPECT_EQ(labels("Published 1.2.2020, updated 3.4.2021"), "pm");
  // A label ends at the next date.
  EXPECT_EQ(labels("Joined: 18.09.2008 by admin 21.01.2009"), "on");
  EXPECT_EQ(labels("It is currently Wed Oct 14, 2020 12:18 pm"), "o");
}

TEST(FindPageDate, ImagePathDatesTheUndatedPage) {
  auto d = Date(R"(<meta property="og:image" content="https://a.org/files/2016/05/04/cover.png">
      <p>Annual report</p>)");
  EXPECT_EQ(d.day, "2016-05-04");
  EXPECT_EQ(d.source, "image");
  // Month-only upload folders date nothing; the text's date stands over a picture's.
  EXPECT_EQ(Date(R"(<img src="/uploads/2017/05/a.jpg"><p>x</p>)").day, "");
  EXPECT_EQ(Date(R"(<p>Text of 19.12.2022</p><img src="/files/2015/01/02/a.jpg">)").day,
            "2022-12-19");
}

TEST(FindPageDate, AmbiguousMetadataReadTheWayThePageConfirms) {
  auto d = Date(R"(<html lang="de"><meta name="date" content="11/01/2023 12:43:42">
      <p>Text</p><p>Erstellt am: 01.11.2023</p></html>)");
  EXPECT_EQ(d.day, "2023-11-01");
  // Unconfirmed, the page language's order stands.
  EXPECT_EQ(Date(R"(<html lang="de"><meta name="date" content="11/01/2023"><p>x</p></html>)").day,
            "2023-01-11");
}

TEST(FindPageDate, DrupalSubmittedByline) {
  auto d = Date(R"(<p>Wir fahren am 23.-26.8.2017 hin.</p>
      <div class="submitted">Submitted by <span>rasos</span> on 24 July 2017 - 18:55</div>)");
  EXPECT_EQ(d.day, "2017-07-24");
}

TEST(UrlDate, Shapes) {
  auto iso = [](std::string_view url) {
    auto d = page_date::UrlDate(url);
    return d ? d->Iso() : "none";
  };
  EXPECT_EQ(iso("https://a.org/2022/12/19/x"), "2022-12-19");
  EXPECT_EQ(iso("https://a.org/news/2022-12-19-x.html"), "2022-12-19");
  EXPECT_EQ(iso("https://a.org/x-20221219.html"), "2022-12-19");
  EXPECT_EQ(iso("https://a.org/meldungen/29-10-2021"), "2021-10-29");
  EXPECT_EQ(iso("https://a.org/2022/12/x"), "2022-12");
  EXPECT_EQ(iso("https://a.org/story/123456789"), "none");
}

// htmldate's evaluation pages: reports the figures and guards against regressions (the
// eval command prints the same figures; the target there is 0.92).
TEST(FindPageDate, HtmldateEvaluationSet) {
  const std::string gold = SITREP_SHARED_DIR "/data/dates/gold.jsonl";
  if (!std::filesystem::exists(gold)) GTEST_SKIP() << "no shared data";
  auto ev = page_date::EvaluatePageDates(page_date::LoadGoldPages(gold));
  double accuracy = double(ev.correct) / ev.pages;
  std::printf("dates: %zu pages, accuracy %.4f, found %.4f\n", ev.pages, accuracy,
              double(ev.found) / ev.pages);
  EXPECT_GE(accuracy, 0.91);
}

TEST(FindPageDate, IgnoresTheDayInTheSiteBanner) {
  auto d = Date(R"(<html><body><header role="banner"><span class="date">Monday 5 August 2019</span>
    </header><article><p>Words of the story, written long before.</p>
    <p class="date">27 June 2019</p></article></body></html>)");
  EXPECT_EQ(d.day, "2019-06-27");
}

}  // namespace
}  // namespace sitrep
