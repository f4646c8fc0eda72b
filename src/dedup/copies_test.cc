#include "dedup/copies.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "pipeline/pipeline.h"

namespace sitrep {
namespace {

// Made-up wire story, long enough that shingles mean something.
constexpr char kStory[] =
    "The harbour authority of Eastport closed the northern channel on Tuesday after a grain "
    "barge ran aground near the old lighthouse, a spokeswoman for the authority said.\n\n"
    "Tugs from two private operators tried for six hours to free the barge, which carries "
    "about 3,400 tonnes of wheat bound for the mills upriver, but the falling tide left it "
    "stuck on a sandbank.\n\n"
    "Ferry services to the islands were diverted through the southern channel, adding forty "
    "minutes to each crossing, and the authority warned that delays could last until the "
    "weekend.\n\n"
    "Inspectors found no sign of a leak and the crew of five was unhurt. The cause of the "
    "grounding is under investigation; the barge's owner declined to comment.";

// The same event told in other words: a topical neighbour, not a copy.
constexpr char kOtherStory[] =
    "A wheat barge grounded on a sandbank by the Eastport lighthouse on Tuesday, shutting "
    "the harbour's northern channel for most of the day.\n\n"
    "Island ferries took the southern route instead, and passengers faced longer trips. "
    "Nobody was injured, officials said, and no fuel escaped into the water.\n\n"
    "Local fishermen said the channel had been silting up for years and blamed the "
    "authority for postponing dredging work planned for last spring.";

Article Make(std::string text, std::string title = "", std::string date = "",
             std::string url = "") {
  Document d;
  d.origin = "test";
  d.container = "text";
  d.body = std::move(text);
  d.title = std::move(title);
  d.date = std::move(date);
  d.url = std::move(url);
  return BuildArticle(std::move(d));
}

TEST(CopyIndex, SameTextWithBoilerplateIsACopy) {
  CopyIndex index;
  const Article original = Make(kStory, "Barge blocks Eastport channel", "", "https://a.example/1");
  const Article copy = Make(std::string("Eastport Daily - Read more on our website\n\n") + kStory +
                                "\n\nFollow us on social networks for more news",
                            "Grain barge aground", "", "https://b.example/2");
  EXPECT_FALSE(index.Add(original).copy_of);
  const CopyIndex::Found found = index.Add(copy);
  ASSERT_TRUE(found.copy_of);
  EXPECT_EQ(found.copy_of->upstream, original.id);
  EXPECT_GE(found.copy_of->similarity, 0.8);
  EXPECT_LT(found.copy_of->similarity, 1.0);
  EXPECT_TRUE(found.passages.empty());  // a copy's passages are its upstream's
}

TEST(CopyIndex, IdenticalTextAtAnotherUrlIsACopy) {
  CopyIndex index;
  const Article a = Make(kStory, "One title", "", "https://a.example/x");
  const Article b = Make(kStory, "Another title", "", "https://b.example/y");
  ASSERT_NE(a.id, b.id);
  index.Add(a);
  const CopyIndex::Found found = index.Add(b);
  ASSERT_TRUE(found.copy_of);
  EXPECT_DOUBLE_EQ(found.copy_of->similarity, 1.0);
}

TEST(CopyIndex, SameTopicInOtherWordsIsNotACopy) {
  CopyIndex index;
  index.Add(Make(kStory, "", "", "https://a.example/1"));
  const CopyIndex::Found found = index.Add(Make(kOtherStory, "", "", "https://c.example/3"));
  EXPECT_FALSE(found.copy_of);
}

TEST(CopyIndex, AddingTheSameArticleTwiceIsANoOp) {
  CopyIndex index;
  const Article a = Make(kStory);
  index.Add(a);
  const CopyIndex::Found again = index.Add(a);
  EXPECT_FALSE(again.copy_of);
  EXPECT_EQ(index.size(), 1u);
}

TEST(CopyIndex, UpstreamIsTheEarliestPublished) {
  CopyIndex index;
  const Article late = Make(kStory, "", "2022-12-20", "https://late.example/1");
  const Article early = Make(kStory, "", "2022-12-19", "https://early.example/1");
  const Article later = Make(kStory, "", "2022-12-21", "https://later.example/1");
  const Article undated = Make(kStory, "", "", "https://undated.example/1");
  EXPECT_FALSE(index.Add(late).copy_of);
  // Published before the group's upstream: it becomes the upstream, and the earlier-added
  // article is relinked to it.
  const CopyIndex::Found e = index.Add(early);
  EXPECT_FALSE(e.copy_of);
  ASSERT_EQ(e.relinked.size(), 1u);
  EXPECT_EQ(e.relinked[0].copy, late.id);
  EXPECT_EQ(e.relinked[0].of.upstream, early.id);
  // Later arrivals point at the group's upstream, whichever member they matched.
  const CopyIndex::Found l = index.Add(later);
  ASSERT_TRUE(l.copy_of);
  EXPECT_EQ(l.copy_of->upstream, early.id);
  // Without a date nothing can be said about order: the first added stays upstream.
  const CopyIndex::Found u = index.Add(undated);
  ASSERT_TRUE(u.copy_of);
  EXPECT_EQ(u.copy_of->upstream, early.id);
}

TEST(CopyIndex, UndatedCopiesPointAtTheFirstAdded) {
  CopyIndex index;
  const Article first = Make(kStory, "", "", "https://first.example/1");
  const Article second = Make(kStory, "", "2022-12-19", "https://second.example/1");
  index.Add(first);
  const CopyIndex::Found found = index.Add(second);
  ASSERT_TRUE(found.copy_of);
  EXPECT_EQ(found.copy_of->upstream, first.id);
  EXPECT_TRUE(found.relinked.empty());
}

TEST(CopyIndex, ArticlesWithoutWordsAreNeverCopies) {
  CopyIndex index;
  index.Add(Make("", "", "", "https://a.example/1"));
  EXPECT_FALSE(index.Add(Make("", "", "", "https://b.example/2")).copy_of);
}

// ---- reused passages ----

// A statement quoted by two otherwise different articles, worded a little differently.
constexpr char kQuoted[] =
    "The harbour master, Ilse Varga, warned on Wednesday that the channel would stay closed "
    "until the salvage crew can lighten the barge. \"We will pump the cargo into a second "
    "vessel first, because towing a loaded hull off the sand risks breaking it apart,\" she "
    "said.\n\n"
    "Grain traders in the capital expect prices to rise if the mills run short before the "
    "channel reopens.";
constexpr char kRequoted[] =
    "Shipping agents said dozens of vessels were waiting at anchor outside Eastport.\n\n"
    "\"We are going to pump the cargo into another vessel first, since towing a loaded hull "
    "off the sand could break it apart,\" harbour master Ilse Varga told reporters.\n\n"
    "The authority has asked the navy for a second salvage team.";

TEST(CopyIndex, FindsAStatementQuotedInOtherWords) {
  CopyIndex index;
  const Article a = Make(kQuoted, "", "", "https://a.example/q");
  const Article b = Make(kRequoted, "", "", "https://b.example/q");
  EXPECT_TRUE(index.Add(a).passages.empty());
  const CopyIndex::Found found = index.Add(b);
  EXPECT_FALSE(found.copy_of);
  ASSERT_EQ(found.passages.size(), 1u);
  const ReusedPassage& p = found.passages[0];
  EXPECT_EQ(p.other, a.id);
  EXPECT_NE(b.Text(p.here).find("pump the cargo"), std::string_view::npos);
  EXPECT_NE(a.Text(p.there).find("pump the cargo"), std::string_view::npos);
  EXPECT_EQ(b.Text(p.here).find("Shipping agents"), std::string_view::npos);
  EXPECT_GT(p.similarity, 0.5);
  EXPECT_LT(p.similarity, 1.0);
}

TEST(CopyIndex, NoPassagesBetweenTopicalNeighbours) {
  CopyIndex index;
  index.Add(Make(kStory, "", "", "https://a.example/1"));
  EXPECT_TRUE(index.Add(Make(kOtherStory, "", "", "https://c.example/3")).passages.empty());
}

TEST(CopyIndex, IsDeterministic) {
  auto run = [] {
    CopyIndex index;
    std::vector<CopyIndex::Found> out;
    for (const char* t : {kStory, kOtherStory, kQuoted, kRequoted, kStory})
      out.push_back(index.Add(Make(t, "", "", "https://x.example/" + std::to_string(out.size()))));
    return out;
  };
  const auto a = run(), b = run();
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].copy_of.has_value(), b[i].copy_of.has_value());
    if (a[i].copy_of) {
      EXPECT_EQ(a[i].copy_of->upstream, b[i].copy_of->upstream);
    }
    ASSERT_EQ(a[i].passages.size(), b[i].passages.size());
    for (size_t k = 0; k < a[i].passages.size(); ++k) {
      EXPECT_EQ(a[i].passages[k].here, b[i].passages[k].here);
      EXPECT_EQ(a[i].passages[k].there, b[i].passages[k].there);
      EXPECT_EQ(a[i].passages[k].other, b[i].passages[k].other);
    }
  }
  EXPECT_TRUE(a[4].copy_of);  // the story added again at another URL
}

