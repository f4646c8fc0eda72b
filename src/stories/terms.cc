// How terms are found, token by token:
//  - a word: lower-cased, stop words dropped, stemmed with Snowball for the article's
//    language (English when unknown; unstemmed when Snowball has no stemmer for it). The
//    lower-case form → term lookup is cached, so a word is stemmed once per vocabulary, and
//    so is what a token's text as written makes (one hash and probe a token seen before).
//  - a number: digits as written ("13500", "1:15", "20-year-old"), and the number words
//    two..twenty as digits, since "three wounded" and "3 wounded" state the same count.
//  - a name: a capitalised word that is not a stop word, month or weekday. At a sentence
//    start capitals say nothing, so such a word counts only when the article also
//    capitalises it mid-sentence, or writes it in capitals ("HAWTHORNE —" datelines).
//    A run of 2-4 adjacent names also counts as one phrase ("Tara Reid"), so full names
//    weigh more than the surname alone. A run right after "in", "at", "near", "from" is a
//    place and weighs more: look-alike events differ most often in where they happened.
//  - the title: its words and numbers weigh `title` times more; its capitals are title
//    case, so a title word counts as a name only when the body has that name.
#include "stories/terms.h"

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "dedup/words.h"
#include "util/flat_map.h"
#include "text/segment.h"
#include "util/strings.h"

namespace sitrep::stories {

namespace {

constexpr uint32_t kNone = UINT32_MAX;

// Lookup by string_view without building a std::string.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

const std::unordered_set<std::string_view>& EnglishStopWords() {
  static const std::unordered_set<std::string_view> words = {
      "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and",
      "any", "are", "as", "at", "be", "because", "been", "before", "being", "below",
      "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down",
      "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he",
      "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in",
      "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no",
      "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours",
      "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such",
      "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
      "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
      "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
      "why", "will", "with", "would", "you", "your", "yours", "yourself", "may", "might",
      "must", "shall", "us", "said", "says", "say", "told", "according", "mr", "mrs", "ms",
      "one", "n't", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m",
      "’m", "yet", "still", "however", "although", "though", "since", "around", "among",
      "within", "without", "across", "along", "another", "many", "much", "even", "ever",
      "every", "whether", "like", "get", "got", "make", "made", "new", "last", "first",
      "year", "years", "time", "day", "week", "people", "news", "report", "reported",
      "http", "https", "www", "com"};
  return words;
}

// Calendar words are capitalised but name no one and no place.
const std::unordered_set<std::string_view>& CalendarWords() {
  static const std::unordered_set<std::string_view> words = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
      "january", "february", "march", "april", "may", "june", "july", "august",
      "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
      "jul", "aug", "sep", "sept", "oct", "nov", "dec"};
  return words;
}

const std::unordered_map<std::string_view, std::string_view>& NumberWords() {
  static const std::unordered_map<std::string_view, std::string_view> words = {
      {"two", "2"}, {"three", "3"}, {"four", "4"}, {"five", "5"}, {"six", "6"},
      {"seven", "7"}, {"eight", "8"}, {"nine", "9"}, {"ten", "10"}, {"eleven", "11"},
      {"twelve", "12"}, {"thirteen", "13"}, {"fourteen", "14"}, {"fifteen", "15"},
      {"sixteen", "16"}, {"seventeen", "17"}, {"eighteen", "18"}, {"nineteen", "19"},
      {"twenty", "20"}, {"dozen", "12"}};
  return words;
}

// Names that introduce a place when they follow.
bool IsPlacePreposition(std::string_view lower) {
  return lower == "in" || lower == "at" || lower == "near" || lower == "from" ||
         lower == "outside";
}

// A letter or digit starts it; dashes and curly quotes are not words. The copies stage's
// test, so both stages see the same words.
bool IsWordStart(std::string_view s) { return dedup::IsWordToken(s); }

bool StartsUpper(std::string_view s) {
  const auto c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  int32_t i = 0;
  UChar32 cp;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), cp);
  return cp >= 0 && u_isupper(cp);
}

// "HAWTHORNE": ASCII capitals only, three or more, so "US" or "I" do not qualify.
bool AllCaps(std::string_view s) {
  int letters = 0;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 3;
}

