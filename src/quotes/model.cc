// Features are small strings hashed once ("w=said", "R|d3|that"); the side of the cue a
// token lies on is part of almost every role feature, since "X said Y" puts the source left
// and the content right while "Y, X said" turns both round.
#include "quotes/model.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <istream>
#include <ostream>
#include <random>
#include <type_traits>

// Inline: most feature parts are a few bytes, where a call costs more than the hash.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace sitrep::quotes {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

std::string Shape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size() && out.size() < 4;) {
    const auto c = static_cast<unsigned char>(s[i]);
    char k;
    size_t len = 1;
    if (c >= 'A' && c <= 'Z') k = 'X';
    else if (c >= 'a' && c <= 'z') k = 'x';
    else if (c >= '0' && c <= '9') k = 'd';
    else if (c < 0x80) k = char(c);
    else {
      len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      // Non-ASCII punctuation keeps its identity (quote marks, dashes); letters become 'u'.
      if (c == 0xE2 || c == 0xC2) {
        out += std::string(s.substr(i, len));
        i += len;
        continue;
      }
      k = 'u';
    }
    if (out.empty() || out.back() != k) out += k;
    i += len;
  }
  return out;
}

// +1 opening, -1 closing, 2 either (straight marks, decided by what is open), 0 none.
int MarkKind(std::string_view t) {
  if (t == "\"" || t == "'") return 2;
  if (t == "“" || t == "«" || t == "„" || t == "‘") return 1;
  if (t == "”" || t == "»" || t == "’") return -1;
  return 0;
}

// Quotation marks pair up within a paragraph; an opening mark never closed runs to the
// paragraph's end (the news convention for a quote that goes on in the next paragraph).
// A quotation left open at a paragraph's end and closed in the next one without opening
// again ("... summer.\n\nUntil then ... three hours,\" she said.") takes that paragraph's
// start up to its closing mark.
void MarkQuotations(std::vector<TokenInfo>& tokens, const Article& a) {
  int next_region = 0;
  size_t i = 0;
  int carried = -1;  // the region left open at the end of the paragraph before
  while (i < tokens.size()) {
    size_t end = i;
    while (end < tokens.size() && tokens[end].paragraph == tokens[i].paragraph) ++end;
    int open = -1;           // token index of the open mark
    std::string open_text;   // its text
    for (size_t j = i; j < end; ++j) {
      std::string_view t = a.Text(tokens[j].span);
      int kind = MarkKind(t);
      if (kind == 0) continue;
      const bool single = t == "'" || t == "‘" || t == "’";
      // A straight double mark that ends a word, with nothing opened in the paragraph, closes
      // the quotation carried over.
      const bool ends_word = j > i && tokens[j - 1].span.end == tokens[j].span.begin;
      if (carried >= 0 && open < 0 && !single && (kind == -1 || (kind == 2 && ends_word))) {
        tokens[j].quote_mark = -1;
        for (size_t k = i; k <= j; ++k) tokens[k].region = carried;
        carried = -1;
        continue;
      }
      if (kind == 2) kind = open >= 0 && open_text == t ? -1 : 1;
      if (kind == 1) carried = -1;  // the paragraph opens its own quotation
      if (single && kind == 1 && open >= 0) continue;  // apostrophes inside a quotation
      if (single && kind == -1 && (open < 0 || (open_text != "‘" && open_text != "'"))) continue;
      if (kind == 1 && open < 0) {
        open = int(j);
        open_text = std::string(t);
        tokens[j].quote_mark = 1;
      } else if (kind == -1 && open >= 0) {
        tokens[j].quote_mark = -1;
        for (size_t k = size_t(open); k <= j; ++k) tokens[k].region = next_region;
        ++next_region;
        open = -1;
      }
    }
    carried = -1;
    if (open >= 0) {
      for (size_t k = size_t(open); k < end; ++k) tokens[k].region = next_region;
      carried = next_region++;
    }
    i = end;
  }
}

const char* DistanceBucket(int d) {
  d = std::abs(d);
  static const char* kNear[] = {"0", "1", "2", "3", "4"};
  if (d <= 4) return kNear[d];
  if (d <= 7) return "5-7";
  if (d <= 12) return "8-12";
  if (d <= 20) return "13-20";
  if (d <= 40) return "21-40";
  return "41+";
}

constexpr uint64_t kFeatureSeed = 0x51ED270B27Bull;

uint64_t HashText(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

// A feature's hash so far and its next part's hash: cheap, and the order of parts counts.
uint64_t Mix(uint64_t h, uint64_t part) {
  h = (h ^ part) * 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 29);
}

// The feature id: every bit of the mixed parts reaches the low 32 (murmur3's finaliser).
uint32_t Finish(uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  return uint32_t(h ^ (h >> 33));
}

// The hashes of the literals features name ("w", "L", "y"): the same for every token, so
// each is hashed once. Keyed by address (a const char* part must be a literal or other static
// text), so one Heads serves every call of a feature function for the program's life (one a
// function and thread: a new one a call cost a sentence's features a memset and a hash of
// every literal). Two equal literals at two addresses take two slots.
class Heads {
 public:
  [[gnu::always_inline]] uint64_t Of(const char* text) {
    const auto a = reinterpret_cast<uintptr_t>(text);
    for (size_t i = (a * 0x9E3779B97F4A7C15ull) >> 54;; i = (i + 1) % kSlots) {
      Slot& s = slots_[i];
      if (s.text == text) [[likely]] return s.hash;
      if (s.text == nullptr) return Keep(s, text);
    }
  }

 private:
  struct Slot;
  // The first sight of a text (out of line: the hash is a lot of code).
  [[gnu::noinline]] uint64_t Keep(Slot& s, const char* text) {
    if (used_ >= kSlots / 2) return HashText(text);  // half full: hash without keeping
    ++used_;
    s = {text, HashText(text)};
    return s.hash;
  }
  struct Slot {
    const char* text = nullptr;
    uint64_t hash = 0;
  };
  static constexpr size_t kSlots = 1024;  // a function's names and literal parts fill under a fifth
  Slot slots_[kSlots];
  size_t used_ = 0;
};

// Hashes a feature part by part: each part's hash (worked out once for a token's words, or
// once a call for literals) mixed into the running one, so no string is built or rehashed.
// A sink starts a new row of `out` (a token's, or an edge candidate's) and adds to it.
// `kind` keeps apart models that share feature templates.
struct FeatureSink {
  FeatureSink(FeatureRows& rows, std::string_view kind = {}, Heads* heads = nullptr)
      : out(rows), heads(heads), start(kind.empty() ? kFeatureSeed : Mix(kFeatureSeed, HashText(kind))) {
    out.NewRow();
  }
  template <typename... Parts>
  [[gnu::always_inline]] void Add(const char* name, const Parts&... parts) {
    uint64_t h = Mix(start, Of(name));
    ((h = Mix(h, Of(parts))), ...);
    out.Add(Finish(h));
  }

 private:
  FeatureRows& out;
  Heads* heads;
  uint64_t start;
  static uint64_t Of(const HashedString& s) { return s.hash; }
  [[gnu::always_inline]] uint64_t Of(const char* s) const { return heads ? heads->Of(s) : HashText(s); }
  static uint64_t Of(std::string_view s) { return HashText(s); }
};

// Inflections folded together ("warned", "warns", "warning" -> "warn"), so a cue seen in
// one form counts for the others.
std::string Stem(const std::string& w) {
  for (std::string_view suffix : {"ing", "ed", "es", "s"})
    if (w.size() > suffix.size() + 2 && w.ends_with(suffix)) return w.substr(0, w.size() - suffix.size());
  return w;
}

std::vector<std::vector<bool>> BioAllowed(int kinds) {
  // Tags: 0 = O, then (B, I) per kind. I of a kind follows B or I of that kind only.
  const int tags = 1 + 2 * kinds;
  std::vector<std::vector<bool>> allowed(tags + 1, std::vector<bool>(tags, true));
  for (int p = 0; p <= tags; ++p)
    for (int k = 0; k < kinds; ++k) {
      const int in = 2 + 2 * k;
      allowed[p][in] = p == in || p == in - 1;
    }
  return allowed;
}