// ---- the example corpus ----

std::vector<Article> ExampleCorpus() {
  const std::filesystem::path dir = std::filesystem::path(SITREP_SHARED_DIR) / "corpora/minsk-2022-12";
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(dir))
    for (const auto& e : std::filesystem::directory_iterator(dir))
      if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Article> out;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    Document d;
    d.origin = f.filename().string();
    d.container = "text";
    d.body.assign(std::istreambuf_iterator<char>(in), {});
    out.push_back(BuildArticle(std::move(d)));
  }
  return out;
}

struct Found {
  std::string here, other;  // origins, "001"
  std::string here_text, there_text;
};

std::vector<Found> ExamplePassages(const std::vector<Article>& articles) {
  CopyIndex index;
  std::vector<Found> out;
  for (const Article& a : articles) {
    const CopyIndex::Found f = index.Add(a);
    EXPECT_FALSE(f.copy_of) << a.origin;
    for (const ReusedPassage& p : f.passages) {
      auto other = std::find_if(articles.begin(), articles.end(),
                                [&](const Article& b) { return b.id == p.other; });
      out.push_back({a.origin.substr(0, 3), other->origin.substr(0, 3),
                     std::string(a.Text(p.here)), std::string(other->Text(p.there))});
    }
  }
  return out;
}