// "Lt." → "Lt"; "1,000" keeps its digits only where they matter: "1000".
std::string_view WithoutFinalPeriod(std::string_view s) {
  while (s.size() > 1 && s.back() == '.') s.remove_suffix(1);
  return s;
}

// One token as the extractor sees it.
struct TokenInfo {
  std::string_view text;
  uint32_t word = kNone;    // content-word term
  uint32_t number = kNone;  // number term
  uint32_t name = kNone;    // name term, when capitalised and not a function word
  bool initial = false;     // first word of a sentence (or after an opening quote)
  bool joined = false;      // only spaces separate it from the previous token
  bool place_cue = false;   // "in", "at", ... (the next name is likely a place)
  bool all_caps = false;
};

using dedup::HasDigit;
using dedup::LowerInto;

// Values by text, found with one hash and, usually, one probe of a flat table: the text
// and its value sit together. A text whose hash another already has goes to `overflow_`.
// For the vocabularies, looked up only when a spelling is new: every text is checked.
template <typename V>
class TextMap {
 public:
  static uint64_t Hash(std::string_view text) { return dedup::SpellingHash(text); }
  V* Find(std::string_view text) { return Find(text, Hash(text)); }
  V* Find(std::string_view text, uint64_t h) {
    if (const uint32_t* i = index_.Find(h)) {
      Entry& e = entries_[*i];
      if (e.text == text) return &e.value;
      if (auto it = overflow_.find(text); it != overflow_.end()) return &entries_[it->second].value;
    }
    return nullptr;
  }
  // Stores `value` under `text`, which must be missing; returns the value.
  V Insert(std::string_view text, uint64_t h, V value) {
    const auto i = static_cast<uint32_t>(entries_.size());
    entries_.push_back({std::string(text), value});
    if (!index_.Insert(h, i).second) overflow_.emplace(std::string(text), i);
    return value;
  }
  V Insert(std::string_view text, V value) { return Insert(text, Hash(text), value); }

 private:
  struct Entry {
    std::string text;
    V value;
  };
  FlatMap<uint32_t> index_;
  std::vector<Entry> entries_;
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> overflow_;
};

// What a body token's text (as written) makes, cached so a token seen before costs one
// hash and one probe: no lower-casing, stop-word, stem or vocabulary look-ups.
struct TokenTerms {
  uint32_t word = kNone, number = kNone, name = kNone;
  bool place_cue = false, all_caps = false;
};

// What a title token's text makes; `name`: the name term of its lower-case form once the
// vocabulary has one (titles never add names to it).
struct TitleTerms {
  uint32_t word = kNone, number = kNone, name = kNone;
  uint64_t lower = 0;  // SpellingHash of its lower-case form: the key of its name, if any
};

// A stemmer and the cache of what it made of each lower-case word.
struct Language {
  sb_stemmer* stemmer = nullptr;
  bool english = false;
  TextMap<uint32_t> words;  // lower-case word → term (kNone: stop word)
  // By the spelling's 64-bit hash (dedup::SpellingHash), as the copies stage keys
  // spellings: the hot path is one probe of a flat table, the value in the slot. (A
  // collision of two spellings' 64-bit hashes is as unlikely as a copy found by chance.)
  FlatMap<TokenTerms> tokens;        // a body token's text → its terms
  FlatMap<TitleTerms> title_tokens;  // a title token's text → its terms
  ~Language() {
    if (stemmer) sb_stemmer_delete(stemmer);
  }
};

}  // namespace

struct TermExtractor::Impl {
  TermWeights weights;
  TextMap<uint32_t> vocabulary;  // "w:stem", "e:name", "n:number" → term
  std::vector<std::string> surfaces;
  std::vector<TermKind> kinds;
  std::map<std::string, std::unique_ptr<Language>> languages;
  std::string lower, key;  // reused buffers

  uint32_t Intern(std::string_view k, TermKind kind, std::string_view surface) {
    const uint64_t h = TextMap<uint32_t>::Hash(k);
    if (const uint32_t* found = vocabulary.Find(k, h)) return *found;
    const auto id = static_cast<uint32_t>(surfaces.size());
    vocabulary.Insert(k, h, id);
    surfaces.emplace_back(surface);
    kinds.push_back(kind);
    return id;
  }

