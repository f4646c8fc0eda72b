#include "ner/model.h"

#include <zlib.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace sitrep::ner {

void WeightTable::Build(const std::vector<std::pair<uint64_t, LabelWeights>>& rows) {
  size_t capacity = 64;
  while (capacity < rows.size() * 10 / 7 + 1) capacity *= 2;
  slots_.assign(capacity, Slot{});
  mask_ = capacity - 1;
  size_ = 0;
  for (const auto& [hash, w] : rows) {
    float top = 0;
    for (float x : w) top = std::max(top, std::fabs(x));
    if (top == 0) continue;
    size_t i = hash & mask_;
    const uint64_t key = KeyOf(hash);
    while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & mask_;
    Slot& s = slots_[i];
    if (s.key == key) continue;
    s.key = key;
    s.scale = top / 127.0f;
    for (int l = 0; l < kLabels; ++l) s.w[l] = int8_t(std::lround(w[l] / s.scale));
    ++size_;
  }
}

void WeightTable::Score(const uint64_t* features, size_t n, float* scores) const {
  if (slots_.empty()) return;
  for (size_t f = 0; f < n; ++f) {
    if (f + 4 < n) __builtin_prefetch(&slots_[features[f + 4] & mask_]);
    const uint64_t key = KeyOf(features[f]);
    for (size_t i = features[f] & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == key) {
        for (int l = 0; l < kLabels; ++l) scores[l] += s.scale * s.w[l];
        break;
      }
      if (s.key == 0) break;
    }
  }
}

std::vector<std::pair<uint64_t, LabelWeights>> WeightTable::Rows() const {
  std::vector<std::pair<uint64_t, LabelWeights>> out;
  for (size_t i = 0; i < slots_.size(); ++i) {
    const Slot& s = slots_[i];
    if (!s.key) continue;
    LabelWeights w;
    for (int l = 0; l < kLabels; ++l) w[l] = s.scale * s.w[l];
    out.push_back({s.key, w});
  }
  return out;
}

