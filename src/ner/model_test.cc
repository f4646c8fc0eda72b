#include "ner/model.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "ner/ner.h"

namespace sitrep::ner {
namespace {

namespace fs = std::filesystem;

DocInput Doc(std::vector<std::string> words) {
  DocInput d;
  d.words = std::move(words);
  d.sentence_begin = {0};
  return d;
}

// A small model whose weights come from the features of an invented sentence, so tagging
// exercises every part that is saved.
NerModel Invented() {
  NerModel m;
  ModelParts& p = m.parts();
  p.provenance = "invented for a test";
  p.lexicon.clusters[HashBytes("Verde")] = 7 | (2 << 10) | (1 << 20);
  p.lexicon.capitalised[HashBytes("verde")] = 5;
  p.gazetteer.Add({"Port", "Verde"}, TypeOf("LOC"));
  Features f;
  auto doc = Doc({"in", "Port", "Verde", "today"});
  FirstPassFeatures(p.lexicon, p.gazetteer, doc, f);
  std::vector<std::pair<uint64_t, WeightTable::Row>> rows;
  const int want[] = {0, MakeLabel(TypeOf("LOC"), 0), MakeLabel(TypeOf("LOC"), 2), 0};
  for (size_t i = 0; i < 4; ++i)
    for (uint32_t k = f.offsets[i]; k < f.offsets[i + 1]; ++k) {
      WeightTable::Row w{};
      for (int pass = 0; pass < 2; ++pass) {
        w[pass * WeightTable::kSecond + want[i]] = 0.5f + 0.01f * float(k % 7);
        w[pass * WeightTable::kSecond + (want[i] + 1) % kLabels] = -0.25f;
      }
      rows.push_back({f.hashes[k], w});
    }
  p.weights.Build(rows);
  p.transitions[0][0][1] = 0.125f;
  return m;
}

TEST(NerModel, SaveLoadRoundTrip) {
  NerModel m = Invented();
  fs::path path = fs::temp_directory_path() / ("ner-model-test-" + std::to_string(getpid()));
  m.Save(path.string());
  NerModel back = NerModel::Load(path.string());
  fs::remove(path);
  const ModelParts &a = m.parts(), &b = back.parts();
  EXPECT_EQ(b.provenance, a.provenance);
  EXPECT_EQ(b.lexicon.clusters.size(), 1u);
  EXPECT_EQ(*b.lexicon.capitalised.Find(HashBytes("verde")), 5);
  EXPECT_EQ(b.gazetteer.size(), a.gazetteer.size());
  const int loc = TypeOf("LOC"), any_loc = 1 << (8 + loc);
  EXPECT_EQ(b.gazetteer.Parts(HashBytes("Port")), (1 << (2 * loc)) | any_loc);
  EXPECT_EQ(b.gazetteer.Parts(HashBytes("Verde")), (1 << (2 * loc + 1)) | any_loc);
  EXPECT_EQ(b.gazetteer.Parts(HashBytes("in")), 0);
  EXPECT_EQ(b.weights.size(), a.weights.size());
  EXPECT_FLOAT_EQ(b.transitions[0][0][1], 0.125f);
  // Every weight row scores nearly the same after the trip (stored as int8 times a scale).
  for (auto& [hash, w] : a.weights.Rows()) {
    int32_t sa[WeightTable::kWidth] = {}, sb[WeightTable::kWidth] = {};
    a.weights.Add({hash}, {0, 1}, sa);
    b.weights.Add({hash}, {0, 1}, sb);
    for (int l = 0; l < WeightTable::kWidth; ++l)
      EXPECT_NEAR(sa[l] * a.weights.scale(l >= WeightTable::kSecond),
                  sb[l] * b.weights.scale(l >= WeightTable::kSecond), 0.56f / 127);
  }
  std::vector<uint8_t> la, lb;
  auto doc = Doc({"in", "Port", "Verde", "today"});
  TagDocument(a, doc, la);
  TagDocument(b, doc, lb);
  EXPECT_EQ(la, lb);
  EXPECT_EQ(lb[1], MakeLabel(TypeOf("LOC"), 0));
  EXPECT_EQ(lb[2], MakeLabel(TypeOf("LOC"), 2));
}

TEST(NerModel, MissingOrBrokenFileNamesTheFile) {
  try {
    NerModel::Load("/nonexistent/ner.model");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/ner.model"), std::string::npos);
  }
  fs::path path = fs::temp_directory_path() / ("ner-model-bad-" + std::to_string(getpid()));
  std::ofstream(path) << "not a model";
  EXPECT_THROW(NerModel::Load(path.string()), std::runtime_error);
  std::string good = Serialise(Invented().parts());
  std::ofstream(path, std::ios::binary) << good.substr(0, good.size() / 2);
  EXPECT_THROW(NerModel::Load(path.string()), std::runtime_error);
  fs::remove(path);
}

TEST(NerWeights, AddSumsEveryLabelOfBothPassesOfTheKnownFeatures) {
  // Each label of each pass a different weight, so a label stored in the wrong place shows.
  std::vector<std::pair<uint64_t, WeightTable::Row>> rows;
  for (uint64_t key : {11u, 22u}) {
    WeightTable::Row w{};
    for (int pass = 0; pass < 2; ++pass)
      for (int l = 0; l < kLabels; ++l)
        w[pass * WeightTable::kSecond + l] = float(key) + 100.0f * pass + float(l) - 8.0f;
    rows.push_back({key, w});
  }
  WeightTable t;
  t.Build(rows);
  // Token 0: both features and an unknown one; token 1: nothing known; token 2: one feature.
  std::vector<int32_t> sums(3 * WeightTable::kWidth, 0);
  sums[2 * WeightTable::kWidth + WeightTable::kSecond + kLabels - 1] = 1000;  // added onto
  t.Add({11, 22, 33, 44, 22}, {0, 3, 4, 5}, sums.data());
  for (int pass = 0; pass < 2; ++pass)
    for (int l = 0; l < kLabels; ++l) {
      const int at = pass * WeightTable::kSecond + l;
      const float scale = t.scale(pass);
      EXPECT_NEAR(sums[at] * scale, rows[0].second[at] + rows[1].second[at], 2 * scale) << at;
      EXPECT_EQ(sums[WeightTable::kWidth + at], 0) << at;
      const int32_t before = at == WeightTable::kSecond + kLabels - 1 ? 1000 : 0;
      EXPECT_NEAR((sums[2 * WeightTable::kWidth + at] - before) * scale, rows[1].second[at], scale) << at;
    }
  auto back = t.Rows();
  ASSERT_EQ(back.size(), 2u);
  for (auto& [key, w] : back)
    for (int l = 0; l < WeightTable::kWidth; ++l)
      EXPECT_NEAR(w[l], rows[key == 11 ? 0 : 1].second[l], t.scale(l >= WeightTable::kSecond)) << l;
}

TEST(NerViterbi, KeepsBilouWellFormed) {
  // Emissions that alone would say I-PER, I-PER: the decoder must open and close the name.
  std::vector<float> e(2 * kLabels, 0.0f);
  const int b = MakeLabel(0, 0), in = MakeLabel(0, 1), l = MakeLabel(0, 2);
  e[in] = 5, e[kLabels + in] = 5, e[b] = 1, e[kLabels + l] = 1;
  float t[kLabels][kLabels] = {};
  uint8_t out[2];
  Viterbi(e.data(), kLabels, 2, t, out);
  EXPECT_EQ(out[0], b);
  EXPECT_EQ(out[1], l);
  EXPECT_FALSE(Allowed(-1, in));
  EXPECT_FALSE(Allowed(b, 0));
  EXPECT_TRUE(Allowed(l, MakeLabel(1, 3)));
}

}  // namespace
}  // namespace sitrep::ner