// Rate classes: how often a stem is a cue when seen, times whether it was seen often (5+).
constexpr const char* kRateNames[] = {"never",  "never+", "<5%",  "<5%+",  "<15%", "<15%+", "<35%",
                                      "<35%+",  "<60%",   "<60%+", "60%",  "60%+"};
constexpr uint8_t kEverCue = 2;  // the first class of stems that were a cue at least once
uint8_t RateClass(size_t cue, size_t seen) {
  const double r = seen ? double(cue) / seen : 0;
  const int bucket = cue == 0 ? 0 : r < 0.05 ? 1 : r < 0.15 ? 2 : r < 0.35 ? 3 : r < 0.6 ? 4 : 5;
  return uint8_t(2 * bucket + (seen >= 5));
}

// What the word beside a candidate cue is, in the classes that tell a speech verb's frame:
// "X said that", "he told", "has warned", "“...,” she added".
const char* WordClass(const TokenInfo& t) {
  if (t.quote_mark == 1) return "open";
  if (t.quote_mark == -1) return "close";
  // One lookup, not a compare a word: this runs for every token of every article.
  static const std::unordered_map<std::string_view, const char*> kWords = [] {
    std::unordered_map<std::string_view, const char*> m;
    auto add = [&](const char* cls, std::initializer_list<std::string_view> words) {
      for (std::string_view w : words) m.emplace(w, cls);
    };
    add("that", {"that"});
    add("to", {"to"});
    add("comma", {","});
    add("colon", {":", "—", "–", "-", "--"});
    add("det", {"the", "a", "an", "his", "her", "their", "its"});
    add("pron", {"he", "she", "they", "i", "we", "it", "you"});
    add("aux", {"has", "have", "had", "is", "was", "were", "are", "will", "would", "did", "does", "be", "been"});
    add("adv", {"also", "not", "never", "later", "previously", "repeatedly"});
    add("prep", {"in", "on", "of", "for", "about", "with", "by"});
    add("wh", {"how", "what", "why", "whether", "if", "when"});
    return m;
  }();
  if (t.lower.size() <= 10)
    if (auto it = kWords.find(t.lower); it != kWords.end()) return it->second;
  if (t.shape.starts_with("X")) return "cap";
  if (t.shape.starts_with("d")) return "num";
  if (t.shape.starts_with("x")) return "low";
  return "other";
}

// Punctuation that ends or starts a clause (content usually runs from one to another).
bool ClauseMark(const TokenInfo& t) {
  const std::string& w = t.lower;
  if (t.quote_mark != 0) return true;
  if (w.size() == 1) return std::string_view(",.:;?!()").find(w[0]) != std::string_view::npos;
  return w == "—" || w == "–";
}

const char* NeighbourClass(const ArticleView& v, int64_t i, uint32_t first, uint32_t last) {
  if (i < int64_t(first) || i >= int64_t(last)) return "edge";
  return v.tokens[i].word_class;
}

// Punctuation, a quotation mark, or a dash or ellipsis standing as a word.
bool PunctToken(const TokenInfo& t) {
  if (t.quote_mark != 0) return true;
  for (char c : t.lower)
    if (static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c))) {
      if (static_cast<unsigned char>(c) < 0x80) return false;  // a letter or digit: none of the marks below
      const std::string& w = t.lower;
      return w == "—" || w == "–" || w == "…" || w == "“" || w == "”" || w == "‘" || w == "’" || w == "«" || w == "»";
    }
  return true;
}

}  // namespace

HashedString::HashedString(std::string s) : std::string(std::move(s)), hash(HashText(*this)) {}

// HashFeature's id is the low half of the 64-bit hash a HashedString carries.
const char* CueLexicon::ClassOf(const HashedString& stem) const {
  const int c = RateOf(uint32_t(stem.hash));
  return c < 0 || size_t(c) >= std::size(kRateNames) ? "unseen" : kRateNames[c];
}

namespace {
constexpr uint32_t kNoStem = 0xFFFFFFFFu;
uint32_t StemHome(uint32_t key, uint32_t mask) { return uint32_t((key * 0x9e3779b97f4a7c15ULL) >> 32) & mask; }
}  // namespace

int CueLexicon::RateOf(uint32_t key) const {
  if (frozen_size_ != rate.size() || flat_.empty() || key == kNoStem) {
    auto it = rate.find(key);
    return it == rate.end() ? -1 : it->second;
  }
  for (uint32_t i = StemHome(key, mask_);; i = (i + 1) & mask_) {
    if (flat_[i].first == key) return flat_[i].second;
    if (flat_[i].first == kNoStem) return -1;
  }
}

void CueLexicon::Freeze() {
  size_t capacity = 64;
  while (capacity < 2 * rate.size() + 2) capacity *= 2;
  flat_.assign(capacity, {kNoStem, 0});
  mask_ = uint32_t(capacity - 1);
  for (auto [key, c] : rate) {
    if (key == kNoStem) continue;  // looked up in the map
    uint32_t i = StemHome(key, mask_);
    while (flat_[i].first != kNoStem) i = (i + 1) & mask_;
    flat_[i] = {key, c};
  }
  frozen_size_ = rate.size();
}

const char* CueLexicon::Class(const std::string& stem) const { return ClassOf(HashedString(stem)); }

QuoteModel::QuoteModel() : cues(3, BioAllowed(1)), roles(5, BioAllowed(2)) {}

bool QuoteModel::Load(std::istream& in) {
  if (!cues.Load(in) || !roles.Load(in) || !starts.Load(in) || !ends.Load(in) ||
      !source_starts.Load(in) || !source_ends.Load(in))
    return false;
  float b = 0;
  if (!in.read(reinterpret_cast<char*>(&b), sizeof b)) return false;
  cue_bias = {0.f, b, 0.f};
  char magic[4];
  uint32_t n = 0;
  if (!in.read(magic, 4) || std::string_view(magic, 4) != "SQL1") return false;
  if (!in.read(reinterpret_cast<char*>(&n), sizeof n)) return false;
  lexicon.rate.clear();
  lexicon.rate.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t key;
    uint8_t c;
    if (!in.read(reinterpret_cast<char*>(&key), sizeof key) || !in.read(reinterpret_cast<char*>(&c), 1)) return false;
    lexicon.rate[key] = c;
  }
  lexicon.Freeze();
  return true;
}
void QuoteModel::Save(std::ostream& out) const {
  cues.Save(out);
  roles.Save(out);
  starts.Save(out);
  ends.Save(out);
  source_starts.Save(out);
  source_ends.Save(out);
  const float b = cue_bias.size() > 1 ? cue_bias[1] : 0.f;
  out.write(reinterpret_cast<const char*>(&b), sizeof b);
  out.write("SQL1", 4);
  const uint32_t n = uint32_t(lexicon.rate.size());
  out.write(reinterpret_cast<const char*>(&n), sizeof n);
  for (auto [key, c] : lexicon.rate) {
    out.write(reinterpret_cast<const char*>(&key), sizeof key);
    out.write(reinterpret_cast<const char*>(&c), 1);
  }
}

Span GoldAttribution::ContentHull() const {
  if (content.empty()) return {};
  return {content.front().begin, content.back().end};
}

ArticleView ViewOf(const Article& a) {
  ArticleView v;
  v.article = &a;
  v.tokens.reserve(a.tokens.size());
  size_t s = 0, p = 0;
  for (const Span& t : a.tokens) {
    while (s + 1 < a.sentences.size() && a.sentences[s].span.end <= t.begin) ++s;
    while (p + 1 < a.paragraphs.size() && a.paragraphs[p].end <= t.begin) ++p;
    std::string_view text = a.Text(t);
    TokenInfo& info = v.tokens.emplace_back();
    info.span = t;
    info.lower = HashedString(Lower(text));
    info.shape = HashedString(Shape(text));
    info.sentence = uint32_t(s);
    info.paragraph = uint32_t(p);
  }
  MarkQuotations(v.tokens, a);
  for (TokenInfo& t : v.tokens) {
    t.stem = HashedString(Stem(t.lower));
    t.word_class = WordClass(t);
    t.punct = PunctToken(t);
    t.comma = t.lower == ",";
    t.clause_mark = ClauseMark(t);
  }
  // Sentences as token ranges, numbered anew so a sentence without tokens leaves no gap.
  for (uint32_t i = 0; i < v.tokens.size();) {
    uint32_t j = i;
    while (j < v.tokens.size() && v.tokens[j].sentence == v.tokens[i].sentence) ++j;
    for (uint32_t k = i; k < j; ++k) v.tokens[k].sentence = uint32_t(v.sentences.size());
    v.sentences.push_back({i, j});
    i = j;
  }
  return v;
}

