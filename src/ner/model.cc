#include "ner/model.h"

#include <zlib.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace sitrep::ner {

namespace {
// std::lround for |x| < 2^24, inline: truncate, then step away from zero when the part cut
// off is at least a half (x - t is exact here). Building the table from a loaded model
// rounds ~30 weights a feature, and the library call was most of it.
long RoundHalfAway(float x) {
  long t = long(x);
  const float cut = x - float(t);
  if (cut >= 0.5f) ++t;
  else if (cut <= -0.5f) --t;
  return t;
}
}  // namespace

void WeightTable::Build(const std::vector<std::pair<uint64_t, Row>>& rows) {
  float top[2] = {0, 0};
  for (const auto& [hash, w] : rows)
    for (int l = 0; l < kWidth; ++l) top[l >= kSecond] = std::max(top[l >= kSecond], std::fabs(w[l]));
  for (int pass = 0; pass < 2; ++pass) scale_[pass] = top[pass] > 0 ? top[pass] / 32767.0f : 1.0f;
  size_t capacity = 64;
  while (capacity < rows.size() * 2 + 1) capacity *= 2;
  entries_.assign(capacity, Entry{0, Slot{}});
  rows_.clear();
  mask_ = capacity - 1;
  for (const auto& [hash, w] : rows) {
    int16_t q[2][kLabels];
    bool any = false;
    for (int pass = 0; pass < 2; ++pass)
      for (int l = 0; l < kLabels; ++l) {
        q[pass][l] = int16_t(RoundHalfAway(w[pass * kSecond + l] / scale_[pass]));
        any |= q[pass][l] != 0;
      }
    if (!any) continue;
    const uint64_t key = KeyOf(hash);
    size_t i = key & mask_;
    while (entries_[i].key != 0 && entries_[i].key != key) i = (i + 1) & mask_;
    if (entries_[i].key == key) continue;
    entries_[i] = {key, {uint32_t(rows_.size()), {q[0][kLine], q[1][kLine]}}};
    Line line;
    for (int pass = 0; pass < 2; ++pass)
      for (int l = 0; l < kLine; ++l) line.w[pass * kLine + l] = q[pass][l];
    rows_.push_back(line);
  }
}

namespace {

constexpr int kLineLabels = 16;  // WeightTable::kLine: a row's labels a pass

// A token's running sums of both passes' first kLine labels (int32), to which rows of int16
// weights are added: integer sums, so the order and the vector width change nothing.
#if defined(__SSE2__)
class Accumulator {
 public:
  explicit Accumulator(const int32_t* sum) {
    for (int pass = 0; pass < 2; ++pass)
      for (int k = 0; k < 4; ++k)
        v_[pass][k] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(sum + pass * WeightTable::kSecond + 4 * k));
  }
  // A row: kLine int16 of the first pass, then kLine of the second. Each 8 int16 are widened
  // by pairing each with itself and shifting the copy out (SSE2 has no widening load).
  void Add(const int16_t* row) {
    for (int pass = 0; pass < 2; ++pass)
      for (int k = 0; k < 2; ++k) {
        const __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + pass * 16 + 8 * k));
        v_[pass][2 * k] = _mm_add_epi32(v_[pass][2 * k], _mm_srai_epi32(_mm_unpacklo_epi16(h, h), 16));
        v_[pass][2 * k + 1] = _mm_add_epi32(v_[pass][2 * k + 1], _mm_srai_epi32(_mm_unpackhi_epi16(h, h), 16));
      }
  }
  void Store(int32_t* sum) const {
    for (int pass = 0; pass < 2; ++pass)
      for (int k = 0; k < 4; ++k)
        _mm_storeu_si128(reinterpret_cast<__m128i*>(sum + pass * WeightTable::kSecond + 4 * k), v_[pass][k]);
  }

 private:
  __m128i v_[2][4];
};
#else
class Accumulator {
 public:
  explicit Accumulator(const int32_t* sum) {
    for (int pass = 0; pass < 2; ++pass)
      std::memcpy(v_[pass], sum + pass * WeightTable::kSecond, sizeof v_[pass]);
  }
  void Add(const int16_t* row) {
    for (int pass = 0; pass < 2; ++pass)
      for (int l = 0; l < kLineLabels; ++l) v_[pass][l] += row[pass * kLineLabels + l];
  }
  void Store(int32_t* sum) const {
    for (int pass = 0; pass < 2; ++pass)
      std::memcpy(sum + pass * WeightTable::kSecond, v_[pass], sizeof v_[pass]);
  }

 private:
  int32_t v_[2][kLineLabels];
};
#endif

}  // namespace

namespace {
std::atomic<bool> g_allow_avx2{true};
}  // namespace

void WeightTable::AllowAvx2(bool allow) { g_allow_avx2 = allow; }

