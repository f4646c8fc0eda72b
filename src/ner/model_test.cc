#include "ner/model.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>

#include "ner/key_map.h"
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

TEST(NerWeights, Avx2AndSse2SumsAgree) {
  // Many rows of weights of both signs, tokens of a few features each (some unknown): the
  // AVX2 sums (where the CPU has them) and the SSE2 ones must be the same integers.
  std::vector<std::pair<uint64_t, WeightTable::Row>> rows;
  uint64_t x = 12345;
  auto next = [&] { return x = x * 6364136223846793005ULL + 1442695040888963407ULL; };
  for (uint64_t key = 1; key <= 500; ++key) {
    WeightTable::Row w{};
    for (int l = 0; l < WeightTable::kWidth; ++l) w[l] = float(int64_t(next() >> 40) - (1 << 23)) / 1000.0f;
    rows.push_back({key, w});
  }
  WeightTable t;
  t.Build(rows);
  std::vector<uint64_t> hashes;
  std::vector<uint32_t> offsets{0};
  for (int token = 0; token < 200; ++token) {
    for (uint64_t f = next() % 7; f > 0; --f) hashes.push_back(next() % 600 + 1);
    offsets.push_back(uint32_t(hashes.size()));
  }
  std::vector<int32_t> plain(200 * WeightTable::kWidth, 7), wide = plain;
  WeightTable::AllowAvx2(false);
  t.Add(hashes, offsets, plain.data());
  WeightTable::AllowAvx2(true);
  t.Add(hashes, offsets, wide.data());
  EXPECT_EQ(plain, wide);
  EXPECT_NE(plain, std::vector<int32_t>(200 * WeightTable::kWidth, 7));
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

// The decoder the plain way: every allowed pair, predecessors in ascending order, a strictly
// better score replacing the best.
std::vector<uint8_t> PlainViterbi(const std::vector<float>& e, size_t n, const float (*t)[kLabels]) {
  constexpr float kNo = -std::numeric_limits<float>::infinity();
  std::vector<float> score(n * kLabels);
  std::vector<uint8_t> back(n * kLabels), out(n);
  for (int l = 0; l < kLabels; ++l) score[l] = Allowed(-1, l) ? e[l] : kNo;
  for (size_t i = 1; i < n; ++i)
    for (int c = 0; c < kLabels; ++c) {
      float best = kNo;
      int arg = 0;
      for (int p = 0; p < kLabels; ++p) {
        if (!Allowed(p, c)) continue;
        const float s = score[(i - 1) * kLabels + p] + t[p][c];
        if (s > best) best = s, arg = p;
      }
      score[i * kLabels + c] = best + e[i * kLabels + c];
      back[i * kLabels + c] = uint8_t(arg);
    }
  float best = kNo;
  int arg = 0;
  for (int l = 0; l < kLabels; ++l) {
    const bool closes = l == 0 || LabelPos(l) == 2 || LabelPos(l) == 3;
    if (closes && score[(n - 1) * kLabels + l] > best) best = score[(n - 1) * kLabels + l], arg = l;
  }
  for (size_t i = n; i-- > 0;) {
    out[i] = uint8_t(arg);
    arg = back[i * kLabels + arg];
  }
  return out;
}

TEST(NerViterbi, AgreesWithThePlainDecoderTiesIncluded) {
  // Random scores, and scores drawn from a few values so that ties are common.
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    const bool ties = round % 2;
    std::uniform_real_distribution<float> real(-3, 3);
    std::uniform_int_distribution<int> few(-2, 2);
    auto draw = [&] { return ties ? float(few(rng)) : real(rng); };
    const size_t n = 1 + round % 13;
    std::vector<float> e(n * kLabels);
    for (float& x : e) x = draw();
    float t[kLabels][kLabels];
    for (auto& row : t)
      for (float& x : row) x = draw();
    std::vector<uint8_t> got(n);
    Viterbi(e.data(), kLabels, n, t, got.data());
    EXPECT_EQ(got, PlainViterbi(e, n, t)) << "round " << round;
  }
}

TEST(NerWeights, RoundsAsLroundDoes) {
  // Weights at every quarter of the scale: halves round away from zero, as std::lround does.
  std::vector<std::pair<uint64_t, WeightTable::Row>> rows;
  WeightTable::Row top{};
  top[0] = 32767, top[WeightTable::kSecond] = 32767;  // scale 1 in both passes
  rows.push_back({1, top});
  for (uint64_t key = 2; key < 40; ++key) {
    WeightTable::Row w{};
    for (int l = 0; l < WeightTable::kWidth; ++l) w[l] = (float(key * 36 + l) - 700.0f) / 4.0f;
    rows.push_back({key, w});
  }
  WeightTable t;
  t.Build(rows);
  ASSERT_EQ(t.scale(0), 1.0f);
  for (auto& [key, w] : t.Rows()) {
    if (key == 1) continue;
    for (int pass = 0; pass < 2; ++pass)
      for (int l = 0; l < kLabels; ++l) {
        const float x = (float(key * 36 + pass * WeightTable::kSecond + l) - 700.0f) / 4.0f;
        EXPECT_EQ(w[pass * WeightTable::kSecond + l], float(std::lround(x))) << key << " " << l;
      }
  }
}

TEST(NerKeyMap, ReservedMapFindsWhatGrowingOneFinds) {
  KeyMap<uint32_t> grown, reserved;
  reserved.Reserve(1000);
  for (uint64_t k = 0; k < 1000; ++k) grown[k * 7919] = uint32_t(k), reserved[k * 7919] = uint32_t(k);
  EXPECT_EQ(reserved.size(), 1000u);
  for (uint64_t k = 0; k < 1000; ++k) {
    ASSERT_NE(reserved.Find(k * 7919), nullptr);
    EXPECT_EQ(*reserved.Find(k * 7919), uint32_t(k));
  }
  EXPECT_EQ(reserved.Find(5), nullptr);
  size_t grown_slots = 0, reserved_slots = 0;
  grown.ForEach([&](uint64_t, uint32_t) { ++grown_slots; });
  reserved.ForEach([&](uint64_t, uint32_t) { ++reserved_slots; });
  EXPECT_EQ(grown_slots, reserved_slots);
}

}  // namespace
}  // namespace sitrep::ner
