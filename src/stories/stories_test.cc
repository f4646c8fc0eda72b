#include "stories/stories.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "pipeline/pipeline.h"
#include "util/test_support.h"

namespace sitrep {
namespace {

Article Make(std::string text, std::string title = "", std::string date = "") {
  Document doc;
  doc.origin = "test";
  doc.container = "jsonl";
  doc.body = std::move(text);
  doc.title = std::move(title);
  doc.date = std::move(date);
  return BuildArticle(std::move(doc));
}

const char* kQuakeA1 =
    "A strong earthquake struck near the town of Aceh Besar on Tuesday, killing 12 people and "
    "injuring 40, officials in Banda Aceh said. The quake of magnitude 6.1 damaged mosques "
    "and houses in Aceh Besar, said Governor Irwandi Yusuf.";
const char* kQuakeA2 =
    "Rescuers searched collapsed houses in Aceh Besar after the magnitude 6.1 earthquake that "
    "killed 12 people. Governor Irwandi Yusuf visited the injured in Banda Aceh hospitals.";
const char* kQuakeB =
    "A strong earthquake struck near the city of Manokwari on Sunday, killing 3 people, "
    "officials in Papua said. The quake of magnitude 7.6 damaged a hotel in Manokwari, said "
    "police chief Ronny Sompie.";

TEST(StoryClusterer, SameEventJoinsLookAlikeEventDoesNot) {
  StoryClusterer c;
  const StoryAssignment a1 = c.Add(Make(kQuakeA1));
  const StoryAssignment a2 = c.Add(Make(kQuakeA2));
  const StoryAssignment b = c.Add(Make(kQuakeB));
  EXPECT_TRUE(a1.new_story);
  EXPECT_EQ(c.Resolve(a2.story), c.Resolve(a1.story));
  EXPECT_GE(a2.similarity, a2.threshold);
  EXPECT_NE(c.Resolve(b.story), c.Resolve(a1.story));
  EXPECT_EQ(c.size(), 3u);
}

// An article whose heaviest terms are all new to the collection (a list of invented
// villages) still finds the story its other terms carry: candidates are looked up only by
// terms some story has, or the new ones would take every place in the query and find none.
TEST(StoryClusterer, ArticleFullOfNewNamesStillFindsItsStory) {
  StoryClusterer c;
  const StoryAssignment a1 = c.Add(Make(kQuakeA1));
  std::string text =
      "Governor Irwandi Yusuf said the earthquake in Aceh Besar killed 12 people. Aid went to ";
  for (const char* village : {"Arvoni", "Belmora", "Corvatu", "Dunmeri", "Elsavo", "Farnuli",
                              "Gorveta", "Halbuni", "Irmasta", "Jovreli", "Kestavo", "Lorvani",
                              "Mernuta", "Norvelo", "Ostravi", "Pelnura", "Quorvani", "Rastelo",
                              "Selvuna", "Tormevi", "Ulvarno", "Vestoni", "Wormeli", "Xarvolu",
                              "Yelmora", "Zorveni"})
    text += std::string(village) + ", ";
  text += "where the quake damaged houses.";
  const StoryAssignment a2 = c.Add(Make(text));
  EXPECT_EQ(c.Resolve(a2.story), c.Resolve(a1.story)) << "similarity " << a2.similarity;
}

TEST(StoryClusterer, ExplainsAMatchWithSurfaceForms) {
  StoryClusterer c;
  c.Add(Make(kQuakeA1));
  const StoryAssignment a = c.Add(Make(kQuakeA2));
  const auto& names = a.shared_entities;
  EXPECT_NE(std::find(names.begin(), names.end(), "Aceh Besar"), names.end());
  EXPECT_LE(names.size(), 5u);
  EXPECT_FALSE(a.shared_terms.empty());
  const std::string label = c.Label(a.story);
  EXPECT_NE(label.find("Aceh"), std::string::npos) << label;
}

TEST(StoryClusterer, DeterministicForAnOrderOfArrival) {
  auto run = [] {
    StoryClusterer c;
    std::vector<StoryId> out;
    for (const char* t : {kQuakeA1, kQuakeB, kQuakeA2, kQuakeB, kQuakeA1})
      out.push_back(c.Resolve(c.Add(Make(t)).story));
    return out;
  };
  EXPECT_EQ(run(), run());
}

TEST(StoryClusterer, TimeWindowSeparatesDatedArticlesOnly) {
  StoryClusterer dated({.window_days = 7});
  const auto d1 = dated.Add(Make(kQuakeA1, "", "2020-01-01"));
  const auto d2 = dated.Add(Make(kQuakeA2, "", "2020-06-01"));
  EXPECT_NE(dated.Resolve(d1.story), dated.Resolve(d2.story));
  StoryClusterer undated({.window_days = 7});
  const auto u1 = undated.Add(Make(kQuakeA1));
  const auto u2 = undated.Add(Make(kQuakeA2, "", "2020-06-01"));
  EXPECT_EQ(undated.Resolve(u1.story), undated.Resolve(u2.story));
}

// A date guessed from the text is shown to a reader, but it does not bound the window.
TEST(StoryClusterer, InferredDatesDoNotSplitStories) {
  StoryClusterer clusterer({.window_days = 7});
  const auto a = clusterer.Add(Make(kQuakeA1, "", "2020-01-01"));
  Article guessed = Make(kQuakeA2);
  guessed.published.when = {2020, 6, 1, 0, 0, 0, std::nullopt, Precision::kDay};
  guessed.published.evidence = {"inferred", "a date the text reports"};
  const auto b = clusterer.Add(guessed);
  EXPECT_EQ(clusterer.Resolve(a.story), clusterer.Resolve(b.story));
}

TEST(StoryClusterer, MergesStoriesAnArticleBringsTogether) {
  // Two halves of one event start apart; an article carrying both joins them.
  StoryClusterer c({.threshold = 0.3, .merge_threshold = 0.3});
  const auto a = c.Add(Make("Governor Irwandi Yusuf of Aceh Besar met rescuers at the mosque."));
  const auto b = c.Add(Make("The magnitude 6.1 earthquake killed 12 people near Banda Aceh hospitals."));
  ASSERT_NE(a.story, b.story);
  const auto both = c.Add(Make(
      "Governor Irwandi Yusuf of Aceh Besar met rescuers at the mosque after the magnitude 6.1 "
      "earthquake killed 12 people near Banda Aceh hospitals."));
  ASSERT_EQ(both.merged.size(), 1u);
  EXPECT_EQ(c.Resolve(a.story), c.Resolve(b.story));
  EXPECT_EQ(c.Resolve(both.merged[0]), both.story);
}

// Two title fights of one boxer, five years apart: the rematch's articles first join the
// old story (a low threshold lets them), then a split check moves them out.
TEST(StoryClusterer, SplitsALookAlikeEventOutOfAStory) {
  const std::vector<std::string> fight2006 = {
      "Wladimir Klitschko beat Chris Byrd in Mannheim in 2006 to win the IBF heavyweight title.",
      "Chris Byrd lost the IBF heavyweight title to Wladimir Klitschko in Mannheim in April 2006.",
      "In Mannheim, Klitschko stopped Byrd in the seventh round, the 2006 title fight ended early.",
      "Byrd said after the Mannheim fight in 2006 that Klitschko was the better heavyweight.",
  };
  const std::vector<std::string> fight2011 = {
      "Wladimir Klitschko beat David Haye in Hamburg in 2011 to unify the heavyweight titles.",
      "David Haye blamed a broken toe after losing to Wladimir Klitschko in Hamburg in July 2011.",
      "In Hamburg, Klitschko outpointed Haye over twelve rounds in the 2011 heavyweight fight.",
      "Haye said after the Hamburg fight in 2011 that Klitschko had been too cautious.",
  };
  StoryClusterer c({.threshold = 0.01, .merge_threshold = 0.99});
  std::vector<std::string> moved;
  for (const auto& texts : {fight2006, fight2011})
    for (const std::string& t : texts)
      for (const auto& [id, story] : c.Add(Make(t)).moved) moved.push_back(id);
  for (size_t i = 1; i < 4; ++i) EXPECT_EQ(c.StoryOf(i), c.StoryOf(0)) << i;
  for (size_t i = 5; i < 8; ++i) EXPECT_EQ(c.StoryOf(i), c.StoryOf(4)) << i;
  EXPECT_NE(c.StoryOf(4), c.StoryOf(0));
  EXPECT_FALSE(moved.empty());
  EXPECT_EQ(c.StoryOf(8), 0u);
  // The moved articles are the rematch's, by id.
  for (const std::string& id : moved)
    EXPECT_NE(std::find_if(fight2011.begin(), fight2011.end(),
                           [&](const std::string& t) { return Make(t).id == id; }),
              fight2011.end());
}

// Two casting announcements for one role, years apart but undated in the text: the split
// check must part them on their words and secondary names (the actors) alone.
TEST(StoryClusterer, SplitsUndatedLookAlikeEvents) {
  const std::vector<std::string> first = {
      "The BBC named Matt Smith as the new Doctor Who, succeeding David Tennant in the role.",
      "Matt Smith will play the Doctor in Doctor Who, the BBC said, taking over from Tennant.",
      "Producer Steven Moffat said Matt Smith was the right choice to lead Doctor Who.",
      "Fans reacted to the BBC casting of Matt Smith as the Doctor in Doctor Who.",
  };
  const std::vector<std::string> second = {
      "Peter Capaldi, a Scottish actor known for The Thick of It, becomes the twelfth Doctor Who.",
      "Capaldi was unveiled on a live programme; Malcolm Tucker fans cheered the Glasgow actor.",
      "The Glasgow-born Capaldi said playing the Time Lord in Doctor Who was a childhood dream.",
      "Capaldi, who appeared in The Thick of It, starts filming Doctor Who in Cardiff next spring.",
  };
  StoryClusterer c({.threshold = 0.01, .merge_threshold = 0.99});
  for (const auto& texts : {first, second})
    for (const std::string& t : texts) c.Add(Make(t));
  for (size_t i = 1; i < 4; ++i) EXPECT_EQ(c.StoryOf(i), c.StoryOf(0)) << i;
  for (size_t i = 5; i < 8; ++i) EXPECT_EQ(c.StoryOf(i), c.StoryOf(4)) << i;
  EXPECT_NE(c.StoryOf(4), c.StoryOf(0));
}

// The example corpus: five reports around the Putin-Lukashenko meeting in Minsk.
TEST(StoryClusterer, MinskCorpusIsOneStory) {
  const std::string dir = std::string(SITREP_SHARED_DIR) + "/corpora/minsk-2022-12";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no " << dir;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_EQ(files.size(), 5u);
  StoryClusterer c;
  std::vector<StoryId> story;
  for (const auto& f : files) {
    Document doc;
    doc.origin = f.string();
    doc.container = "text";
    doc.body = testing::ReadShared("corpora/minsk-2022-12/" + f.filename().string());
    story.push_back(c.Add(BuildArticle(std::move(doc))).story);
  }
  for (StoryId& s : story) s = c.Resolve(s);
  EXPECT_EQ(story[1], story[0]);
  EXPECT_EQ(story[2], story[0]);
  EXPECT_EQ(story[4], story[0]);
  const std::string label = c.Label(story[0]);
  EXPECT_TRUE(label.find("Lukashenko") != std::string::npos ||
              label.find("Putin") != std::string::npos ||
              label.find("Belarus") != std::string::npos)
      << label;
  std::printf("minsk: stories %u %u %u %u %u, label '%s'\n", story[0], story[1], story[2],
              story[3], story[4], label.c_str());
}

}  // namespace
}  // namespace sitrep