void WeightTable::Add(const std::vector<uint64_t>& hashes, const std::vector<uint32_t>& offsets,
                      int32_t* sums) const {
  if (rows_.empty()) return;
  // First every feature's row (or none), probing features ahead of the one looked up; then
  // the sums, fetching rows ahead. A probe is a few instructions, a row's sum a few dozen,
  // and a fetch from memory hundreds of cycles: hence the distances.
  static thread_local std::vector<Slot> found;
  constexpr uint32_t kNone = UINT32_MAX;
  constexpr size_t kProbeAhead = 32;
  const size_t n = hashes.size();
  found.resize(n);
  for (size_t f = 0; f < n; ++f) {
    if (f + kProbeAhead < n) {
      const size_t home = KeyOf(hashes[f + kProbeAhead]) & mask_;
      __builtin_prefetch(&entries_[home]);
    }
    const uint64_t key = KeyOf(hashes[f]);
    Slot slot{kNone, {0, 0}};
    for (size_t i = key & mask_;; i = (i + 1) & mask_) {
      if (entries_[i].key == key) {
        slot = entries_[i].slot;
        break;
      }
      if (entries_[i].key == 0) break;
    }
    found[f] = slot;
  }
  static_assert(kLine == kLineLabels);
#if defined(__x86_64__) && defined(__GNUC__)
  static const bool has_avx2 = __builtin_cpu_supports("avx2");
  if (has_avx2 && g_allow_avx2.load(std::memory_order_relaxed)) return SumRowsAvx2(rows_.data(), found.data(), n, offsets.data(), offsets.size() - 1, sums);
#endif
  SumRows(rows_.data(), found.data(), n, offsets.data(), offsets.size() - 1, sums);
}

namespace {
constexpr uint32_t kNoRow = UINT32_MAX;
constexpr size_t kRowAhead = 16;  // rows are fetched this many features before they are added
}  // namespace

void WeightTable::SumRows(const Line* rows, const Slot* found, size_t n, const uint32_t* offsets,
                          size_t tokens, int32_t* sums) {
  for (size_t f = 0; f < std::min(n, kRowAhead); ++f)
    if (found[f].row != kNoRow) __builtin_prefetch(&rows[found[f].row]);
  for (size_t t = 0; t < tokens; ++t) {
    int32_t* sum = sums + t * kWidth;
    Accumulator acc(sum);
    int32_t last[2] = {sum[kLine], sum[kSecond + kLine]};
    for (uint32_t f = offsets[t]; f < offsets[t + 1]; ++f) {
      if (f + kRowAhead < n && found[f + kRowAhead].row != kNoRow)
        __builtin_prefetch(&rows[found[f + kRowAhead].row]);
      if (found[f].row == kNoRow) continue;
      acc.Add(rows[found[f].row].w);
      last[0] += found[f].last[0];
      last[1] += found[f].last[1];
    }
    acc.Store(sum);
    sum[kLine] = last[0];
    sum[kSecond + kLine] = last[1];
  }
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"))) void WeightTable::SumRowsAvx2(const Line* rows, const Slot* found, size_t n,
                                                              const uint32_t* offsets, size_t tokens,
                                                              int32_t* sums) {
  for (size_t f = 0; f < std::min(n, kRowAhead); ++f)
    if (found[f].row != kNoRow) __builtin_prefetch(&rows[found[f].row]);
  // Per pass, labels [0, 8) and [8, 16) in one vector each: sum + kSecond * pass + 8 * k.
  for (size_t t = 0; t < tokens; ++t) {
    int32_t* sum = sums + t * kWidth;
    __m256i v[2][2];
    for (int pass = 0; pass < 2; ++pass)
      for (int k = 0; k < 2; ++k)
        v[pass][k] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(sum + pass * kSecond + 8 * k));
    int32_t last[2] = {sum[kLine], sum[kSecond + kLine]};
    for (uint32_t f = offsets[t]; f < offsets[t + 1]; ++f) {
      if (f + kRowAhead < n && found[f + kRowAhead].row != kNoRow)
        __builtin_prefetch(&rows[found[f + kRowAhead].row]);
      if (found[f].row == kNoRow) continue;
      const int16_t* row = rows[found[f].row].w;
      for (int pass = 0; pass < 2; ++pass)
        for (int k = 0; k < 2; ++k) {
          const __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + pass * kLine + 8 * k));
          v[pass][k] = _mm256_add_epi32(v[pass][k], _mm256_cvtepi16_epi32(h));
        }
      last[0] += found[f].last[0];
      last[1] += found[f].last[1];
    }
    for (int pass = 0; pass < 2; ++pass)
      for (int k = 0; k < 2; ++k)
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(sum + pass * kSecond + 8 * k), v[pass][k]);
    sum[kLine] = last[0];
    sum[kSecond + kLine] = last[1];
  }
}
#endif

