#include "ner/features.h"

#include <gtest/gtest.h>

#include "ner/train.h"

namespace sitrep::ner {
namespace {

DocInput Doc(std::vector<std::vector<std::string>> sentences) {
  DocInput d;
  for (auto& s : sentences) {
    d.sentence_begin.push_back(uint32_t(d.words.size()));
    for (auto& w : s) d.words.push_back(w);
  }
  return d;
}

std::vector<uint64_t> Of(const Features& f, size_t token) {
  return {f.hashes.begin() + f.offsets[token], f.hashes.begin() + f.offsets[token + 1]};
}

TEST(NerFeatures, NormaliseMakesTypographyAscii) {
  EXPECT_EQ(NormaliseWord("\xE2\x80\x9C"), "\"");       // “
  EXPECT_EQ(NormaliseWord("\xE2\x80\x99s"), "'s");      // ’s
  EXPECT_EQ(NormaliseWord("\xE2\x80\x94"), "-");        // —
  EXPECT_EQ(NormaliseWord("Zo\xC3\xAB"), "Zo\xC3\xAB");  // letters untouched
}

TEST(NerFeatures, SameContextSameFeaturesAndNeighboursMatter) {
  Lexicon lexicon;
  Gazetteer gazetteer;
  Features a, b, c;
  FirstPassFeatures(lexicon, gazetteer, Doc({{"Mayor", "Petrenko", "spoke"}}), a);
  FirstPassFeatures(lexicon, gazetteer, Doc({{"Mayor", "Petrenko", "spoke"}}), b);
  FirstPassFeatures(lexicon, gazetteer, Doc({{"Mayor", "Petrenko", "left"}}), c);
  ASSERT_EQ(a.tokens(), 3u);
  EXPECT_EQ(a.hashes, b.hashes);
  EXPECT_NE(Of(a, 1), Of(c, 1));  // the next word is a feature of "Petrenko"
}

TEST(NerFeatures, ClustersAndGazetteerReachTheFeatures) {
  Lexicon lexicon;
  Gazetteer gazetteer;
  Features plain, with_cluster, with_name;
  auto doc = Doc({{"in", "Port", "Verde", "today"}});
  FirstPassFeatures(lexicon, gazetteer, doc, plain);
  lexicon.clusters[HashBytes("Verde")] = 5 | (3 << 10) | (2 << 20);
  FirstPassFeatures(lexicon, gazetteer, doc, with_cluster);
  EXPECT_NE(Of(plain, 2), Of(with_cluster, 2));
  gazetteer.Add({"Port", "Verde"}, TypeOf("LOC"));
  FirstPassFeatures(lexicon, gazetteer, doc, with_name);
  EXPECT_NE(Of(with_cluster, 1), Of(with_name, 1));
  EXPECT_EQ(Of(with_cluster, 0).size(), Of(with_name, 0).size());
}

TEST(NerFeatures, GazetteerMarksLongestMatchBilou) {
  Gazetteer g;
  g.Add({"Port", "Verde"}, TypeOf("LOC"));
  g.Add({"Verde"}, TypeOf("LOC"));
  g.Add({"Verde"}, TypeOf("PER"));
  std::vector<uint64_t> words;
  for (const char* w : {"in", "Port", "Verde", "Verde"}) words.push_back(HashBytes(w));
  std::vector<uint16_t> codes;
  g.Match(words, 0, words.size(), codes);
  const int loc = 3 * TypeOf("LOC"), per = 3 * TypeOf("PER");
  EXPECT_EQ(codes[0], 0);
  EXPECT_EQ((codes[1] >> loc) & 7, 1);  // B
  EXPECT_EQ((codes[2] >> loc) & 7, 3);  // L
  EXPECT_EQ((codes[2] >> per) & 7, 4);  // U: the PER list has "Verde" alone
  EXPECT_EQ((codes[3] >> loc) & 7, 4);
}

TEST(NerFeatures, GazetteerByWordRolesFindsWhatEveryLookupFinds) {
  // Names of several lengths and types, sharing words; with the words' roles the runs no
  // name could be are not looked up, and the codes must be the same as without.
  Gazetteer g;
  g.Add({"Port", "Verde"}, TypeOf("LOC"));
  g.Add({"Port", "Verde", "Harbour", "Authority"}, TypeOf("ORG"));
  g.Add({"Verde"}, TypeOf("PER"));
  g.Add({"Anna", "Verde"}, TypeOf("PER"));
  g.Add({"Harbour", "Authority", "Verde"}, TypeOf("MISC"));
  g.Add({"New", "Port"}, TypeOf("LOC"));
  std::vector<uint64_t> words;
  for (const char* w : {"the", "Port", "Verde", "Harbour", "Authority", "Verde", "and", "Anna", "Verde",
                        "New", "Port", "Verde", "Harbour", "Authority", "Port"})
    words.push_back(HashBytes(w));
  std::vector<uint16_t> parts;
  for (uint64_t w : words) parts.push_back(g.Parts(w));
  std::vector<uint16_t> every, by_roles;
  for (size_t b = 0; b < words.size(); b += 5) {
    const size_t e = std::min(words.size(), b + 9);
    g.Match(words, b, e, every);
    g.Match(words, b, e, by_roles, parts.data() + b);
    EXPECT_EQ(every, by_roles) << b;
  }
  g.Match(words, 0, words.size(), by_roles, parts.data());
  const int org = 3 * TypeOf("ORG"), misc = 3 * TypeOf("MISC");
  EXPECT_EQ((by_roles[1] >> org) & 7, 1);  // "Port Verde Harbour Authority" from B
  EXPECT_EQ((by_roles[4] >> org) & 7, 3);  // to L
  EXPECT_EQ((by_roles[3] >> misc) & 7, 1);  // "Harbour Authority Verde" from B
  EXPECT_EQ((by_roles[5] >> misc) & 7, 3);  // to L
  EXPECT_EQ((by_roles[12] >> misc) & 7, 0);  // "Harbour Authority Port" is none
}

TEST(NerFeatures, SecondPassSeesTheSameWordElsewhere) {
  Features first, agree, differ;
  auto doc = Doc({{"Dana", "Orlova", "arrived"}, {"Orlova", "spoke"}});
  FirstPassFeatures({}, {}, doc, first);
  const uint8_t per_b = MakeLabel(TypeOf("PER"), 0), per_l = MakeLabel(TypeOf("PER"), 2);
  const uint8_t org_u = MakeLabel(TypeOf("ORG"), 3);
  SecondPassFeatures(doc, {per_b, per_l, 0, 0, 0}, agree);
  SecondPassFeatures(doc, {per_b, per_l, 0, org_u, 0}, differ);
  EXPECT_EQ(agree.tokens(), 5u);
  EXPECT_GT(Of(agree, 3).size(), 0u);
  // The first "Orlova" hears about the second: O in one run, ORG in the other.
  EXPECT_NE(Of(agree, 1), Of(differ, 1));
}

TEST(NerFeatures, ConllTokensCutAsCoNLLDoes) {
  EXPECT_EQ(ConllTokens("\"The U.S. firm's shares,\" he said (in Oslo)."),
            (std::vector<std::string>{"\"", "The", "U.S.", "firm", "'s", "shares", ",", "\"", "he",
                                      "said", "(", "in", "Oslo", ")", "."}));
  EXPECT_EQ(ConllTokens("Acme Corp. didn't"), (std::vector<std::string>{"Acme", "Corp.", "did", "n't"}));
}

}  // namespace
}  // namespace sitrep::ner