FeatureRows CueFeatures(const ArticleView& v, uint32_t first, uint32_t last, const CueLexicon& lexicon) {
  FeatureRows out;
  out.reserve(last - first, size_t(last - first) * 48);
  static const HashedString kNone("<none>");
  auto word = [&](int64_t i) -> const HashedString& {
    return i < first || i >= last ? kNone : v.tokens[i].lower;
  };
  std::vector<const char*> rates(last - first);
  for (uint32_t i = first; i < last; ++i) rates[i - first] = lexicon.ClassOf(v.tokens[i].stem);
  static const HashedString kNoneStem(Stem(kNone));
  thread_local Heads heads;
  // The sentence's quotation, and one that ends the sentence before or opens the next: a cue
  // outside a quotation is likelier in a sentence that holds one or stands beside one.
  int64_t quote_first = -1, quote_last = -1;
  for (uint32_t k = first; k < last; ++k)
    if (v.tokens[k].region >= 0) {
      if (quote_first < 0) quote_first = k;
      quote_last = k;
    }
  const bool quote_before = first > 0 && v.tokens[first - 1].region >= 0;
  const bool quote_after = last < v.tokens.size() && v.tokens[last].region >= 0;
  const char* beside = quote_before ? (quote_after ? "both" : "before") : quote_after ? "after" : "none";
  for (uint32_t i = first; i < last; ++i) {
    FeatureSink f{out, {}, &heads};
    const TokenInfo& t = v.tokens[i];
    const HashedString& w = t.lower;
    f.Add("b");
    f.Add("w", w);
    const HashedString& stem = t.stem;
    f.Add("st", stem);
    f.Add("pst", word(int64_t(i) - 1), stem);
    f.Add("stn", stem, word(i + 1));
    f.Add("stsh", i > first ? v.tokens[i - 1].stem : kNoneStem, i > first ? v.tokens[i - 1].shape : "<s>", stem);
    f.Add("p2st", i > first + 1 ? v.tokens[i - 2].shape : "<s>", i > first ? v.tokens[i - 1].shape : "<s>", stem);
    f.Add("s3", std::string_view(w).substr(w.size() > 3 ? w.size() - 3 : 0));
    f.Add("sh", t.shape);
    f.Add("p1", word(int64_t(i) - 1));
    f.Add("n1", word(i + 1));
    f.Add("p2", word(int64_t(i) - 2));
    f.Add("n2", word(i + 2));
    f.Add("p1w", word(int64_t(i) - 1), w);
    f.Add("wn1", w, word(i + 1));
    f.Add("wn2", w, word(i + 1), word(i + 2));
    f.Add("q", t.region >= 0 ? "in" : "out", t.quote_mark ? "mark" : "");
    f.Add("qw", t.region >= 0 ? "in" : "out", w);
    f.Add("pos", i == first ? "first" : i + 1 == last ? "last" : "mid");
    if (i > first) f.Add("psh", v.tokens[i - 1].shape, t.shape);
    if (i + 1 < last) f.Add("nsh", t.shape, v.tokens[i + 1].shape);
    // Quotation nearby: a quote that ends just before or starts just after the word.
    bool quote_left = false, quote_right = false;
    for (uint32_t k = i; k > first && k + 4 > i; --k) quote_left |= v.tokens[k - 1].quote_mark == -1;
    for (uint32_t k = i + 1; k < last && k < i + 4; ++k) quote_right |= v.tokens[k].quote_mark == 1;
    f.Add("ql", quote_left ? "y" : "n", quote_right ? "y" : "n");
    f.Add("qlw", quote_left ? "y" : "n", quote_right ? "y" : "n", w);
    // The word's cue rate in training and the frame around it generalise to cue words seen
    // too rarely for their own weights to count.
    const char* lex = rates[i - first];
    const char* before = NeighbourClass(v, int64_t(i) - 1, first, last);
    const char* after = NeighbourClass(v, int64_t(i) + 1, first, last);
    const char* before2 = NeighbourClass(v, int64_t(i) - 2, first, last);
    const char* lex_prev = i > first ? rates[i - first - 1] : "edge";
    f.Add("lx", lex);
    f.Add("lxa", lex, after);
    f.Add("lxb", lex, before);
    f.Add("lxba", lex, before, after);
    f.Add("lxp", lex_prev, lex);
    f.Add("lxq", lex, quote_left ? "y" : "n", quote_right ? "y" : "n");
    f.Add("ba", before, after);
    f.Add("bba", before2, before, after);
    f.Add("bas3", before, after, std::string_view(w).substr(w.size() > 2 ? w.size() - 2 : 0));
    f.Add("stb", stem, before);
    f.Add("sta", stem, after);
    {
      const char* where = quote_first < 0 ? "none" : t.region >= 0 ? "in" : int64_t(i) < quote_first ? "left" : "right";
      const int d = quote_first < 0 || t.region >= 0 ? 0 : int64_t(i) < quote_first ? int(quote_first - i) : int(i - quote_last);
      f.Add("sq", where, beside);
      f.Add("sqlx", where, beside, lex);
      f.Add("sqd", where, DistanceBucket(d), lex);
    }
    // "…,” as the spokesman put it" / "as she said": "as" opening the clause, then its verb.
    {
      bool as_clause = false;
      for (uint32_t k = i; k > first && k + 6 > i; --k) {
        const TokenInfo& l = v.tokens[k - 1];
        if (l.punct) break;
        if (l.lower == "as") {
          as_clause = k - 1 == first || v.tokens[k - 2].punct;
          break;
        }
      }
      if (as_clause) f.Add("as", after, lex);
    }
  }
  return out;
}

namespace {
std::string CueWords(const ArticleView& v, TokenRange cue);  // "said", "according to"
}  // namespace

TokenRange RoleWindow(const ArticleView& v, TokenRange cue) {
  const uint32_t s = v.tokens[cue.begin].sentence;
  const uint32_t first_s = s > 0 ? s - 1 : 0;
  const uint32_t last_s = std::min<uint32_t>(s + 2, uint32_t(v.sentences.size()));
  TokenRange w{v.sentences[first_s].first, v.sentences[last_s - 1].second};
  // Long windows cost time and add nothing: keep 80 tokens each side of the cue at most.
  w.begin = std::max<int64_t>(w.begin, int64_t(cue.begin) - 80);
  w.end = std::min<uint32_t>(w.end, cue.end + 120);
  return w;
}

namespace {
const char* Opener(const ArticleView& v, uint32_t i);  // with the content edges below
}  // namespace