  Language& LanguageOf(const Article& a) {
    std::string code = AsciiLower(a.language.substr(0, a.language.find_first_of("-_")));
    if (code.empty()) code = "en";
    auto& slot = languages[code];
    if (!slot) {
      slot = std::make_unique<Language>();
      slot->stemmer = sb_stemmer_new(code.c_str(), "UTF_8");
      slot->english = code == "en";
    }
    return *slot;
  }

  uint32_t WordTerm(Language& lang, std::string_view lower_word) {
    const uint64_t h = TextMap<uint32_t>::Hash(lower_word);
    if (const uint32_t* found = lang.words.Find(lower_word, h)) return *found;
    uint32_t id = kNone;
    const bool stop = (lang.english && EnglishStopWords().count(lower_word)) ||
                      lower_word.size() < 2 || !IsWordStart(lower_word);
    if (!stop) {
      std::string_view stem = lower_word;
      if (lang.stemmer) {
        const sb_symbol* s = sb_stemmer_stem(
            lang.stemmer, reinterpret_cast<const sb_symbol*>(lower_word.data()),
            static_cast<int>(lower_word.size()));
        stem = std::string_view(reinterpret_cast<const char*>(s), sb_stemmer_length(lang.stemmer));
      }
      key.assign("w:").append(stem);
      id = Intern(key, TermKind::kWord, lower_word);
    }
    lang.words.Insert(lower_word, h, id);
    return id;
  }

  uint32_t NumberTerm(std::string_view digits, std::string_view surface) {
    key.assign("n:");
    for (char c : digits)
      if (c != ',') key += (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
    return Intern(key, TermKind::kNumber, surface);
  }

  uint32_t NameTerm(std::string_view lower_name, std::string_view surface) {
    key.assign("e:").append(lower_name);
    const uint32_t id = Intern(key, TermKind::kName, surface);
    names_by_lower.Insert(dedup::SpellingHash(lower_name), id);
    return id;
  }
  // Every name term by its lower-case form's hash, so a title word finds its name (if the
  // body ever made one) in one probe, without building the key.
  FlatMap<uint32_t> names_by_lower;

  // What a body token makes (a word-start token, its final periods removed), computed as
  // Classify always did and cached by its text.
  TokenTerms ComputeToken(Language& lang, std::string_view text) {
    TokenTerms e;
    LowerInto(text, lower);
    if (HasDigit(text)) {
      e.number = NumberTerm(lower, text);
    } else if (auto n = NumberWords().find(lower); n != NumberWords().end()) {
      e.number = NumberTerm(n->second, n->second);
    } else {
      e.word = WordTerm(lang, lower);
      e.place_cue = IsPlacePreposition(lower);
      if (StartsUpper(text) && e.word != kNone && !CalendarWords().count(lower)) {
        e.name = NameTerm(lower, text);
        e.all_caps = AllCaps(text);
      }
    }
    return e;
  }

  TokenTerms Token(Language& lang, std::string_view text, uint64_t h) {
    if (const TokenTerms* e = lang.tokens.Find(h)) return *e;
    const TokenTerms e = ComputeToken(lang, text);
    lang.tokens.Insert(h, e);
    return e;
  }

  // A set of terms for one article: term → generation it was last put in.
  std::vector<uint64_t> mark;
  uint64_t generation = 0;
  uint64_t NewSet() { return ++generation; }
  void Put(uint64_t set, uint32_t term) {
    if (term >= mark.size()) mark.resize(std::max<size_t>(term + 1, surfaces.size()), 0);
    mark[term] = set;
  }
  bool Has(uint64_t set, uint32_t term) const { return term < mark.size() && mark[term] == set; }

  // Runs of names (their text as written) → the phrase's name term.
  FlatMap<uint32_t> phrases;  // by SpellingHash of the run as written
  Article title_buffer;  // the title, segmented
  std::vector<float> sum;          // by term: occurrence weights of the article's terms
  std::vector<uint32_t> count;     // by term: occurrences
  std::vector<uint32_t> distinct;  // the article's terms
  std::vector<uint64_t> hashes;    // by token: SpellingHash of a word, kNotWord otherwise

  std::vector<TokenInfo> Classify(const Article& a, Language& lang);
  void AddNames(const Article& a, std::vector<TokenInfo>& tokens,
                std::vector<WeightedTerm>& out);
  void AddTitle(const Article& a, Language& lang, std::vector<WeightedTerm>& out);
};

std::vector<TokenInfo> TermExtractor::Impl::Classify(const Article& a, Language& lang) {
  // Each word's spelling hash first, so the token cache (which outgrows the caches as the
  // vocabulary grows) can be asked a few tokens ahead of its use.
  constexpr size_t kLookAhead = 8;
  hashes.resize(a.tokens.size());
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    const std::string_view text = WithoutFinalPeriod(a.Text(a.tokens[i]));
    hashes[i] = IsWordStart(text) ? dedup::SpellingHash(text) : dedup::kNotWord;
  }
  std::vector<TokenInfo> out;
  out.reserve(a.tokens.size());
  size_t sentence = 0;
  bool sentence_has_word = false;
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    const Span span = a.tokens[i];
    while (sentence < a.sentences.size() && a.sentences[sentence].span.end <= span.begin) {
      ++sentence;
      sentence_has_word = false;
    }
    TokenInfo t;
    t.text = WithoutFinalPeriod(a.Text(span));
    if (i > 0) {
      const Span prev = a.tokens[i - 1];
      t.joined = span.begin == prev.end ||
                 std::all_of(a.text.begin() + prev.end, a.text.begin() + span.begin,
                             [](char c) { return c == ' '; });
    }
    if (i + kLookAhead < hashes.size() && hashes[i + kLookAhead] != dedup::kNotWord)
      lang.tokens.Prefetch(hashes[i + kLookAhead]);
    if (hashes[i] == dedup::kNotWord) {
      // An opening quote or a colon starts a new clause: capitals after it say nothing.
      if (t.text == "\"" || t.text == "“" || t.text == ":" || t.text == "(") sentence_has_word = false;
      out.push_back(t);
      continue;
    }
    t.initial = !sentence_has_word;
    sentence_has_word = true;
    const TokenTerms e = Token(lang, t.text, hashes[i]);
    t.word = e.word;
    t.number = e.number;
    t.name = e.name;
    t.place_cue = e.place_cue;
    t.all_caps = e.all_caps;
    out.push_back(t);
  }
  return out;
}