std::vector<std::pair<uint64_t, WeightTable::Row>> WeightTable::Rows() const {
  std::vector<std::pair<uint64_t, Row>> out;
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (!entries_[i].key) continue;
    Row r{};
    const Slot& slot = entries_[i].slot;
    for (int pass = 0; pass < 2; ++pass) {
      for (int l = 0; l < kLine; ++l) r[pass * kSecond + l] = rows_[slot.row].w[pass * kLine + l] * scale_[pass];
      r[pass * kSecond + kLine] = slot.last[pass] * scale_[pass];
    }
    out.push_back({entries_[i].key, r});
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
  m.Reserve(m.size() + n);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t k = r.Get<uint64_t>();
    m[k] = r.Get<V>();
  }
}

// A row is stored as int8 times a scale for each pass.
void PutWeights(Writer& w, const WeightTable& t) {
  auto rows = t.Rows();
  w.Put(uint64_t(rows.size()));
  for (auto& [h, row] : rows) {
    w.Put(h);
    for (int pass = 0; pass < 2; ++pass) {
      const float* x = row.data() + pass * WeightTable::kSecond;
      float top = 0;
      for (int l = 0; l < kLabels; ++l) top = std::max(top, std::fabs(x[l]));
      const float scale = top / 127.0f;
      w.Put(scale);
      for (int l = 0; l < kLabels; ++l) w.Put(int8_t(scale > 0 ? std::lround(x[l] / scale) : 0));
    }
  }
}

void GetWeights(Reader& r, WeightTable& t) {
  uint64_t n = r.Count(sizeof(uint64_t) + 2 * (sizeof(float) + kLabels));
  std::vector<std::pair<uint64_t, WeightTable::Row>> rows(n);
  for (auto& [h, row] : rows) {
    h = r.Get<uint64_t>();
    row.fill(0.0f);
    for (int pass = 0; pass < 2; ++pass) {
      const float scale = r.Get<float>();
      for (int l = 0; l < kLabels; ++l) row[pass * WeightTable::kSecond + l] = scale * r.Get<int8_t>();
    }
  }
  t.Build(rows);
}

}  // namespace

std::string Serialise(const ModelParts& m) {
  Writer w;
  w.PutString(m.provenance);
  PutMap(w, m.lexicon.clusters);
  PutMap(w, m.lexicon.capitalised);
  PutMap(w, m.gazetteer.phrases());
  PutWeights(w, m.weights);
  w.Put(m.transitions);
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
  GetWeights(r, m.weights);
  auto t = r.Get<std::array<float, 2 * kLabels * kLabels>>();
  std::memcpy(m.transitions, t.data(), sizeof m.transitions);
}

bool Allowed(int previous, int current) {
  const int cur_pos = LabelPos(current);
  const bool open = previous >= 0 && (LabelPos(previous) == 0 || LabelPos(previous) == 1);
  if (!open) return current == 0 || cur_pos == 0 || cur_pos == 3;
  return LabelType(current) == LabelType(previous) && (cur_pos == 1 || cur_pos == 2);
}

namespace {
// The labels that may follow a closed one (O, L-, U-: nothing open) are O, B- and U-, and
// from any closed one; after an open one (B-, I-) only I- or L- of its type. So a step of the
// decoder has two parts: the closed predecessors against the closed labels, all at once in
// vectors, and each type's two open predecessors against that type's I- and L-. Predecessors
// are tried in ascending order and only a strictly better score replaces the best, as a plain
// loop over Allowed() pairs does: ties go to the same label.
constexpr int kClosed = 1 + 2 * kTypes;
constexpr int kPadded = (kClosed + 3) / 4 * 4;  // whole vectors of four
struct Predecessors {
  int8_t closed[kClosed] = {};  // O, then L- and U- of each type, ascending
  int8_t closing[kClosed] = {};  // what may follow them: O, then B- and U- of each type
  bool start[kLabels] = {}, end[kLabels] = {};
  Predecessors() {
    int n = 0, m = 0;
    for (int l = 0; l < kLabels; ++l) {
      if (l == 0 || LabelPos(l) == 2 || LabelPos(l) == 3) closed[n++] = int8_t(l);
      if (l == 0 || LabelPos(l) == 0 || LabelPos(l) == 3) closing[m++] = int8_t(l);
    }
    for (int c = 0; c < kLabels; ++c) {
      start[c] = Allowed(-1, c);
      end[c] = c == 0 || LabelPos(c) == 2 || LabelPos(c) == 3;
    }
  }
};
const Predecessors kPredecessors;
}  // namespace