FeatureRows RoleFeatures(const ArticleView& v, TokenRange window, TokenRange cue,
                         const std::vector<bool>& other_cue, const CueLexicon& lexicon) {
  const size_t n = window.end - window.begin;
  FeatureRows out;
  out.reserve(n, n * 48);
  const HashedString cue_words(CueWords(v, cue));
  const TokenInfo& cue_first = v.tokens[cue.begin];
  const int cue_region = cue_first.region;
  static const HashedString kEnd("<end>"), kStart("<start>");
  const HashedString& cue_next = cue.end < v.tokens.size() ? v.tokens[cue.end].lower : kEnd;
  const HashedString& cue_prev = cue.begin > 0 ? v.tokens[cue.begin - 1].lower : kStart;
  // Rare cues borrow from common ones through their last word's stem and its cue rate.
  const HashedString& cue_stem = v.tokens[cue.end - 1].stem;
  const char* cue_rate = lexicon.ClassOf(cue_stem);
  // Commas and quote marks between each token and the cue, counted outward from it.
  std::vector<int> commas(n, 0), marks(n, 0);
  for (int64_t i = int64_t(cue.begin) - 1, c = 0, m = 0; i >= int64_t(window.begin); --i) {
    commas[i - window.begin] = int(c);
    marks[i - window.begin] = int(m);
    c += v.tokens[i].comma;
    m += v.tokens[i].quote_mark != 0;
  }
  for (uint32_t i = cue.end, c = 0, m = 0; i < window.end; ++i) {
    c += v.tokens[i].comma;
    m += v.tokens[i].quote_mark != 0;
    commas[i - window.begin] = int(c);
    marks[i - window.begin] = int(m);
  }
  // The punctuation that ends and starts each token's clause: content usually runs from
  // one such mark to another, so the mark ahead tells a token whether the clause goes on.
  auto is_punct = [&](uint32_t i) { return v.tokens[i].clause_mark; };
  static const HashedString kEos("<eos>"), kBos("<bos>"), kQuote("q");
  std::vector<const HashedString*> next_punct(n), prev_punct(n);
  std::vector<int> to_next(n), from_prev(n);
  // The word that opens what follows the mark ahead: ", and she" ends a clause, ", and
  // the port's" may not.
  std::vector<const char*> next_opener(n);
  const char* last_opener = "<eos>";
  for (uint32_t i = window.end, last = window.end; i-- > window.begin;) {
    const bool sentence_end = i + 1 == v.sentences[v.tokens[i].sentence].second;
    if (sentence_end) last = window.end;
    next_punct[i - window.begin] = last == window.end ? &kEos : v.tokens[last].quote_mark ? &kQuote : &v.tokens[last].lower;
    next_opener[i - window.begin] = last == window.end ? "<eos>" : last_opener;
    to_next[i - window.begin] = last == window.end ? 99 : int(last - i);
    if (is_punct(i)) last = i, last_opener = Opener(v, i + 1);
  }
  for (uint32_t i = window.begin, last = window.end; i < window.end; ++i) {
    if (i == v.sentences[v.tokens[i].sentence].first) last = window.end;
    prev_punct[i - window.begin] = last == window.end ? &kBos : v.tokens[last].quote_mark ? &kQuote : &v.tokens[last].lower;
    from_prev[i - window.begin] = last == window.end ? 99 : int(i - last);
    if (is_punct(i)) last = i;
  }
  // A quotation closed before the cue in its sentence ("“...,” she said. “...”") often goes
  // on in the next sentence.
  bool quote_before_cue = false;
  for (uint32_t i = v.sentences[cue_first.sentence].first; i < cue.begin; ++i)
    quote_before_cue |= v.tokens[i].quote_mark == -1;
  static const HashedString kNone("<none>");
  // Small counts as feature parts, hashed once: -2 .. 3.
  static const HashedString kCounts[] = {HashedString("-2"), HashedString("-1"), HashedString("0"),
                                         HashedString("1"), HashedString("2"), HashedString("3")};
  auto count = [](int n) -> const HashedString& { return kCounts[n + 2]; };
  thread_local Heads heads;
  for (uint32_t i = window.begin; i < window.end; ++i) {
    FeatureSink f{out, {}, &heads};
    const HashedString& np = *next_punct[i - window.begin];
    const HashedString& pp = *prev_punct[i - window.begin];
    const char* nd = DistanceBucket(std::min(to_next[i - window.begin], 50));
    const char* pd = DistanceBucket(std::min(from_prev[i - window.begin], 50));
    const TokenInfo& t = v.tokens[i];
    const bool inside = i >= cue.begin && i < cue.end;
    const int d = i < cue.begin ? int(i) - int(cue.begin) : inside ? 0 : int(i) - int(cue.end) + 1;
    const char* side = inside ? "C" : d < 0 ? "L" : "R";
    const char* db = DistanceBucket(d);
    const int sd = std::clamp(int(t.sentence) - int(cue_first.sentence), -2, 2);
    const HashedString& sds = count(sd);
    const HashedString& cm = count(std::min(commas[i - window.begin], 3));
    const HashedString& qm = count(std::min(marks[i - window.begin], 3));
    const char* q = t.region < 0 ? "out" : t.region == cue_region ? "same" : "in";
    const HashedString& prev = i > window.begin ? v.tokens[i - 1].lower : kNone;
    const HashedString& next = i + 1 < window.end ? v.tokens[i + 1].lower : kNone;
    f.Add("b");
    f.Add("side", side, db);
    f.Add("sd", side, sds);
    f.Add("w", side, t.lower, sds);
    f.Add("sh", side, t.shape, sds);
    f.Add("p1", side, prev, sds);
    f.Add("n1", side, next, sds);
    f.Add("wnp", side, t.lower, np);
    f.Add("cue", side, cue_words);
    f.Add("cued", side, cue_words, db);
    f.Add("cuest", side, cue_stem, db);
    f.Add("cuelx", side, cue_rate, db);
    f.Add("cuelxn", side, cue_rate, cue_next);
    f.Add("cuen", side, cue_next);
    f.Add("cuep", side, cue_prev);
    f.Add("cuenw", side, cue_next, db);
    f.Add("cm", side, cm);
    f.Add("cmd", side, cm, db);
    f.Add("qm", side, qm, q);
    f.Add("q", side, q, sds);
    f.Add("qcue", side, q, cue_first.region >= 0 ? "cuein" : "cueout");
    f.Add("mark", side, t.quote_mark == 1 ? "open" : t.quote_mark == -1 ? "close" : "-");
    f.Add("oc", side, other_cue[i] ? "cue" : "-", db);
    f.Add("sdq", side, sds, qm, cm);
    if (std::abs(d) <= 3) f.Add("wd", side, t.lower, db);
    f.Add("first", side, i == v.sentences[t.sentence].first ? "y" : "n", sds);
    f.Add("last", side, i + 1 == v.sentences[t.sentence].second ? "y" : "n", sds);
    f.Add("para", side, t.paragraph == cue_first.paragraph ? "same" : "other");
    f.Add("np", side, np, sds);
    f.Add("pp", side, pp, sds);
    f.Add("npp", side, pp, np, sds);
    f.Add("npcm", side, np, cm);
    f.Add("ppcm", side, pp, cm);
    f.Add("npd", side, np, nd);
    f.Add("ppd", side, pp, pd);
    f.Add("npq", side, np, q);
    f.Add("cont", side, sds, q, quote_before_cue ? "qb" : "-");
    f.Add("npcue", side, np, cue_words);
    f.Add("npo", side, np, next_opener[i - window.begin]);
    f.Add("ppcue", side, pp, cue_words);
  }
  return out;
}

namespace {

std::vector<TokenRange> Chunks(const std::vector<int>& tags, int begin_tag, uint32_t offset) {
  std::vector<TokenRange> out;
  for (uint32_t i = 0; i < tags.size(); ++i) {
    if (tags[i] == begin_tag) out.push_back({offset + i, offset + i + 1});
    else if (tags[i] == begin_tag + 1 && !out.empty() && out.back().end == offset + i) out.back().end++;
  }
  return out;
}

}  // namespace

// ---- content boundaries ----
//
// The tagger sees one token at a time and often stops a clause short ("to visit" of "to
// visit polling stations on Election Day"). Content nearly always starts and ends at a
// clause edge (punctuation, a sentence break, the cue), so a ranker picks among those edges,
// starting from the tagger's guess.