// Names, in runs of adjacent capitalised words; see the top of the file.
void TermExtractor::Impl::AddNames(const Article& a, std::vector<TokenInfo>& tokens,
                                   std::vector<WeightedTerm>& out) {
  const uint64_t mid_sentence = NewSet();
  for (const TokenInfo& t : tokens)
    if (t.name != kNone && !t.initial) Put(mid_sentence, t.name);
  for (TokenInfo& t : tokens)
    if (t.name != kNone && t.initial && !t.all_caps && !Has(mid_sentence, t.name)) t.name = kNone;

  for (size_t i = 0; i < tokens.size();) {
    if (tokens[i].name == kNone) {
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < tokens.size() && tokens[end].name != kNone && tokens[end].joined) ++end;
    const bool place = i > 0 && tokens[i - 1].place_cue && tokens[i].joined;
    const float w = place ? weights.place : weights.name;
    for (size_t k = i; k < end; ++k) out.push_back({tokens[k].name, w});
    if (end - i >= 2 && end - i <= 4) {
      const std::string_view surface(tokens[i].text.data(),
                                     tokens[end - 1].text.data() + tokens[end - 1].text.size() -
                                         tokens[i].text.data());
      const uint64_t h = dedup::SpellingHash(surface);
      if (const uint32_t* id = phrases.Find(h)) {
        out.push_back({*id, w});
      } else {
        LowerInto(surface, lower);
        const uint32_t term = NameTerm(lower, surface);
        phrases.Insert(h, term);
        out.push_back({term, w});
      }
    }
    i = end;
  }
}

