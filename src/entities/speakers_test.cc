#include "entities/speakers.h"

#include <gtest/gtest.h>

#include <string>

namespace sitrep {
namespace {

Span Find(const std::string& text, std::string_view words) {
  const size_t at = text.find(words);
  return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + words.size())};
}

// One article, its mentions as a tagger would leave them, and one attribution to `source`.
Article Reported(std::string text, std::string_view source,
                 std::vector<std::pair<std::string_view, EntityType>> mentions) {
  Article a;
  a.id = "a1";
  a.text = std::move(text);
  for (auto [surface, type] : mentions) a.mentions.push_back({Find(a.text, surface), type, ""});
  Attribution at;
  at.source = Find(a.text, source);
  at.speaker = std::string(source);
  a.attributions.push_back(at);
  return a;
}

TEST(Speakers, APeoplesNameBeforeTheNounThatSpeaksIsNotTheSpeaker) {
  std::vector<Article> story = {Reported("The Veloran underground reported that the rail depot burned.",
                                         "The Veloran underground", {{"Veloran", EntityType::kMisc}})};
  ResolveStory(story);
  EXPECT_EQ(story[0].attributions[0].speaker, "The Veloran underground");
}

TEST(Speakers, ABodyInTheSourceIsTheSpeaker) {
  std::vector<Article> story = {Reported("Analysts of the Kelby Port Authority said the quay is safe.",
                                         "Analysts of the Kelby Port Authority",
                                         {{"Kelby Port Authority", EntityType::kOrganisation}})};
  ResolveStory(story);
  EXPECT_EQ(story[0].attributions[0].speaker, "Kelby Port Authority");
}

TEST(Speakers, APlaceAsTheWholeSourceSpeaksForItsGovernment) {
  std::vector<Article> story = {Reported("Veloria said the border stays open.", "Veloria",
                                         {{"Veloria", EntityType::kPlace}})};
  ResolveStory(story);
  EXPECT_EQ(story[0].attributions[0].speaker, "Veloria");
}

}  // namespace
}  // namespace sitrep