namespace {

bool IsPunct(const ArticleView& v, uint32_t i) { return v.tokens[i].punct; }

bool SentenceStart(const ArticleView& v, uint32_t i) {
  return i < v.tokens.size() && v.sentences[v.tokens[i].sentence].first == i;
}

// [first, last) of word tokens in a token range (punctuation at either end left out).
TokenRange Words(const ArticleView& v, TokenRange r) {
  while (r.begin < r.end && IsPunct(v, r.begin)) ++r.begin;
  while (r.end > r.begin && IsPunct(v, r.end - 1)) --r.end;
  return r;
}

struct Edges {
  std::vector<uint32_t> at;
  FeatureRows features;  // a row a candidate
};

// A small count as feature text, clipped to [lo, hi] (within -4 .. 4).
const char* Clip(int n, int lo, int hi) {
  static const char* const kText[] = {"-4", "-3", "-2", "-1", "0", "1", "2", "3", "4"};
  return kText[std::clamp(n, lo, hi) + 4];
}

// Which bytes some word of a list starts with.
template <size_t N>
std::array<bool, 256> FirstLetters(const std::string_view (&words)[N]) {
  std::array<bool, 256> first{};
  for (std::string_view w : words) first[static_cast<unsigned char>(w[0])] = true;
  return first;
}

// The kind of word that opens what follows a clause edge: a conjunction or relative word
// starts a new clause (", and she ...", ", which ..."), a participle a clause of its own
// (", putting ..."); "and" + a noun may go on listing.
const char* Opener(const ArticleView& v, uint32_t i) {
  if (i >= v.tokens.size()) return "<end>";
  const TokenInfo& t = v.tokens[i];
  static constexpr std::string_view kOpeners[] = {"and", "but", "or", "which", "who", "whom", "whose", "where",
                                                  "while", "although", "though", "because", "as", "so", "since",
                                                  "after", "before", "including", "according", "said", "says"};
  // Most words start with a letter none of these does: no compares for them.
  static const std::array<bool, 256> kFirst = FirstLetters(kOpeners);
  if (!t.lower.empty() && kFirst[static_cast<unsigned char>(t.lower[0])])
    for (std::string_view w : kOpeners)
      if (t.lower == w) return w.data();
  if (t.lower.size() > 4 && t.lower.ends_with("ing")) return "ing";
  if (t.lower.size() > 3 && t.lower.ends_with("ed")) return "ed";
  return t.word_class;
}

// Words that join a clause on without punctuation: "... said the plan failed and resigned",
// "... warned of a crisis when the port closed".
bool Joiner(const TokenInfo& t) {
  static constexpr std::string_view kJoiners[] = {"and", "but", "when", "while", "as", "after", "before",
                                                  "because", "since", "although", "though", "where", "who",
                                                  "which", "until", "unless"};
  static const std::array<bool, 256> kFirst = FirstLetters(kJoiners);
  if (t.lower.empty() || !kFirst[static_cast<unsigned char>(t.lower[0])]) return false;
  for (std::string_view w : kJoiners)
    if (t.lower == w) return true;
  return false;
}

// A clause break at token i: punctuation and the opener after it (", and", "— a", ". The"),
// a joining word and the word after it ("and he"), or "" for any other word.
std::string BreakAt(const ArticleView& v, uint32_t i) {
  if (!IsPunct(v, i)) return Joiner(v.tokens[i]) ? "_ " + v.tokens[i].lower + " " + Opener(v, i + 1) : std::string();
  const TokenInfo& t = v.tokens[i];
  const char* mark = t.quote_mark ? "q" : SentenceStart(v, i + 1) ? "eos" : t.lower.c_str();
  uint32_t j = i + 1;
  while (j < v.tokens.size() && IsPunct(v, j) && !SentenceStart(v, j)) ++j;
  return std::string(mark) + " " + Opener(v, j);
}

// Where content may end: after a word that punctuation, a sentence break, the cue or a joining
// word ("and", "when") follows.
// `near` (sources, which end anywhere in a phrase): also every position inside the guess and
// `near` beyond it. `other_cue`: the tokens of the window's other cues.
Edges EndEdges(const ArticleView& v, TokenRange window, TokenRange cue, const std::vector<bool>& other_cue,
               TokenRange guess, const std::string& cue_words, std::string_view kind = {}, uint32_t near = 0) {
  Edges e;
  for (uint32_t end = guess.begin + 1; end <= window.end; ++end) {
    if (IsPunct(v, end - 1)) continue;
    const bool edge = end == window.end || IsPunct(v, end) || SentenceStart(v, end) ||
                      end == cue.begin || end == guess.end || Joiner(v.tokens[end]) ||
                      (near && end <= guess.end + near);
    if (edge) e.at.push_back(end);
  }
  int guess_index = 0;
  for (size_t k = 0; k < e.at.size(); ++k)
    if (e.at[k] <= guess.end) guess_index = int(k);
  const TokenInfo& first = v.tokens[guess.begin];
  const uint32_t cue_sentence = v.tokens[cue.begin].sentence;
  const HashedString& cue_stem = v.tokens[cue.end - 1].stem;
  static const HashedString kEos("<eos>"), kEnd("<end>");
  thread_local Heads heads;
  int other_cues = 0;  // other cues' first tokens in [guess.begin, end)
  // The clause breaks a span ending at each edge runs over (", and she ...", ", which ..."):
  // each kind once.
  std::vector<std::string> crossed_breaks;
  for (size_t k = 0, i = guess.begin; k < e.at.size(); ++k) {
    const uint32_t end = e.at[k];
    for (; i < end; ++i) {
      other_cues += other_cue[i] && (i == 0 || !other_cue[i - 1]);
      if ((i < cue.begin || i >= cue.end) && i > guess.begin && !IsPunct(v, i - 1)) {
        std::string b = BreakAt(v, i);
        if (!b.empty() && std::find(crossed_breaks.begin(), crossed_breaks.end(), b) == crossed_breaks.end())
          crossed_breaks.push_back(std::move(b));
      }
    }
    FeatureSink f{e.features, kind, &heads};
    const TokenInfo& last = v.tokens[end - 1];
    const HashedString& next = end < v.tokens.size() && !SentenceStart(v, end) ? v.tokens[end].lower : kEos;
    const bool spans_cue = guess.begin < cue.begin && end > cue.begin;
    const char* side = end <= cue.begin ? "L" : guess.begin >= cue.end ? "R" : "LR";
    const char* rel = Clip(int(k) - guess_index, -4, 4);
    f.Add("rel", rel);
    f.Add("relside", rel, side);
    f.Add("next", side, next);
    f.Add("nextrel", next, rel);
    f.Add("nextcue", side, next, cue_words);
    f.Add("last", side, last.lower);
    f.Add("lastnext", last.lower, next);
    f.Add("sd", side, Clip(int(last.sentence) - int(cue_sentence), -2, 2), Clip(int(last.sentence) - int(first.sentence), 0, 2));
    f.Add("span", spans_cue ? "cue" : "-", next);
    f.Add("q", last.region < 0 ? "out" : last.region == first.region ? "same" : "other", next);
    f.Add("para", last.paragraph == first.paragraph ? "same" : "other", side);
    f.Add("len", side, DistanceBucket(int(end - guess.begin)));
    f.Add("next2", next, end + 1 < v.tokens.size() ? v.tokens[end + 1].lower : kEnd);
    f.Add("atcue", end == cue.begin ? "y" : "n", side);
    // The kind of word that follows ("has", "who", a name) tells a phrase's end from a cut
    // inside it: a source is a noun phrase, and the tagger's often runs on into a clause.
    f.Add("nextcl", side, NeighbourClass(v, end, window.begin, window.end), last.shape);
    // Another cue inside the span starts another attribution ("..., and she warned that ...").
    const char* crossed = other_cues == 0 ? "0" : other_cues == 1 ? "1" : "2+";
    f.Add("xcue", side, crossed);
    f.Add("xcuenext", crossed, next);
    const std::string at_break = end < v.tokens.size() ? BreakAt(v, end) : "<end>";
    f.Add("brk", side, at_break.empty() ? "-" : at_break);
    // What the cue's frame takes: "endorsed" a short noun phrase, "said" a whole clause.
    f.Add("lencue", side, cue_stem, DistanceBucket(int(end - guess.begin)));
    f.Add("brkcue", side, cue_stem, at_break.empty() ? "-" : at_break);
    for (const std::string& b : crossed_breaks) f.Add("xbrk", side, b);
  }
  return e;
}

// Where content may start: at a word after punctuation, a sentence break or the cue, or at a
// "that" after the cue ("told reporters in May that ...").
Edges StartEdges(const ArticleView& v, TokenRange window, TokenRange cue, const std::vector<bool>& other_cue,
                 TokenRange guess, const std::string& cue_words, std::string_view kind = {}, uint32_t near = 0) {
  Edges e;
  for (uint32_t begin = window.begin; begin < guess.end; ++begin) {
    if (IsPunct(v, begin) || (begin >= cue.begin && begin < cue.end)) continue;
    const bool edge = begin == window.begin || IsPunct(v, begin - 1) || SentenceStart(v, begin) ||
                      begin == cue.end || begin == cue.end + 1 || begin == guess.begin ||
                      (begin > cue.end && v.tokens[begin].lower == "that") ||
                      (near && begin + near >= guess.begin);
    if (edge) e.at.push_back(begin);
  }
  int guess_index = 0;
  for (size_t k = 0; k < e.at.size(); ++k)
    if (e.at[k] <= guess.begin) guess_index = int(k);
  const TokenInfo& last = v.tokens[guess.end - 1];
  const uint32_t cue_sentence = v.tokens[cue.begin].sentence;
  static const HashedString kBos("<bos>");
  thread_local Heads heads;
  // Other cues' first tokens in [begin, guess.end), counted from the nearest start outward.
  std::vector<int> other_cues(e.at.size(), 0);
  // The clause breaks a span starting at each edge runs over, each kind once (as for ends):
  // the first crossed_breaks[k] of `breaks`.
  std::vector<size_t> crossed_breaks(e.at.size());
  std::vector<std::string> breaks;
  for (size_t k = e.at.size(), i = guess.end, n = 0; k-- > 0;) {
    for (; i > e.at[k]; --i) {
      n += other_cue[i - 1] && (i - 1 == 0 || !other_cue[i - 2]);
      const uint32_t at = uint32_t(i - 1);
      if ((at < cue.begin || at >= cue.end) && at + 1 < guess.end && at > e.at[k] && !IsPunct(v, at - 1)) {
        std::string b = BreakAt(v, at);
        if (!b.empty() && std::find(breaks.begin(), breaks.end(), b) == breaks.end()) breaks.push_back(std::move(b));
      }
    }
    other_cues[k] = int(n);
    crossed_breaks[k] = breaks.size();
  }
  for (size_t k = 0; k < e.at.size(); ++k) {
    const uint32_t begin = e.at[k];
    const char* crossed = other_cues[k] == 0 ? "0" : other_cues[k] == 1 ? "1" : "2+";
    FeatureSink f{e.features, kind, &heads};
    const TokenInfo& first = v.tokens[begin];
    const HashedString& prev = begin > 0 && !SentenceStart(v, begin) ? v.tokens[begin - 1].lower : kBos;
    const char* side = begin >= cue.end ? "R" : guess.end <= cue.begin ? "L" : "LR";
    const char* rel = Clip(int(k) - guess_index, -4, 4);
    f.Add("rel", rel);
    f.Add("relside", rel, side);
    f.Add("prev", side, prev);
    f.Add("prevrel", prev, rel);
    f.Add("prevcue", side, prev, cue_words);
    f.Add("first", side, first.lower);
    f.Add("prevfirst", prev, first.lower);
    f.Add("sd", side, Clip(int(first.sentence) - int(cue_sentence), -2, 2));
    f.Add("q", first.region < 0 ? "out" : first.region == last.region ? "same" : "other", prev);
    f.Add("aftercue", begin == cue.end ? "0" : begin == cue.end + 1 ? "1" : "-", first.lower);
    f.Add("aftercuew", begin == cue.end ? "0" : begin == cue.end + 1 ? "1" : "-", cue_words);
    f.Add("len", side, DistanceBucket(int(guess.end - begin)));
    f.Add("prevcl", side, NeighbourClass(v, int64_t(begin) - 1, window.begin, window.end), first.shape);
    f.Add("xcue", side, crossed);
    f.Add("xcueprev", crossed, prev);
    for (size_t b = 0; b < crossed_breaks[k]; ++b) f.Add("xbrk", side, breaks[b]);
  }
  return e;
}

std::string CueWords(const ArticleView& v, TokenRange cue) {
  std::string out;
  for (uint32_t i = cue.begin; i < cue.end; ++i) out += (i > cue.begin ? " " : "") + v.tokens[i].lower;
  return out;
}

// Sources end and start anywhere within a phrase ("the harbour's chief engineer"), and the
// tagger's often runs on into a clause ("the mayor has warned"), so their rankers also weigh
// every position inside the tagger's source and the three beyond its edges.
constexpr uint32_t kSourceNear = 3;
constexpr std::string_view kSourceKind = "source";

TokenRange AdjustSource(const QuoteModel& m, const ArticleView& v, TokenRange window, TokenRange cue,
                        const std::vector<bool>& other_cue, TokenRange guess) {
  const std::string cue_words = CueWords(v, cue);
  TokenRange words = Words(v, guess);
  if (words.empty()) return guess;
  Edges starts = StartEdges(v, window, cue, other_cue, words, cue_words, kSourceKind, kSourceNear);
  if (!starts.at.empty()) words.begin = starts.at[m.source_starts.Best(starts.features)];
  Edges ends = EndEdges(v, window, cue, other_cue, words, cue_words, kSourceKind, kSourceNear);
  if (!ends.at.empty()) words.end = ends.at[m.source_ends.Best(ends.features)];
  return words;
}

// The tagger's content, its edges moved by the rankers.
TokenRange AdjustContent(const QuoteModel& m, const ArticleView& v, TokenRange window, TokenRange cue,
                         const std::vector<bool>& other_cue, TokenRange guess) {
  const std::string cue_words = CueWords(v, cue);
  TokenRange words = Words(v, guess);
  if (words.empty()) return guess;
  Edges starts = StartEdges(v, window, cue, other_cue, words, cue_words);
  if (!starts.at.empty()) words.begin = starts.at[m.starts.Best(starts.features)];
  Edges ends = EndEdges(v, window, cue, other_cue, words, cue_words);
  if (!ends.at.empty()) words.end = ends.at[m.ends.Best(ends.features)];
  // Keep the quotation marks that open and close the content, as the tagger does.
  if (words.begin > guess.begin && words.begin > 0 && v.tokens[words.begin - 1].quote_mark == 1) --words.begin;
  if (words.end < v.tokens.size() && v.tokens[words.end].quote_mark == -1) ++words.end;
  return words;
}

// Content on both sides of the cue is one quotation around it ("“A,” she said, “B.”") when
// both sides are substantial; a scrap on one side is the tagger's mistake, and taking the
// hull over it would swallow the source and the cue.
std::vector<TokenRange> MainContent(std::vector<TokenRange> chunks, TokenRange cue) {
  constexpr uint32_t kScrap = 2;  // tokens; chosen on a held-out sixth of the training articles
  uint32_t left = 0, right = 0;
  for (TokenRange r : chunks) (r.end <= cue.begin ? left : right) += r.end - r.begin;
  if (left == 0 || right == 0) return chunks;
  const bool keep_left = left > right;
  if ((keep_left ? right : left) >= kScrap) return chunks;
  std::erase_if(chunks, [&](TokenRange r) { return (r.end <= cue.begin) != keep_left; });
  return chunks;
}

}  // namespace