void TermExtractor::Impl::AddTitle(const Article& a, Language& lang,
                                   std::vector<WeightedTerm>& out) {
  if (a.title.empty()) return;
  const uint64_t body_names = NewSet();
  for (const WeightedTerm& t : out)
    if (kinds[t.term] == TermKind::kName) Put(body_names, t.term);
  Article& title = title_buffer;
  title.text = a.title;
  title.paragraphs.clear();
  Segment(title);
  for (const Span span : title.tokens) {
    const std::string_view text = WithoutFinalPeriod(title.Text(span));
    if (!IsWordStart(text)) continue;
    const uint64_t h = dedup::SpellingHash(text);
    TitleTerms* e = lang.title_tokens.Find(h);
    TitleTerms computed;
    if (e == nullptr) {
      // First seen: the terms in the order they were always looked up (and interned).
      LowerInto(text, lower);
      if (HasDigit(text)) {
        computed.number = NumberTerm(lower, text);
      } else if (auto n = NumberWords().find(lower); n != NumberWords().end()) {
        computed.number = NumberTerm(n->second, n->second);
      } else if ((computed.word = WordTerm(lang, lower)) != kNone) {
        computed.lower = dedup::SpellingHash(lower);
        if (const uint32_t* id = names_by_lower.Find(computed.lower)) computed.name = *id;
      }
      lang.title_tokens.Insert(h, computed);
      e = &computed;
    } else if (e->number == kNone && e->word != kNone && e->name == kNone) {
      // The body may have named it since.
      if (const uint32_t* id = names_by_lower.Find(e->lower)) e->name = *id;
    }
    if (e->number != kNone) {
      out.push_back({e->number, weights.number * weights.title});
      continue;
    }
    if (e->word == kNone) continue;
    out.push_back({e->word, weights.word * weights.title});
    if (e->name != kNone && Has(body_names, e->name))
      out.push_back({e->name, weights.name * weights.title});
  }
}

TermExtractor::TermExtractor(TermWeights weights) : impl_(std::make_unique<Impl>()) {
  impl_->weights = weights;
}
TermExtractor::~TermExtractor() = default;

std::vector<WeightedTerm> TermExtractor::Extract(const Article& article) {
  Impl& m = *impl_;
  Language& lang = m.LanguageOf(article);
  std::vector<TokenInfo> tokens = m.Classify(article, lang);
  std::vector<WeightedTerm> occurrences;
  occurrences.reserve(tokens.size() * 2);
  for (const TokenInfo& t : tokens) {
    if (t.word != kNone) occurrences.push_back({t.word, m.weights.word});
    if (t.number != kNone) occurrences.push_back({t.number, m.weights.number});
  }
  m.AddNames(article, tokens, occurrences);
  m.AddTitle(article, lang, occurrences);
  // One entry a term: its mean occurrence weight × (1 + ln tf), so a term said ten times
  // does not drown the rest. Sums and counts by term in dense tables, then the distinct
  // terms sorted (not every occurrence). The sum's order is the order of occurrence; with
  // the default weights (halves) every order gives the same float sum.
  if (m.sum.size() < m.surfaces.size()) {
    m.sum.resize(m.surfaces.size(), 0);
    m.count.resize(m.surfaces.size(), 0);
  }
  std::vector<uint32_t>& distinct = m.distinct;
  distinct.clear();
  for (const WeightedTerm& o : occurrences) {
    if (m.count[o.term]++ == 0) distinct.push_back(o.term);
    m.sum[o.term] += o.weight;
  }
  std::sort(distinct.begin(), distinct.end());
  std::vector<WeightedTerm> out;
  out.reserve(distinct.size());
  for (uint32_t t : distinct) {
    const auto n = static_cast<float>(m.count[t]);
    out.push_back({t, m.sum[t] / n * (1.0f + std::log(n))});
    m.sum[t] = 0, m.count[t] = 0;
  }
  return out;
}

TermKind TermExtractor::Kind(uint32_t term) const { return impl_->kinds[term]; }
const std::string& TermExtractor::Surface(uint32_t term) const { return impl_->surfaces[term]; }
size_t TermExtractor::size() const { return impl_->surfaces.size(); }

}  // namespace sitrep::stories