namespace {

// Plain little-endian records; the whole is zlib-compressed behind a magic line.
class Writer {
 public:
  template <typename T>
  void Put(const T& v) { bytes_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void PutString(const std::string& s) {
    Put(uint64_t(s.size()));
    bytes_ += s;
  }
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
};

class Reader {
 public:
  explicit Reader(const std::string& b) : b_(b) {}
  template <typename T>
  T Get() {
    T v;
    Need(sizeof v);
    std::memcpy(&v, b_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  std::string GetString() {
    uint64_t n = Get<uint64_t>();
    Need(n);
    std::string s = b_.substr(at_, n);
    at_ += n;
    return s;
  }
  uint64_t Count(size_t record_size) {
    uint64_t n = Get<uint64_t>();
    if (n > (b_.size() - at_) / record_size) throw std::runtime_error("truncated model");
    return n;
  }

 private:
  void Need(size_t n) {
    if (b_.size() - at_ < n) throw std::runtime_error("truncated model");
  }
  const std::string& b_;
  size_t at_ = 0;
};

const char kMagic[] = "sitrep-ner 1\n";

template <typename V>
void PutMap(Writer& w, const KeyMap<V>& m) {
  w.Put(uint64_t(m.size()));
  m.ForEach([&](uint64_t k, const V& v) {
    w.Put(k);
    w.Put(v);
  });
}
template <typename V>
void GetMap(Reader& r, KeyMap<V>& m) {
  uint64_t n = r.Count(sizeof(uint64_t) + sizeof(V));
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t k = r.Get<uint64_t>();
    m[k] = r.Get<V>();
  }
}

void PutPass(Writer& w, const Pass& p) {
  auto rows = p.weights.Rows();
  w.Put(uint64_t(rows.size()));
  for (auto& [h, weights] : rows) {
    float top = 0;
    for (float x : weights) top = std::max(top, std::fabs(x));
    float scale = top / 127.0f;
    w.Put(h);
    w.Put(scale);
    for (float x : weights) w.Put(int8_t(std::lround(x / scale)));
  }
  w.Put(p.transitions);
}

void GetPass(Reader& r, Pass& p) {
  uint64_t n = r.Count(sizeof(uint64_t) + sizeof(float) + kLabels);
  std::vector<std::pair<uint64_t, LabelWeights>> rows(n);
  for (auto& [h, w] : rows) {
    h = r.Get<uint64_t>();
    float scale = r.Get<float>();
    for (float& x : w) x = scale * r.Get<int8_t>();
  }
  p.weights.Build(rows);
  using Transitions = decltype(p.transitions);
  auto t = r.Get<std::array<float, kLabels * kLabels>>();
  std::memcpy(p.transitions, t.data(), sizeof(Transitions));
}

}  // namespace

std::string Serialise(const ModelParts& m) {
  Writer w;
  w.PutString(m.provenance);
  PutMap(w, m.lexicon.clusters);
  PutMap(w, m.lexicon.capitalised);
  PutMap(w, m.gazetteer.phrases());
  PutPass(w, m.first);
  PutPass(w, m.second);
  const std::string& raw = w.bytes();
  uLongf size = compressBound(raw.size());
  std::string packed(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(packed.data()), &size,
                reinterpret_cast<const Bytef*>(raw.data()), raw.size(), 9) != Z_OK)
    throw std::runtime_error("cannot compress the model");
  packed.resize(size);
  Writer out;
  out.bytes() = kMagic;
  out.Put(uint64_t(raw.size()));
  out.bytes() += packed;
  return out.bytes();
}

void Deserialise(const std::string& bytes, ModelParts& m) {
  const size_t magic = sizeof kMagic - 1;
  if (bytes.compare(0, magic, kMagic) != 0) throw std::runtime_error("not a sitrep NER model");
  if (bytes.size() < magic + 8) throw std::runtime_error("truncated model");
  uint64_t raw_size;
  std::memcpy(&raw_size, bytes.data() + magic, 8);
  if (raw_size > (uint64_t(1) << 32)) throw std::runtime_error("corrupt model header");
  std::string raw(raw_size, '\0');
  uLongf size = raw_size;
  if (uncompress(reinterpret_cast<Bytef*>(raw.data()), &size,
                 reinterpret_cast<const Bytef*>(bytes.data() + magic + 8), bytes.size() - magic - 8) != Z_OK ||
      size != raw_size)
    throw std::runtime_error("corrupt model (zlib)");
  Reader r(raw);
  m.provenance = r.GetString();
  GetMap(r, m.lexicon.clusters);
  GetMap(r, m.lexicon.capitalised);
  GetMap(r, m.gazetteer.phrases());
  GetPass(r, m.first);
  GetPass(r, m.second);
}

bool Allowed(int previous, int current) {
  const int cur_pos = LabelPos(current);
  const bool open = previous >= 0 && (LabelPos(previous) == 0 || LabelPos(previous) == 1);
  if (!open) return current == 0 || cur_pos == 0 || cur_pos == 3;
  return LabelType(current) == LabelType(previous) && (cur_pos == 1 || cur_pos == 2);
}

void Viterbi(const float* emissions, size_t n, const float (*transitions)[kLabels], uint8_t* out) {
  if (n == 0) return;
  static thread_local std::vector<float> score;
  static thread_local std::vector<uint8_t> back;
  score.resize(n * kLabels);
  back.resize(n * kLabels);
  constexpr float kNo = -std::numeric_limits<float>::infinity();
  for (int l = 0; l < kLabels; ++l) score[l] = Allowed(-1, l) ? emissions[l] : kNo;
  for (size_t i = 1; i < n; ++i) {
    for (int c = 0; c < kLabels; ++c) {
      float best = kNo;
      int arg = 0;
      for (int p = 0; p < kLabels; ++p) {
        if (!Allowed(p, c)) continue;
        float s = score[(i - 1) * kLabels + p] + transitions[p][c];
        if (s > best) best = s, arg = p;
      }
      score[i * kLabels + c] = best + emissions[i * kLabels + c];
      back[i * kLabels + c] = uint8_t(arg);
    }
  }
  float best = kNo;
  int arg = 0;
  for (int l = 0; l < kLabels; ++l) {
    const int pos = LabelPos(l);
    if (l != 0 && pos != 2 && pos != 3) continue;
    if (score[(n - 1) * kLabels + l] > best) best = score[(n - 1) * kLabels + l], arg = l;
  }
  for (size_t i = n; i-- > 0;) {
    out[i] = uint8_t(arg);
    arg = back[i * kLabels + arg];
  }
}

namespace {
void RunPass(const Pass& pass, const DocInput& doc, const Features& f, std::vector<uint8_t>& labels) {
  static thread_local std::vector<float> emissions;
  labels.resize(doc.words.size());
  for (size_t s = 0; s < doc.sentence_begin.size(); ++s) {
    const size_t b = doc.sentence_begin[s], e = doc.SentenceEnd(s);
    emissions.assign((e - b) * kLabels, 0.0f);
    for (size_t i = b; i < e; ++i)
      pass.weights.Score(f.hashes.data() + f.offsets[i], f.offsets[i + 1] - f.offsets[i],
                         emissions.data() + (i - b) * kLabels);
    Viterbi(emissions.data(), e - b, pass.transitions, labels.data() + b);
  }
}
}  // namespace

void TagDocument(const ModelParts& model, const DocInput& doc, std::vector<uint8_t>& labels,
                 bool two_passes) {
  static thread_local Features first, second;
  FirstPassFeatures(model.lexicon, model.gazetteer, doc, first);
  RunPass(model.first, doc, first, labels);
  if (!two_passes) return;
  SecondPassFeatures(doc, first, labels, second);
  RunPass(model.second, doc, second, labels);
}

}  // namespace sitrep::ner