TEST(CopyIndexExample, FindsTheTwoTranslatedStatementsAndNothingElse) {
  const std::vector<Article> articles = ExampleCorpus();
  if (articles.size() != 5) GTEST_SKIP() << "example corpus not found";
  const std::vector<Found> found = ExamplePassages(articles);
  ASSERT_EQ(found.size(), 2u);
  // Nayev's statement of 18 December, in 001 and 002.
  EXPECT_EQ(found[0].here, "002");
  EXPECT_EQ(found[0].other, "001");
  EXPECT_NE(found[0].here_text.find("wider involvement"), std::string::npos);
  EXPECT_NE(found[0].there_text.find("wider involvement"), std::string::npos);
  // Danilov's statement, in 001 and 004: all three of its sentences, as one passage.
  EXPECT_EQ(found[1].here, "004");
  EXPECT_EQ(found[1].other, "001");
  EXPECT_NE(found[1].here_text.find("direct intervention"), std::string::npos);
  EXPECT_NE(found[1].here_text.find("to take part in this"), std::string::npos);
  EXPECT_NE(found[1].there_text.find("direct involvement"), std::string::npos);
  EXPECT_NE(found[1].there_text.find("to take part in this"), std::string::npos);
  // Danilov's later remark, only in 004, is not part of it.
  EXPECT_EQ(found[1].here_text.find("We will see"), std::string::npos);
}

TEST(CopyIndexExample, SameSpeakerOnAnotherOccasionIsNotAPassage) {
  // Yusov in 000 (telethon) and 003 (Radio NV) makes the same point in other statements.
  const std::vector<Article> articles = ExampleCorpus();
  if (articles.size() != 5) GTEST_SKIP() << "example corpus not found";
  for (const Found& f : ExamplePassages(articles)) {
    EXPECT_FALSE(f.here == "003" && f.other == "000") << f.here_text;
    EXPECT_NE(f.other, "000") << f.here_text;  // 000's lede shares only names with the others
  }
}

}  // namespace
}  // namespace sitrep
