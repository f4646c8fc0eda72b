// How terms are found, token by token:
//  - a word: lower-cased, stop words dropped, stemmed with Snowball for the article's
//    language (English when unknown; unstemmed when Snowball has no stemmer for it). The
//    lower-case form → term lookup is cached, so a word is stemmed once per vocabulary.
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

#include "text/segment.h"
#include "util/strings.h"

namespace sitrep::stories {

namespace {

constexpr uint32_t kNone = UINT32_MAX;

// Lookup by string_view without building a std::string.
struct Hash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using TermMap = std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>>;

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

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

bool HasDigit(std::string_view s) { return std::any_of(s.begin(), s.end(), IsAsciiDigit); }

// A letter or digit starts it; dashes and curly quotes are not words.
bool IsWordStart(std::string_view s) {
  const auto c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) return std::isalnum(c);
  int32_t i = 0;
  UChar32 cp;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), cp);
  return cp >= 0 && u_isalnum(cp);
}

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

void LowerInto(std::string_view s, std::string& out) {
  out.clear();
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) {
      out = UnicodeLower(s);
      return;
    }
  for (char c : s) out += (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
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

// A stemmer and the cache of what it made of each lower-case word.
struct Language {
  sb_stemmer* stemmer = nullptr;
  bool english = false;
  TermMap words;  // lower-case word → term (kNone: stop word)
  ~Language() {
    if (stemmer) sb_stemmer_delete(stemmer);
  }
};

}  // namespace

struct TermExtractor::Impl {
  TermWeights weights;
  TermMap vocabulary;  // "w:stem", "e:name", "n:number" → term
  std::vector<std::string> surfaces;
  std::vector<TermKind> kinds;
  std::map<std::string, std::unique_ptr<Language>> languages;
  std::string lower, key;  // reused buffers

  uint32_t Intern(std::string_view k, TermKind kind, std::string_view surface) {
    if (auto it = vocabulary.find(k); it != vocabulary.end()) return it->second;
    const auto id = static_cast<uint32_t>(surfaces.size());
    vocabulary.emplace(std::string(k), id);
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
    if (auto it = lang.words.find(lower_word); it != lang.words.end()) return it->second;
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
    lang.words.emplace(std::string(lower_word), id);
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
    return Intern(key, TermKind::kName, surface);
  }

  std::vector<TokenInfo> Classify(const Article& a, Language& lang);
  void AddNames(const Article& a, std::vector<TokenInfo>& tokens,
                std::vector<WeightedTerm>& out);
  void AddTitle(const Article& a, Language& lang, std::vector<WeightedTerm>& out);
};

std::vector<TokenInfo> TermExtractor::Impl::Classify(const Article& a, Language& lang) {
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
    if (!IsWordStart(t.text)) {
      // An opening quote or a colon starts a new clause: capitals after it say nothing.
      if (t.text == "\"" || t.text == "“" || t.text == ":" || t.text == "(") sentence_has_word = false;
      out.push_back(t);
      continue;
    }
    t.initial = !sentence_has_word;
    sentence_has_word = true;
    LowerInto(t.text, lower);
    if (HasDigit(t.text)) {
      t.number = NumberTerm(lower, t.text);
    } else if (auto n = NumberWords().find(lower); n != NumberWords().end()) {
      t.number = NumberTerm(n->second, n->second);
    } else {
      t.word = WordTerm(lang, lower);
      t.place_cue = IsPlacePreposition(lower);
      if (StartsUpper(t.text) && t.word != kNone && !CalendarWords().count(lower)) {
        t.name = NameTerm(lower, t.text);
        t.all_caps = AllCaps(t.text);
      }
    }
    out.push_back(t);
  }
  return out;
}

// Names, in runs of adjacent capitalised words; see the top of the file.
void TermExtractor::Impl::AddNames(const Article& a, std::vector<TokenInfo>& tokens,
                                   std::vector<WeightedTerm>& out) {
  std::unordered_set<uint32_t> mid_sentence;
  for (const TokenInfo& t : tokens)
    if (t.name != kNone && !t.initial) mid_sentence.insert(t.name);
  for (TokenInfo& t : tokens)
    if (t.name != kNone && t.initial && !t.all_caps && !mid_sentence.count(t.name)) t.name = kNone;

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
      LowerInto(surface, lower);
      out.push_back({NameTerm(lower, surface), w});
    }
    i = end;
  }
}

void TermExtractor::Impl::AddTitle(const Article& a, Language& lang,
                                   std::vector<WeightedTerm>& out) {
  if (a.title.empty()) return;
  std::unordered_set<uint32_t> body_names;
  for (const WeightedTerm& t : out)
    if (kinds[t.term] == TermKind::kName) body_names.insert(t.term);
  Article title;
  title.text = a.title;
  Segment(title);
  for (const Span span : title.tokens) {
    const std::string_view text = WithoutFinalPeriod(title.Text(span));
    if (!IsWordStart(text)) continue;
    LowerInto(text, lower);
    if (HasDigit(text)) {
      out.push_back({NumberTerm(lower, text), weights.number * weights.title});
      continue;
    }
    if (auto n = NumberWords().find(lower); n != NumberWords().end()) {
      out.push_back({NumberTerm(n->second, n->second), weights.number * weights.title});
      continue;
    }
    const uint32_t word = WordTerm(lang, lower);
    if (word == kNone) continue;
    out.push_back({word, weights.word * weights.title});
    key.assign("e:").append(lower);
    if (auto it = vocabulary.find(key); it != vocabulary.end() && body_names.count(it->second))
      out.push_back({it->second, weights.name * weights.title});
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
  // does not drown the rest.
  std::sort(occurrences.begin(), occurrences.end(),
            [](const WeightedTerm& x, const WeightedTerm& y) { return x.term < y.term; });
  std::vector<WeightedTerm> out;
  for (size_t i = 0; i < occurrences.size();) {
    size_t j = i;
    float sum = 0;
    for (; j < occurrences.size() && occurrences[j].term == occurrences[i].term; ++j)
      sum += occurrences[j].weight;
    const auto n = static_cast<float>(j - i);
    out.push_back({occurrences[i].term, sum / n * (1.0f + std::log(n))});
    i = j;
  }
  return out;
}

TermKind TermExtractor::Kind(uint32_t term) const { return impl_->kinds[term]; }
const std::string& TermExtractor::Surface(uint32_t term) const { return impl_->surfaces[term]; }
size_t TermExtractor::size() const { return impl_->surfaces.size(); }

}  // namespace sitrep::stories
