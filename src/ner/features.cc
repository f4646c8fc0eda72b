// Feature templates. Each feature is a 64-bit hash of (template, value); the weight table
// is keyed by it. Per-token facts (hashes of the word, its shape, affixes, clusters) are
// computed once and combined into the window features, so a token costs a few string
// hashes however many templates read it.
#include "ner/features.h"

// Inlined: most hashed strings are a few bytes, where the library call is half the cost.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <array>
#include <cassert>


namespace sitrep::ner {

namespace {

enum Template : uint64_t {
  kBias = 1, kWord, kLowerM2, kLowerM1, kLower0, kLowerP1, kLowerP2, kShapeM1, kShape0,
  kShapeP1, kShapeBiM, kShapeBiP, kPrefix1, kSuffix1 = kPrefix1 + 4, kBigramM = kSuffix1 + 4,
  kBigramP, kCluster /* 9 slots */, kGaz0 = kCluster + 9, kGazM1, kGazP1, kInitialShape,
  kCapBucket, kDocCase, kHeadline, kWordShapeM1, kWordM1, kWordP1, kClusterBiM, kClusterBiP,
  kShapeWordP1, kPartsM1, kParts0, kPartsP1, kHyphenFirst, kHyphenLast,
  // second pass
  kLabelM1 = 100, kLabel0, kLabelP1, kLabelPair, kDocWord, kDocCapital, kDocWordLabel, kDocWordFull,
};

inline uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}
inline uint64_t Feature(uint64_t tmpl, uint64_t value) { return Mix(value ^ (tmpl * 0x9e3779b97f4a7c15ULL)); }
inline uint64_t Pair(uint64_t a, uint64_t b) { return Mix(a) ^ (b + 0x632be59bd9b4e019ULL); }

const uint64_t kBoundary = 0x5bd1e9955bd1e995ULL;  // the word "before the start" / "past the end"
// Keys of single words' roles in names, apart from the phrase keys in the same map.
inline uint64_t PartKey(uint64_t word_hash) { return Mix(word_hash ^ 0x2545f4914f6cdd1dULL); }
inline uint64_t AnyPartKey(uint64_t word_hash) { return Mix(word_hash ^ 0x9fb21c651e98df25ULL); }

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "Xx", "X.X.", "d-d", "x": each character's class, runs collapsed.
void Shape(std::string_view w, std::string& s) {
  s.clear();
  for (size_t i = 0; i < w.size(); ++i) {
    unsigned char c = w[i];
    char k;
    if (IsUpper(c)) k = 'X';
    else if (IsLower(c)) k = 'x';
    else if (IsDigit(c)) k = 'd';
    else if (c >= 0x80) {
      if ((c & 0xC0) == 0x80) continue;  // continuation byte
      k = 'u';
    } else k = char(c);
    if (s.empty() || s.back() != k) s.push_back(k);
  }
}

// Lower case, digits folded to 0: "1996-08-22" and "1997-01-05" are one word.
void Fold(std::string_view w, std::string& s) {
  s.assign(w);
  for (char& c : s) {
    if (IsUpper(c)) c = char(c - 'A' + 'a');
    else if (IsDigit(c)) c = '0';
  }
}
std::string Fold(std::string_view w) {
  std::string s;
  Fold(w, s);
  return s;
}

void TitleCase(std::string_view w, std::string& s) {
  s.assign(w);
  for (size_t i = 1; i < s.size(); ++i)
    if (IsUpper(s[i])) s[i] = char(s[i] - 'A' + 'a');
}
void AsciiLowerInto(std::string_view w, std::string& s) {
  s.assign(w);
  for (char& c : s)
    if (IsUpper(c)) c = char(c - 'A' + 'a');
}

bool HasLetter(std::string_view w) {
  for (char c : w)
    if (IsUpper(c) || IsLower(c)) return true;
  return false;
}
bool AllCaps(std::string_view w) {
  bool letter = false;
  for (char c : w) {
    if (IsLower(c)) return false;
    letter |= IsUpper(c);
  }
  return letter;
}

struct Facts {
  uint64_t word, lower, shape;
  uint64_t title_case, ascii_lower;  // hashes of the word in title case (when all_caps), in lower case
  uint64_t prefix[4], suffix[4];
  uint64_t hyphen_first, hyphen_last;
  uint32_t clusters;
  uint8_t cap_bucket;
  uint8_t doc_case;
  uint16_t gaz;
  uint16_t parts;
  bool initial, capitalised, headline, all_caps;
};

thread_local std::vector<Facts> t_facts;
thread_local std::vector<uint16_t> t_gaz, t_parts;
thread_local std::vector<uint64_t> t_word_hashes;
thread_local std::vector<bool> t_headline;
thread_local std::vector<const std::string*> t_words;
thread_local std::vector<std::string> t_truecased;
thread_local std::string t_lower, t_shape, t_other;
thread_local std::vector<uint64_t> t_phrase_keys;

}  // namespace

