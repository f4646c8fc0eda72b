// The committed model on our own tokens (Segment's, not CoNLL's): typographic quotes,
// possessives split off, abbreviations with their periods.
#include "ner/ner.h"

#include <gtest/gtest.h>

#include "text/segment.h"

namespace sitrep::ner {
namespace {

Article Make(const std::string& text) {
  Article a;
  a.text = text;
  a.paragraphs = {{0, uint32_t(text.size())}};
  Segment(a);
  return a;
}

std::string Found(const Article& a, EntityType type) {
  std::string out;
  for (const auto& m : a.mentions)
    if (m.type == type) out += "[" + std::string(a.Text(m.span)) + "]";
  return out;
}

TEST(TagMentions, InventedStoryOnOurTokens) {
  static const NerModel model = NerModel::Load(DefaultModelPath());
  Article a = Make(
      "\xE2\x80\x9CWe will rebuild the bridge,\xE2\x80\x9D Mayor Olena Dovzhenko told reporters in "
      "Lviv on Tuesday. Dovzhenko\xE2\x80\x99s office said the U.S. Agency for International "
      "Development would pay for it.");
  TagMentions(model, a);
  std::string tokens;
  for (const Span& t : a.tokens) tokens += "|" + std::string(a.Text(t));
  // The name after the closing quote, and the bare name before the split-off "’s". (A
  // capitalised title before a name may be taken in: the model reads "[Mayor Olena
  // Dovzhenko]" here, as CoNLL's training text seldom capitalises titles; tolerated.)
  const std::string persons = Found(a, EntityType::kPerson);
  EXPECT_TRUE(persons.starts_with("[Olena Dovzhenko]") || persons.starts_with("[Mayor Olena Dovzhenko]"))
      << persons << tokens;
  EXPECT_TRUE(persons.ends_with("][Dovzhenko]")) << persons;
  EXPECT_EQ(Found(a, EntityType::kPlace), "[Lviv]");
  EXPECT_NE(Found(a, EntityType::kOrganisation).find("Agency for International Development"),
            std::string::npos)
      << Found(a, EntityType::kOrganisation);
  for (const auto& m : a.mentions) {
    std::string_view t = a.Text(m.span);
    EXPECT_EQ(t.find("\xE2\x80\x99"), std::string::npos) << t;  // no possessive inside a name
    EXPECT_EQ(t.find("\xE2\x80\x9C"), std::string::npos) << t;
  }
}

TEST(TagMentions, EmptyArticleHasNoMentions) {
  static const NerModel model = NerModel::Load(DefaultModelPath());
  Article a = Make("");
  a.mentions.push_back({});
  TagMentions(model, a);
  EXPECT_TRUE(a.mentions.empty());
}

}  // namespace
}  // namespace sitrep::ner