namespace {

// Whether the cue tagger could find a cue in the sentence: it holds a quotation mark or a word
// that was a cue somewhere in training (words too rare to be counted do not count). The
// tagger finds nothing in the others (PolNeAR dev: the same figures; README, Measured #10),
// and skipping them saves their features and decoding.
bool MayHoldCue(const QuoteModel& m, const ArticleView& v, uint32_t first, uint32_t last) {
  for (uint32_t i = first; i < last; ++i) {
    const TokenInfo& t = v.tokens[i];
    if (t.quote_mark != 0 || t.region >= 0) return true;
    if (t.punct) continue;
    if (m.lexicon.RateOf(uint32_t(t.stem.hash)) >= kEverCue) return true;
  }
  return false;
}

}  // namespace

std::vector<TokenRange> FindCues(const QuoteModel& m, const ArticleView& v) {
  std::vector<TokenRange> out;
  for (auto [first, last] : v.sentences) {
    if (!MayHoldCue(m, v, first, last)) continue;
    auto tags = m.cues.Decode(CueFeatures(v, first, last, m.lexicon), m.cue_bias);
    for (TokenRange r : Chunks(tags, kCueBegin, first)) out.push_back(r);
  }
  return out;
}

std::vector<TokenAttribution> FindTokenAttributions(const QuoteModel& m, const ArticleView& v) {
  return AttributionsForCues(m, v, FindCues(m, v));
}