const char* TypeName(int type) {
  static const char* kNames[kTypes] = {"PER", "ORG", "LOC", "MISC"};
  return type >= 0 && type < kTypes ? kNames[type] : "";
}

int TypeOf(std::string_view name) {
  for (int t = 0; t < kTypes; ++t)
    if (name == TypeName(t)) return t;
  return -1;
}

uint64_t HashBytes(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

std::string NormaliseWord(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (size_t i = 0; i < token.size();) {
    unsigned char c = token[i];
    if (c == 0xE2 && i + 2 < token.size() && (unsigned char)token[i + 1] == 0x80) {
      unsigned char d = token[i + 2];
      if (d == 0x9C || d == 0x9D || d == 0x9E || d == 0x9F) { out += '"'; i += 3; continue; }
      if (d == 0x98 || d == 0x99 || d == 0x9A || d == 0x9B || d == 0xB2) { out += '\''; i += 3; continue; }
      if (d >= 0x90 && d <= 0x95) { out += '-'; i += 3; continue; }  // hyphens and dashes
      if (d == 0xA6) { out += "..."; i += 3; continue; }
    }
    if (c == 0xC2 && i + 1 < token.size() &&
        ((unsigned char)token[i + 1] == 0xAB || (unsigned char)token[i + 1] == 0xBB)) {
      out += '"';  // « »
      i += 2;
      continue;
    }
    out += char(c);
    ++i;
  }
  return out;
}

void Gazetteer::Add(const std::vector<std::string>& words, int type) {
  if (words.empty() || words.size() > size_t(kMaxWords)) return;
  uint64_t h = 0;
  for (size_t i = 0; i < words.size(); ++i) h = i ? Pair(h, HashBytes(words[i])) : HashBytes(words[i]);
  phrases_[h] |= uint8_t(1u << type);
  for (const auto& w : words) phrases_[AnyPartKey(HashBytes(w))] |= uint8_t(1u << type);
  if (words.size() < 2) return;
  phrases_[PartKey(HashBytes(words.front()))] |= uint8_t(1u << (2 * type));
  phrases_[PartKey(HashBytes(words.back()))] |= uint8_t(1u << (2 * type + 1));
}

void Gazetteer::PrefetchParts(uint64_t word_hash) const {
  phrases_.Prefetch(PartKey(word_hash));
  phrases_.Prefetch(AnyPartKey(word_hash));
}

uint16_t Gazetteer::Parts(uint64_t word_hash) const {
  const uint8_t* p = phrases_.Find(PartKey(word_hash));
  const uint8_t* any = phrases_.Find(AnyPartKey(word_hash));
  return uint16_t((p ? *p : 0) | (any ? *any << 8 : 0));
}

void Gazetteer::Match(const std::vector<uint64_t>& word_hashes, size_t begin, size_t end,
                      std::vector<uint16_t>& codes, const uint16_t* parts) const {
  codes.assign(end - begin, 0);
  if (phrases_.size() == 0) return;
  // Longest match per type, left to right; a token keeps the first match that covers it.
  // Every candidate phrase's key first, their slots fetched together; then the lookups. A
  // candidate no type's name could be (by its words' roles) gets key 0, which is not looked up.
  auto& keys = t_phrase_keys;
  keys.assign((end - begin) * kMaxWords, 0);
  // Per type t, from a word's Parts: bit t set when it opens / ends / is in a name of type t.
  auto roles = [](uint16_t p, int shift) {
    uint32_t m = 0;
    for (int t = 0; t < kTypes; ++t) m |= ((p >> (2 * t + shift)) & 1u) << t;
    return m;
  };
  constexpr uint32_t kAnyType = (1u << kTypes) - 1;
  for (size_t i = begin; i < end; ++i) {
    uint64_t h = 0;
    uint32_t can = parts ? roles(parts[i - begin], 0) & (parts[i - begin] >> 8) : kAnyType;
    for (size_t n = 1; n <= size_t(kMaxWords) && i + n <= end; ++n) {
      h = n == 1 ? word_hashes[i] : Pair(h, word_hashes[i + n - 1]);
      if (n > 1 && parts) {
        const uint16_t last = parts[i + n - 1 - begin];
        can &= last >> 8;
        if (can == 0) break;
        if ((can & roles(last, 1)) == 0) continue;
      }
      keys[(i - begin) * kMaxWords + n - 1] = h | 1;  // KeyMap's own key: its low bit set
      phrases_.Prefetch(h);
    }
  }
  std::array<size_t, kTypes> covered_until;
  covered_until.fill(begin);
  for (size_t i = begin; i < end; ++i) {
    std::array<size_t, kTypes> best{};
    for (size_t n = 1; n <= size_t(kMaxWords) && i + n <= end; ++n) {
      const uint64_t key = keys[(i - begin) * kMaxWords + n - 1];
      if (key == 0) continue;
      const uint8_t* types = phrases_.Find(key);
      if (!types) continue;
      for (int t = 0; t < kTypes; ++t)
        if (*types & (1u << t)) best[t] = n;
    }
    for (int t = 0; t < kTypes; ++t) {
      size_t n = best[t];
      if (n == 0 || i < covered_until[t]) continue;
      for (size_t k = 0; k < n; ++k) {
        int pos = n == 1 ? 3 : k == 0 ? 0 : k + 1 == n ? 2 : 1;
        codes[i + k - begin] |= uint16_t((pos + 1) << (3 * t));
      }
      covered_until[t] = i + n;
    }
  }
}

void FirstPassFeatures(const Lexicon& lexicon, const Gazetteer& gazetteer, const DocInput& doc,
                       Features& out) {
  const size_t n = doc.words.size();
  auto& facts = t_facts;
  facts.resize(n);
  // How the document writes each word mid-sentence: capitalised or not.
  KeyMap<std::array<uint16_t, 2>> doc_case;
  // Headlines are in capitals ("STORM HITS PORT VERDE"): their words are read as the rest of
  // the document writes them, else as news text usually does (lexicon), else title case.
  auto& headline_of = t_headline;
  headline_of.assign(doc.sentence_begin.size(), false);
  KeyMap<uint32_t> written;  // lower-case word -> 1 + a token that writes it outside headlines
  constexpr uint32_t kInitialBit = 0x80000000u;
  for (size_t s = 0; s < doc.sentence_begin.size(); ++s) {
    const size_t b = doc.sentence_begin[s], e = doc.SentenceEnd(s);
    size_t letters = 0, caps = 0;
    for (size_t i = b; i < e; ++i) {
      if (!HasLetter(doc.words[i])) continue;
      ++letters;
      caps += AllCaps(doc.words[i]);
    }
    headline_of[s] = letters >= 2 && caps == letters;
    if (headline_of[s]) continue;
    for (size_t i = b; i < e; ++i) {
      if (!HasLetter(doc.words[i])) continue;
      AsciiLowerInto(doc.words[i], t_other);
      // A sentence's first word is capitalised anyway: any other occurrence is better.
      uint32_t& at = written[HashBytes(t_other)];
      const uint32_t initial = i == b ? kInitialBit : 0;
      if (at == 0 || ((at & kInitialBit) && !initial)) at = uint32_t(i + 1) | initial;
    }
  }
  auto& words = t_words;
  words.resize(n);
  t_truecased.resize(n);
  for (size_t s = 0; s < doc.sentence_begin.size(); ++s) {
    const size_t b = doc.sentence_begin[s], e = doc.SentenceEnd(s);
    for (size_t i = b; i < e; ++i) {
      const std::string& w = doc.words[i];
      if (!headline_of[s] || !HasLetter(w)) {
        words[i] = &w;
        continue;
      }
      AsciiLowerInto(w, t_other);
      const uint64_t key = HashBytes(t_other);
      if (const uint32_t* at = written.Find(key)) {
        words[i] = &doc.words[(*at & ~kInitialBit) - 1];
        continue;
      }
      std::string& own = t_truecased[i];
      const uint8_t* cap = lexicon.capitalised.Find(key);
      if (cap && *cap <= 2) own = t_other;
      else TitleCase(w, own);
      words[i] = &own;
    }
  }
  auto& word_hashes = t_word_hashes;
  word_hashes.resize(n);
  for (size_t i = 0; i < n; ++i) word_hashes[i] = HashBytes(*words[i]);
  for (size_t s = 0; s < doc.sentence_begin.size(); ++s) {
    const size_t b = doc.sentence_begin[s], e = doc.SentenceEnd(s);
    const bool headline = headline_of[s];
    // The sentence's hashes first, fetching the lexicon's and the gazetteer's slots for them
    // as they become known; then the lookups, whose cache misses thus overlap.
    for (size_t i = b; i < e; ++i) {
      const std::string& w = *words[i];
      Facts& f = facts[i];
      std::string& lower = t_lower;
      std::string& shape = t_shape;
      Fold(w, lower);
      Shape(w, shape);
      f.word = word_hashes[i];
      f.lower = HashBytes(lower);
      f.shape = HashBytes(shape);
      for (size_t k = 0; k < 4; ++k) {
        f.prefix[k] = k < w.size() ? HashBytes(std::string_view(w).substr(0, k + 1)) : kBoundary;
        f.suffix[k] = k < lower.size() ? HashBytes(std::string_view(lower).substr(lower.size() - k - 1)) : kBoundary;
      }
      f.all_caps = w.size() > 1 && AllCaps(w);  // "NATO" or "UK" outside a headline
      if (f.all_caps) {
        TitleCase(w, t_other);
        f.title_case = HashBytes(t_other);
        lexicon.clusters.Prefetch(f.title_case);
      }
      lexicon.clusters.Prefetch(f.word);
      AsciiLowerInto(w, t_other);
      f.ascii_lower = HashBytes(t_other);
      lexicon.capitalised.Prefetch(f.ascii_lower);
      gazetteer.PrefetchParts(f.word);
      // "Oslo-based", "German-Israeli": the parts are words the model may know.
      f.hyphen_first = f.hyphen_last = 0;
      if (auto dash = w.find('-'); dash != std::string::npos && dash > 0 && dash + 1 < w.size() && HasLetter(w)) {
        f.hyphen_first = HashBytes(std::string_view(w).substr(0, dash));
        f.hyphen_last = HashBytes(std::string_view(lower).substr(lower.rfind('-') + 1));
      }
      f.initial = i == b;
      f.capitalised = !w.empty() && IsUpper(w[0]);
      f.headline = headline;
    }
    t_parts.resize(e - b);
    for (size_t i = b; i < e; ++i) t_parts[i - b] = gazetteer.Parts(facts[i].word);
    gazetteer.Match(word_hashes, b, e, t_gaz, t_parts.data());
    for (size_t i = b; i < e; ++i) {
      Facts& f = facts[i];
      const uint32_t* c = f.all_caps ? lexicon.clusters.Find(f.title_case) : nullptr;
      if (!c) c = lexicon.clusters.Find(f.word);
      f.clusters = c ? *c : 0;
      const uint8_t* cap = lexicon.capitalised.Find(f.ascii_lower);
      f.cap_bucket = cap ? *cap : 0;
      f.gaz = t_gaz[i - b];
      f.parts = t_parts[i - b];
      if (!f.initial && !headline && HasLetter(*words[i])) ++doc_case[f.lower][f.capitalised ? 1 : 0];
    }
  }
  for (size_t i = 0; i < n; ++i) {
    Facts& f = facts[i];
    const auto* counts = doc_case.Find(f.lower);
    int up = counts ? (*counts)[1] : 0, down = counts ? (*counts)[0] : 0;
    if (!f.initial && !f.headline && HasLetter(doc.words[i])) (f.capitalised ? up : down) -= 1;
    f.doc_case = up + down == 0 ? 0 : down == 0 ? 1 : up == 0 ? 2 : 3;
  }

  // Room for every token's features, written through a pointer (a push_back checks the
  // capacity each time), then cut to what was written. What the buffer held before is
  // overwritten, not cleared first.
  constexpr size_t kMostPerToken = 56;
  out.offsets.assign(1, 0);
  if (out.hashes.size() < n * kMostPerToken) out.hashes.resize(n * kMostPerToken);
  uint64_t* const first = out.hashes.data();
  uint64_t* h = first;
  for (size_t s = 0; s < doc.sentence_begin.size(); ++s) {
    const size_t b = doc.sentence_begin[s], e = doc.SentenceEnd(s);
    auto lower_at = [&](size_t i, int d) -> uint64_t {
      long j = long(i) + d;
      return j < long(b) || j >= long(e) ? kBoundary + d : facts[j].lower;
    };
    auto shape_at = [&](size_t i, int d) -> uint64_t {
      long j = long(i) + d;
      return j < long(b) || j >= long(e) ? kBoundary + d : facts[j].shape;
    };
    auto cluster_at = [&](size_t i, int d) -> uint32_t {
      long j = long(i) + d;
      return j < long(b) || j >= long(e) ? 0xFFFFFFFFu : facts[j].clusters;
    };
    auto gaz_at = [&](size_t i, int d) -> uint16_t {
      long j = long(i) + d;
      return j < long(b) || j >= long(e) ? 0 : facts[j].gaz;
    };
    for (size_t i = b; i < e; ++i) {
      const Facts& f = facts[i];
      [[maybe_unused]] uint64_t* const token_first = h;
      *h++ = Feature(kBias, 0);
      *h++ = Feature(kWord, f.word);
      *h++ = Feature(kLowerM2, lower_at(i, -2));
      *h++ = Feature(kLowerM1, lower_at(i, -1));
      *h++ = Feature(kLower0, f.lower);
      *h++ = Feature(kLowerP1, lower_at(i, 1));
      *h++ = Feature(kLowerP2, lower_at(i, 2));
      *h++ = Feature(kShapeM1, shape_at(i, -1));
      *h++ = Feature(kShape0, f.shape);
      *h++ = Feature(kShapeP1, shape_at(i, 1));
      *h++ = Feature(kShapeBiM, Pair(shape_at(i, -1), f.shape));
      *h++ = Feature(kShapeBiP, Pair(f.shape, shape_at(i, 1)));
      for (int k = 0; k < 4; ++k) {
        *h++ = Feature(kPrefix1 + k, f.prefix[k]);
        *h++ = Feature(kSuffix1 + k, f.suffix[k]);
      }
      *h++ = Feature(kBigramM, Pair(lower_at(i, -1), f.lower));
      *h++ = Feature(kBigramP, Pair(f.lower, lower_at(i, 1)));
      for (int d = -1; d <= 1; ++d) {
        uint32_t c = cluster_at(i, d);
        for (int g = 0; g < 3; ++g) {
          uint32_t id = c == 0xFFFFFFFFu ? 0xFFFF : (c >> (10 * g)) & 0x3FF;
          *h++ = Feature(kCluster + 3 * (d + 1) + g, id);
        }
      }
      *h++ = Feature(kGaz0, f.gaz);
      *h++ = Feature(kGazM1, gaz_at(i, -1));
      *h++ = Feature(kGazP1, gaz_at(i, 1));
      *h++ = Feature(kInitialShape, Pair(f.initial, f.shape));
      *h++ = Feature(kCapBucket, f.cap_bucket * 4 + f.initial * 2 + f.capitalised);
      *h++ = Feature(kDocCase, f.doc_case * 8 + f.initial * 4 + f.headline * 2 + f.capitalised);
      *h++ = Feature(kHeadline, Pair(f.headline, f.shape));
      *h++ = Feature(kWordShapeM1, Pair(lower_at(i, -1), f.shape));
      *h++ = Feature(kShapeWordP1, Pair(f.shape, lower_at(i, 1)));
      *h++ = Feature(kParts0, f.parts);
      *h++ = Feature(kPartsM1, i > b ? facts[i - 1].parts : 0x1FFFF);
      *h++ = Feature(kPartsP1, i + 1 < e ? facts[i + 1].parts : 0x1FFFF);
      if (f.hyphen_first) {
        *h++ = Feature(kHyphenFirst, f.hyphen_first);
        *h++ = Feature(kHyphenLast, f.hyphen_last);
      }
      *h++ = Feature(kWordM1, i > b ? facts[i - 1].word : kBoundary);
      *h++ = Feature(kWordP1, i + 1 < e ? facts[i + 1].word : kBoundary);
      const uint64_t fine = f.clusters & 0x3FF;
      *h++ = Feature(kClusterBiM, (cluster_at(i, -1) & 0x3FF) * 4096 + fine);
      *h++ = Feature(kClusterBiP, fine * 4096 + (cluster_at(i, 1) & 0x3FF));
      assert(size_t(h - token_first) <= kMostPerToken);
      out.offsets.push_back(uint32_t(h - first));
    }
  }
  out.hashes.resize(size_t(h - first));
}

void SecondPassFeatures(const DocInput& doc, const std::vector<uint8_t>& labels, Features& out) {
  const size_t n = doc.words.size();
  // What the first pass called each word, and each capitalised word's lower-case form,
  // across the document: counts of O and of each type.
  using Votes = std::array<uint16_t, kTypes + 1>;
  KeyMap<Votes> by_word, by_capital;
  KeyMap<std::array<uint16_t, kLabels>> labels_of_word;
  std::vector<uint64_t> word_hash(n), capital_hash(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const std::string& w = doc.words[i];
    word_hash[i] = HashBytes(w);
    int type = LabelType(labels[i]) + 1;
    ++by_word[word_hash[i]][type];
    ++labels_of_word[word_hash[i]][labels[i]];
    if (!w.empty() && IsUpper(w[0])) {
      capital_hash[i] = HashBytes(Fold(w));
      ++by_capital[capital_hash[i]][type];
    }
  }
  // The majority among the other occurrences, and whether they agree: 0 when none.
  auto vote = [](Votes v, int own) -> uint64_t {
    --v[own];
    int total = 0, best = 0;
    for (int t = 0; t <= kTypes; ++t) {
      total += v[t];
      if (v[t] > v[best]) best = t;
    }
    if (total == 0) return 0;
    return 1 + best * 2 + (v[best] == total);
  };

  out.Clear();
  out.hashes.reserve(n * 8);
  for (size_t s = 0; s < doc.sentence_begin.size(); ++s) {
    const size_t b = doc.sentence_begin[s], e = doc.SentenceEnd(s);
    auto label_at = [&](size_t i, int d) -> uint64_t {
      long j = long(i) + d;
      return j < long(b) || j >= long(e) ? 255 : labels[j];
    };
    for (size_t i = b; i < e; ++i) {
      auto& h = out.hashes;
      int own = LabelType(labels[i]) + 1;
      h.push_back(Feature(kLabelM1, label_at(i, -1)));
      h.push_back(Feature(kLabel0, labels[i]));
      h.push_back(Feature(kLabelP1, label_at(i, 1)));
      h.push_back(Feature(kLabelPair, label_at(i, -1) * 256 + label_at(i, 1)));
      uint64_t word_vote = vote(*by_word.Find(word_hash[i]), own);
      h.push_back(Feature(kDocWord, word_vote));
      h.push_back(Feature(kDocWordLabel, word_vote * 256 + labels[i]));
      {
        auto counts = *labels_of_word.Find(word_hash[i]);
        --counts[labels[i]];
        int best = -1;
        for (int l = 0; l < kLabels; ++l)
          if (counts[l] && (best < 0 || counts[l] > counts[best])) best = l;
        h.push_back(Feature(kDocWordFull, uint64_t(best + 1) * 256 + labels[i]));
      }
      if (capital_hash[i]) h.push_back(Feature(kDocCapital, vote(*by_capital.Find(capital_hash[i]), own)));
      out.offsets.push_back(uint32_t(h.size()));
    }
  }
}

}  // namespace sitrep::ner
