#include "store/layers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace sitrep {
namespace {

Article WithLayers() {
  Article a;
  a.mentions.push_back({{0, 9}, EntityType::kPerson, "ana marek"});
  a.mentions.push_back({{20, 31}, EntityType::kPlace, "Ñuñoa \"Süd\"\\x"});
  Attribution at;
  at.content = {40, 80};
  at.source = {0, 9};
  at.cue = {10, 14};
  at.speaker = "ana marek";
  at.venue = "Radio\tHarbour\n\x01\x1f/";
  at.relays = {"harbourtimes.org", "Вести"};
  at.direct = true;
  a.attributions.push_back(at);
  a.attributions.push_back({});
  a.times.push_back({{50, 56}, "DATE", "2022-12-19", "START", Tense::kFuture});
  return a;
}

// The store's text is what nlohmann would write for the same document: parsing it and
// writing it again changes nothing (sorted keys, no spaces, the same escapes).
TEST(Layers, WrittenAsNlohmannWouldWriteThem) {
  const std::string text = LayersToJson(WithLayers());
  EXPECT_EQ(nlohmann::json::parse(text).dump(), text);
  EXPECT_NE(text.find("\\u0001\\u001f/"), std::string::npos);
  EXPECT_NE(text.find("\"direct\":true"), std::string::npos);
}

TEST(Layers, RoundTrip) {
  const Article a = WithLayers();
  Article back;
  LayersFromJson(LayersToJson(a), back);
  ASSERT_EQ(back.mentions.size(), 2u);
  EXPECT_EQ(back.mentions[1].entity, a.mentions[1].entity);
  EXPECT_EQ(back.mentions[1].type, EntityType::kPlace);
  ASSERT_EQ(back.attributions.size(), 2u);
  EXPECT_EQ(back.attributions[0].venue, a.attributions[0].venue);
  EXPECT_EQ(back.attributions[0].relays, a.attributions[0].relays);
  EXPECT_TRUE(back.attributions[0].direct);
  EXPECT_FALSE(back.attributions[1].direct);
  ASSERT_EQ(back.times.size(), 1u);
  EXPECT_EQ(back.times[0].mod, "START");
  EXPECT_EQ(back.times[0].tense, Tense::kFuture);
  EXPECT_EQ(LayersToJson(Article{}), "{}");
}

// A string that is not UTF-8 is refused as it always was (nlohmann's dump throws).
TEST(Layers, MalformedUtf8IsRefusedAsBefore) {
  for (const char* bad : {"\xff", "a\xc3", "\xe0\x80\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80"}) {
    Article a;
    a.mentions.push_back({{0, 1}, EntityType::kMisc, bad});
    EXPECT_THROW(LayersToJson(a), nlohmann::json::exception) << bad;
  }
}

}  // namespace
}  // namespace sitrep