std::vector<TokenAttribution> AttributionsForCues(const QuoteModel& m, const ArticleView& v,
                                                  const std::vector<TokenRange>& cues) {
  std::vector<TokenAttribution> out;
  std::vector<bool> cue_token(v.tokens.size(), false);
  for (TokenRange c : cues)
    for (uint32_t i = c.begin; i < c.end; ++i) cue_token[i] = true;
  for (TokenRange c : cues) {
    const TokenRange w = RoleWindow(v, c);
    std::vector<bool> other = cue_token;
    for (uint32_t i = c.begin; i < c.end; ++i) other[i] = false;
    auto tags = m.roles.Decode(RoleFeatures(v, w, c, other, m.lexicon));
    TokenAttribution a;
    a.cue = c;
    a.content = MainContent(Chunks(tags, kContentBegin, w.begin), c);
    if (a.content.empty()) continue;
    a.content = {AdjustContent(m, v, w, c, other, {a.content.front().begin, a.content.back().end})};
    // The source: the chunk nearest the cue when the tagger marks more than one.
    auto sources = Chunks(tags, kSourceBegin, w.begin);
    int64_t best = -1;
    for (TokenRange s : sources) {
      int64_t gap = s.end <= c.begin ? c.begin - s.end : s.begin - c.end;
      if (best < 0 || gap < best) best = gap, a.source = s;
    }
    // No source tagged, but a name or a pronoun right before the cue ("Jane Roe warned",
    // "he wrote"): that is its subject, its edges found as the tagger's are.
    if (a.source.empty() && c.begin > w.begin && c.begin > v.sentences[v.tokens[c.begin].sentence].first) {
      const char* before = v.tokens[c.begin - 1].word_class;
      if (std::string_view(before) == "pron" || std::string_view(before) == "cap") a.source = {c.begin - 1, c.begin};
    }
    if (!a.source.empty()) a.source = AdjustSource(m, v, w, c, other, a.source);
    out.push_back(std::move(a));
  }
  return out;
}

// ---- training ----

namespace {

bool Overlaps(Span a, Span b) { return a.begin < b.end && b.begin < a.end; }

}  // namespace

// Tokens the span touches.
TokenRange TokensOf(const ArticleView& v, Span s) {
  TokenRange r{uint32_t(v.tokens.size()), 0};
  for (uint32_t i = 0; i < v.tokens.size(); ++i) {
    if (!Overlaps(v.tokens[i].span, s)) continue;
    r.begin = std::min(r.begin, i);
    r.end = i + 1;
  }
  if (r.empty()) return {0, 0};
  return r;
}

namespace {

struct RoleExample {
  FeatureRows features;
  std::vector<int> tags;
};

// Cue chunks found against gold ones, for choosing the bias.
void CountChunks(const std::vector<int>& gold, const std::vector<int>& found, size_t& matched,
                 size_t& gold_n, size_t& found_n) {
  auto g = Chunks(gold, kCueBegin, 0), f = Chunks(found, kCueBegin, 0);
  gold_n += g.size();
  found_n += f.size();
  for (TokenRange a : g)
    for (TokenRange b : f) matched += a.begin == b.begin && a.end == b.end;
}

// Cue words are a long tail: features seen a few times still count.
constexpr float kCueKeep = 1.0f;
constexpr float kRoleKeep = 1.0f;

// The perceptron finds cues with more precision than recall; a bias on the B tag trades one
// for the other. It is chosen on a tenth of the training sentences held out from a model
// trained on the rest, so neither dev nor test data sets it.
float ChooseCueBias(const std::vector<RoleExample>& examples, int epochs, std::mt19937& rng) {
  std::vector<const RoleExample*> train, held;
  for (size_t i = 0; i < examples.size(); ++i) (i % 10 == 3 ? held : train).push_back(&examples[i]);
  SequenceTagger t = QuoteModel().cues;
  for (int e = 0; e < epochs; ++e) {
    std::shuffle(train.begin(), train.end(), rng);
    for (const RoleExample* x : train) t.Learn(x->features, x->tags);
  }
  t.Average(kCueKeep);
  float best = 0, best_f1 = -1;
  for (float b : {0.f, 1.f, 2.f, 3.f, 4.f, 6.f, 8.f, 10.f, 12.f}) {
    size_t matched = 0, gold = 0, found = 0;
    for (const RoleExample* x : held) CountChunks(x->tags, t.Decode(x->features, {0.f, b, 0.f}), matched, gold, found);
    const double p = found ? double(matched) / found : 0, r = gold ? double(matched) / gold : 0;
    const double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    std::fprintf(stderr, "quotes: cue bias %.0f: held-out P %.3f R %.3f F1 %.3f\n", b, p, r, f1);
    if (f1 > best_f1) best = b, best_f1 = f1;
  }
  return best;
}

constexpr int kRankerPasses = 2;  // ranker passes per tagger pass

// The rankers learn from the role tagger's guesses on the gold cues. A tagger guesses too well
// on its own training data, so each half of the documents is guessed by a tagger trained on
// the other half (two-fold jackknife), as the rankers will see it on unseen text.
void TrainEdges(QuoteModel& m, const std::vector<GoldDocument>& docs, int epochs,
                const std::vector<SequenceTagger>& fold_taggers, const CueLexicon* lexicons) {
  std::vector<std::pair<Edges, size_t>> start_examples, end_examples, source_starts, source_ends;
  for (size_t doc = 0; doc < docs.size(); ++doc) {
    const GoldDocument& d = docs[doc];
    const SequenceTagger& roles = fold_taggers[(doc + 1) % fold_taggers.size()];
    const ArticleView v = ViewOf(d.article);
    std::vector<TokenRange> cues;
    for (const auto& g : d.attributions) cues.push_back(TokensOf(v, g.cue));
    std::vector<bool> cue_token(v.tokens.size(), false);
    for (TokenRange c : cues)
      for (uint32_t i = c.begin; i < c.end; ++i) cue_token[i] = true;
    for (size_t a = 0; a < cues.size(); ++a) {
      const TokenRange c = cues[a];
      if (c.empty()) continue;
      const TokenRange gold = Words(v, TokensOf(v, d.attributions[a].ContentHull()));
      if (gold.empty()) continue;
      const TokenRange w = RoleWindow(v, c);
      std::vector<bool> other = cue_token;
      for (uint32_t i = c.begin; i < c.end; ++i) other[i] = false;
      auto tags = roles.Decode(RoleFeatures(v, w, c, other, lexicons[doc % 2]));
      const std::string cue_words = CueWords(v, c);
      const TokenRange gold_source = Words(v, TokensOf(v, d.attributions[a].source));
      auto source_chunks = Chunks(tags, kSourceBegin, w.begin);
      if (!gold_source.empty() && !source_chunks.empty()) {
        TokenRange guess = Words(v, source_chunks.front());
        for (TokenRange sc : source_chunks)
          if (sc.end <= c.begin ? c.begin - sc.end < c.begin - std::min(c.begin, guess.end) : false) guess = Words(v, sc);
        if (!guess.empty()) {
          Edges starts = StartEdges(v, w, c, other, guess, cue_words, kSourceKind, kSourceNear);
          for (size_t k = 0; k < starts.at.size(); ++k)
            if (starts.at[k] == gold_source.begin) source_starts.push_back({std::move(starts), k});
          if (gold_source.begin < guess.end) guess.begin = gold_source.begin;
          Edges ends = EndEdges(v, w, c, other, guess, cue_words, kSourceKind, kSourceNear);
          for (size_t k = 0; k < ends.at.size(); ++k)
            if (ends.at[k] == gold_source.end) source_ends.push_back({std::move(ends), k});
        }
      }
      // The whole hull, scraps included: rankers trained on it did better on held-out
      // articles than ones trained on MainContent's.
      auto chunks = Chunks(tags, kContentBegin, w.begin);
      if (chunks.empty()) continue;
      TokenRange guess = Words(v, {chunks.front().begin, chunks.back().end});
      if (guess.empty()) continue;
      Edges starts = StartEdges(v, w, c, other, guess, cue_words);
      for (size_t k = 0; k < starts.at.size(); ++k)
        if (starts.at[k] == gold.begin) start_examples.push_back({std::move(starts), k});
      // Ends are learned from the gold start, as they are used after the start is chosen.
      if (gold.begin < guess.end) guess.begin = gold.begin;
      Edges ends = EndEdges(v, w, c, other, guess, cue_words);
      for (size_t k = 0; k < ends.at.size(); ++k)
        if (ends.at[k] == gold.end) end_examples.push_back({std::move(ends), k});
    }
  }
  // The rankers see fewer examples than the tagger and keep learning past its passes (twice
  // as many did better on two held-out sixths of the training articles).
  std::mt19937 rng(11);
  for (int e = 0; e < kRankerPasses * epochs; ++e) {
    std::shuffle(start_examples.begin(), start_examples.end(), rng);
    std::shuffle(end_examples.begin(), end_examples.end(), rng);
    size_t start_wrong = 0, end_wrong = 0;
    for (const auto& [x, gold] : start_examples) start_wrong += m.starts.Learn(x.features, gold);
    for (const auto& [x, gold] : end_examples) end_wrong += m.ends.Learn(x.features, gold);
    std::shuffle(source_starts.begin(), source_starts.end(), rng);
    std::shuffle(source_ends.begin(), source_ends.end(), rng);
    for (const auto& [x, gold] : source_starts) m.source_starts.Learn(x.features, gold);
    for (const auto& [x, gold] : source_ends) m.source_ends.Learn(x.features, gold);
    std::fprintf(stderr, "quotes: edges epoch %d: %zu/%zu starts and %zu/%zu ends wrong\n", e + 1,
                 start_wrong, start_examples.size(), end_wrong, end_examples.size());
  }
  m.starts.Average();
  m.ends.Average();
  m.source_starts.Average();
  m.source_ends.Average();
}

}  // namespace