void Viterbi(const float* emissions, size_t stride, size_t n, const float (*transitions)[kLabels],
             uint8_t* out) {
  if (n == 0) return;
  static thread_local std::vector<float> score;
  static thread_local std::vector<uint8_t> back;
  score.resize(n * kLabels);
  back.resize(n * kLabels);
  const Predecessors& pred = kPredecessors;
  constexpr float kNo = -std::numeric_limits<float>::infinity();
  typedef float VF __attribute__((vector_size(16)));
  typedef int32_t VI __attribute__((vector_size(16)));
  constexpr int kVectors = kPadded / 4;
  // The closed-to-closed transitions in vectors, the padding -inf (it never wins).
  alignas(16) float closed_to[kClosed][kPadded];
  for (int k = 0; k < kClosed; ++k)
    for (int j = 0; j < kPadded; ++j)
      closed_to[k][j] = j < kClosed ? transitions[pred.closed[k]][pred.closing[j]] : kNo;
  for (int l = 0; l < kLabels; ++l) score[l] = pred.start[l] ? emissions[l] : kNo;
  for (size_t i = 1; i < n; ++i) {
    const float* prev = &score[(i - 1) * kLabels];
    const float* e = emissions + i * stride;
    float* here = &score[i * kLabels];
    uint8_t* from = &back[i * kLabels];
    // Unrolled so that the vectors stay in registers (-O2 leaves a plain loop scalar).
    VF top[kVectors];
    VI arg[kVectors];
#pragma GCC unroll 4
    for (int v = 0; v < kVectors; ++v) top[v] = VF{} + kNo, arg[v] = VI{};
    for (int k = 0; k < kClosed; ++k) {
      const VF p_score = VF{} + prev[pred.closed[k]];
      const VI p = VI{} + int32_t(pred.closed[k]);
#pragma GCC unroll 4
      for (int v = 0; v < kVectors; ++v) {
        VF to;
        std::memcpy(&to, &closed_to[k][4 * v], sizeof to);
        const VF s = p_score + to;
        const VI better = s > top[v];
        top[v] = better ? s : top[v];
        arg[v] = better ? p : arg[v];
      }
    }
    alignas(16) float best[kPadded];
    alignas(16) int32_t best_arg[kPadded];
    std::memcpy(best, top, sizeof best);
    std::memcpy(best_arg, arg, sizeof best_arg);
    for (int j = 0; j < kClosed; ++j) {
      const int c = pred.closing[j];
      here[c] = best[j] + e[c];
      from[c] = uint8_t(best_arg[j]);
    }
    for (int type = 0; type < kTypes; ++type) {
      const int b = 1 + 4 * type, in = b + 1, last = b + 2;
      for (int c : {in, last}) {
        float top_score = kNo;
        int top_arg = 0;
        for (int p : {b, in}) {
          const float s = prev[p] + transitions[p][c];
          if (s > top_score) top_score = s, top_arg = p;
        }
        here[c] = top_score + e[c];
        from[c] = uint8_t(top_arg);
      }
    }
  }
  float best = kNo;
  int arg = 0;
  for (int l = 0; l < kLabels; ++l)
    if (pred.end[l] && score[(n - 1) * kLabels + l] > best) best = score[(n - 1) * kLabels + l], arg = l;
  for (size_t i = n; i-- > 0;) {
    out[i] = uint8_t(arg);
    arg = back[i * kLabels + arg];
  }
}

void TagDocument(const ModelParts& model, const DocInput& doc, std::vector<uint8_t>& labels,
                 bool two_passes) {
  static thread_local Features first, second;
  static thread_local std::vector<int32_t> sums;
  static thread_local std::vector<float> emissions;
  constexpr int W = WeightTable::kWidth;
  const size_t n = doc.words.size();
  FirstPassFeatures(model.lexicon, model.gazetteer, doc, first);
  sums.assign(n * W, 0);
  model.weights.Add(first.hashes, first.offsets, sums.data());
  labels.resize(n);
  emissions.resize(n * kLabels);
  auto decode = [&](int pass) {
    const float scale = model.weights.scale(pass);
    for (size_t i = 0; i < n; ++i)
      for (int l = 0; l < kLabels; ++l)
        emissions[i * kLabels + l] = float(sums[i * W + pass * WeightTable::kSecond + l]) * scale;
    for (size_t s = 0; s < doc.sentence_begin.size(); ++s) {
      const size_t b = doc.sentence_begin[s], e = doc.SentenceEnd(s);
      Viterbi(&emissions[b * kLabels], kLabels, e - b, model.transitions[pass], labels.data() + b);
    }
  };
  decode(0);
  if (!two_passes) return;
  SecondPassFeatures(doc, labels, second);
  model.weights.Add(second.hashes, second.offsets, sums.data());
  decode(1);
}

}  // namespace sitrep::ner