namespace {

// The cue rates of the documents whose index modulo 2 is not `skip` (-1: all documents).
CueLexicon CountCues(const std::vector<GoldDocument>& docs, int skip) {
  std::unordered_map<std::string, std::pair<size_t, size_t>> counts;  // stem -> (as cue, seen)
  for (size_t d = 0; d < docs.size(); ++d) {
    if (int(d % 2) == skip) continue;
    const ArticleView v = ViewOf(docs[d].article);
    std::vector<bool> cue(v.tokens.size(), false);
    for (const auto& g : docs[d].attributions) {
      const TokenRange c = TokensOf(v, g.cue);
      for (uint32_t i = c.begin; i < c.end; ++i) cue[i] = true;
    }
    for (uint32_t i = 0; i < v.tokens.size(); ++i) {
      auto& [as_cue, seen] = counts[v.tokens[i].stem];
      as_cue += cue[i];
      ++seen;
    }
  }
  CueLexicon out;
  for (const auto& [stem, n] : counts)
    if (n.first > 0 || n.second >= 3) out.rate[uint32_t(HashFeature(stem))] = RateClass(n.first, n.second);
  out.Freeze();
  return out;
}

}  // namespace

QuoteModel Train(const std::vector<GoldDocument>& docs, int epochs) {
  QuoteModel m;
  // The cue tagger learns from rates counted on the other half of the documents (as it
  // will meet them on unseen text), and keeps the rates of all of them.
  m.lexicon = CountCues(docs, -1);
  const CueLexicon half_lexicons[2] = {CountCues(docs, 0), CountCues(docs, 1)};
  std::vector<RoleExample> cue_examples, role_examples;
  std::vector<std::vector<RoleExample>> fold_examples(2);
  size_t content_tokens = 0, content_lost = 0;
  for (const GoldDocument& d : docs) {
    const ArticleView v = ViewOf(d.article);
    std::vector<int> cue_tags(v.tokens.size(), kCueOut);
    std::vector<TokenRange> cues;
    std::vector<bool> cue_token(v.tokens.size(), false);
    for (const auto& g : d.attributions) {
      TokenRange c = TokensOf(v, g.cue);
      cues.push_back(c);
      if (c.empty()) continue;
      for (uint32_t i = c.begin; i < c.end; ++i) cue_tags[i] = i == c.begin ? kCueBegin : kCueIn, cue_token[i] = true;
    }
    for (auto [first, last] : v.sentences)
      cue_examples.push_back({CueFeatures(v, first, last, half_lexicons[(&d - docs.data()) % 2]),
                              std::vector<int>(cue_tags.begin() + first, cue_tags.begin() + last)});
    for (size_t a = 0; a < d.attributions.size(); ++a) {
      const TokenRange c = cues[a];
      if (c.empty()) continue;
      const GoldAttribution& g = d.attributions[a];
      const TokenRange w = RoleWindow(v, c);
      std::vector<int> tags(w.end - w.begin, kOut);
      auto mark = [&](Span s, int begin_tag) {
        TokenRange r = TokensOf(v, s);
        for (uint32_t i = r.begin; i < r.end; ++i) {
          if (begin_tag == kContentBegin) ++content_tokens;
          if (i < w.begin || i >= w.end) {
            content_lost += begin_tag == kContentBegin;
            continue;
          }
          if (i >= c.begin && i < c.end) continue;
          const bool starts = i == r.begin || i == w.begin ||
                             (tags[i - w.begin - 1] != begin_tag + 1 && tags[i - w.begin - 1] != begin_tag);
          tags[i - w.begin] = starts ? begin_tag : begin_tag + 1;
        }
      };
      if (g.source.size()) mark(g.source, kSourceBegin);
      for (Span s : g.content) mark(s, kContentBegin);
      std::vector<bool> other = cue_token;
      for (uint32_t i = c.begin; i < c.end; ++i) other[i] = false;
      role_examples.push_back({RoleFeatures(v, w, c, other, half_lexicons[(&d - docs.data()) % 2]), tags});
      fold_examples[(&d - docs.data()) % 2].push_back(role_examples.back());
    }
  }
  std::fprintf(stderr, "quotes: %zu sentences, %zu cues; %.1f%% of content tokens lie outside the window\n",
               cue_examples.size(), role_examples.size(),
               content_tokens ? 100.0 * content_lost / content_tokens : 0.0);
  std::mt19937 rng(7);
  m.cue_bias = {0.f, ChooseCueBias(cue_examples, epochs, rng), 0.f};
  for (int e = 0; e < epochs; ++e) {
    std::shuffle(cue_examples.begin(), cue_examples.end(), rng);
    std::shuffle(role_examples.begin(), role_examples.end(), rng);
    size_t cue_wrong = 0, role_wrong = 0;
    for (const auto& x : cue_examples) cue_wrong += m.cues.Learn(x.features, x.tags);
    for (const auto& x : role_examples) role_wrong += m.roles.Learn(x.features, x.tags);
    std::fprintf(stderr, "quotes: epoch %d: %zu/%zu sentences and %zu/%zu windows wrong\n", e + 1,
                 cue_wrong, cue_examples.size(), role_wrong, role_examples.size());
  }
  m.cues.Average(kCueKeep);
  m.roles.Average(kRoleKeep);
  std::vector<SequenceTagger> fold_taggers;
  for (auto& examples : fold_examples) {
    fold_taggers.push_back(QuoteModel().roles);
    for (int e = 0; e < epochs; ++e) {
      std::shuffle(examples.begin(), examples.end(), rng);
      for (const auto& x : examples) fold_taggers.back().Learn(x.features, x.tags);
    }
    fold_taggers.back().Average(kRoleKeep);
  }
  TrainEdges(m, docs, epochs, fold_taggers, half_lexicons);
  std::fprintf(stderr, "quotes: %zu cue and %zu role features kept\n", m.cues.size(), m.roles.size());
  return m;
}

}  // namespace sitrep::quotes
