#include "dedup/words.h"

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
// Inlined: a token's hash is a few nanoseconds, a call into the shared library as much again.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <iterator>
#include <string_view>
#include <unordered_set>

#include "util/strings.h"

namespace sitrep::dedup {

namespace {

constexpr uint32_t kStop = UINT32_MAX;
constexpr uint32_t kUnknown = UINT32_MAX - 1;  // both above any term code (ids < 2^30)

// Function words and the verbs of attribution: they carry no evidence that two sentences
// say the same thing. Written for this stage; IDF weighting handles what the list misses.
constexpr std::string_view kStopWords[] = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and",
    "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between",
    "both", "but", "by", "can", "could", "did", "do", "does", "doing", "done", "down", "during",
    "each", "either", "even", "ever", "every", "few", "for", "from", "further", "had", "has",
    "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how",
    "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "let", "like",
    "may", "me", "might", "more", "most", "much", "must", "my", "myself", "neither", "no",
    "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our",
    "ours", "ourselves", "out", "over", "own", "per", "same", "shall", "she", "should", "so",
    "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
    "there", "these", "they", "this", "those", "through", "thus", "to", "too", "under",
    "until", "up", "upon", "us", "very", "was", "we", "were", "what", "when", "where",
    "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within",
    "without", "would", "yet", "you", "your", "yours", "yourself", "s", "t", "n't", "'s",
    "said", "says", "say", "saying", "told", "tell", "according", "added", "noted",
    "stated", "reported", "asked", "well", "still", "many", "already", "though", "although",
    "since", "around", "among", "across", "towards", "toward"};

// Spelled-out numbers ("two cts", "three years") are figures like digits; magnitudes
// ("billion") are not: "7.3 billion" and "21.3 billion" do not share a figure.
constexpr std::string_view kNumberWords[] = {
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};

bool IsNumberWord(std::string_view w) {
  return std::find(std::begin(kNumberWords), std::end(kNumberWords), w) != std::end(kNumberWords);
}

const std::unordered_set<std::string_view>& StopWords() {
  static const std::unordered_set<std::string_view> set(std::begin(kStopWords), std::end(kStopWords));
  return set;
}

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// "kovalenko" → "kvlnk": transliterations of one name differ mostly in their vowels
// ("Kovalenka"/"Kovalenko", "Hrytsenko"/"Hritsenko"). Too short a skeleton would merge unrelated
// names, so those keep their letters.
std::string Skeleton(std::string_view lower) {
  std::string letters, skel;
  for (char c : lower)
    if (c >= 'a' && c <= 'z') letters += c;
  if (letters.empty()) return std::string(lower);
  skel += letters[0];
  for (size_t i = 1; i < letters.size(); ++i)
    if (!IsVowel(letters[i]) && letters[i] != skel.back()) skel += letters[i];
  return skel.size() >= 3 ? skel : letters;
}

}  // namespace

bool IsWordToken(std::string_view token) {
  if (token.empty()) return false;
  const auto first = static_cast<unsigned char>(token[0]);
  if (first < 0x80)  // ASCII by hand: std::isalnum is a call that consults the locale
    return (first >= '0' && first <= '9') || ((first | 0x20) >= 'a' && (first | 0x20) <= 'z');
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(token.data(), i, static_cast<int32_t>(token.size()), c);
  return c >= 0 && u_isalnum(c);
}

bool HasDigit(std::string_view s) {
  for (char c : s)
    if (IsDigit(c)) return true;
  return false;
}

void LowerInto(std::string_view token, std::string& out) {
  out.clear();
  for (char c : token) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      out = UnicodeLower(token);
      return;
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
}

uint64_t WordHash(std::string_view token, std::string& scratch) {
  LowerInto(token, scratch);
  return XXH3_64bits(scratch.data(), scratch.size());
}

uint64_t SpellingHash(std::string_view token) {
  const uint64_t h = XXH3_64bits(token.data(), token.size());
  return h == kNotWord ? 1 : h;
}

namespace {

// WordHash without a copy when it can: a token already in lower case is its own lower case,
// and a short ASCII one is lowered on the stack.
uint64_t WordHashOf(std::string_view token, uint64_t raw, std::string& scratch) {
  char lower[64];
  bool upper = false;
  for (size_t i = 0; i < token.size(); ++i) {
    const char c = token[i];
    if (static_cast<unsigned char>(c) >= 0x80 || i == sizeof lower) return WordHash(token, scratch);
    upper |= IsAsciiUpper(c);
    lower[i] = IsAsciiUpper(c) ? static_cast<char>(c + 32) : c;
  }
  return upper ? XXH3_64bits(lower, token.size()) : raw;
}

}  // namespace

std::vector<TokenHash> TokenHashes(const Article& article) {
  std::vector<TokenHash> out(article.tokens.size());
  std::string scratch;
  for (size_t i = 0; i < out.size(); ++i) {
    const std::string_view token = article.Text(article.tokens[i]);
    if (!IsWordToken(token)) continue;
    const uint64_t raw = XXH3_64bits(token.data(), token.size());
    out[i] = {raw == kNotWord ? 1 : raw, WordHashOf(token, raw, scratch)};
  }
  return out;
}

struct Vocabulary::Stemmer {
  sb_stemmer* english = sb_stemmer_new("english", "UTF_8");
  ~Stemmer() { sb_stemmer_delete(english); }
  std::string Stem(const std::string& word) {
    const sb_symbol* s = sb_stemmer_stem(english, reinterpret_cast<const sb_symbol*>(word.data()),
                                         static_cast<int>(word.size()));
    return std::string(reinterpret_cast<const char*>(s), sb_stemmer_length(english));
  }
};

Vocabulary::Vocabulary() : stemmer_(std::make_unique<Stemmer>()) {}
Vocabulary::~Vocabulary() = default;

uint32_t Vocabulary::Intern(const std::string& key, TermKind kind) {
  // By the key's hash; a different key with the same hash (never seen in practice, but
  // possible) goes to the overflow map, so ids stay exact.
  const uint64_t h = XXH3_64bits(key.data(), key.size());
  const auto next = static_cast<uint32_t>(keys_.size());
  auto [id, fresh] = ids_.Insert(h, next);
  if (!fresh && keys_[*id] != key) {
    auto [it, new_key] = collided_.try_emplace(key, next);
    if (!new_key) return it->second;
    fresh = true;
  }
  if (fresh) keys_.push_back(key);
  return fresh ? next : *id;
}

void Vocabulary::NoteName(std::string_view token, uint64_t spelling) {
  if (spelling != kNotWord && IsAsciiUpper(token[0]))
    spellings_.Insert(spelling, {kUnknown, kUnknown}).first->seen_as_name = true;
}

bool Vocabulary::Lookup(std::string_view token, uint64_t spelling, bool sentence_initial,
                        Term& term) {
  if (spelling == kNotWord) return false;
  Known& known = *spellings_.Insert(spelling, {kUnknown, kUnknown}).first;
  const bool as_name = IsAsciiUpper(token[0]) && (!sentence_initial || known.seen_as_name);
  uint32_t& code = as_name ? known.name : known.plain;
  if (code == kUnknown) {
    Term t;
    // The kind rides in the top bits, so a hit needs no second lookup.
    code = Classify(token, as_name, t) ? (t.id | uint32_t(t.kind) << 30) : kStop;
  }
  if (code == kStop) return false;
  term.id = code & 0x3fffffff;
  term.kind = static_cast<TermKind>(code >> 30);
  return true;
}

bool Vocabulary::Classify(std::string_view token, bool as_name, Term& term) {
  LowerInto(token, scratch_);
  if (StopWords().count(scratch_)) return false;
  if (IsNumberWord(scratch_)) {
    term = {Intern("#" + scratch_, TermKind::kNumber), TermKind::kNumber};
  } else if (HasDigit(scratch_)) {
    std::string digits = "#";
    for (char c : scratch_)
      if (c != ',') digits += c;  // "155,221" and "155221" are one number
    term = {Intern(digits, TermKind::kNumber), TermKind::kNumber};
  } else if (as_name) {
    term = {Intern("@" + Skeleton(scratch_), TermKind::kName), TermKind::kName};
  } else if (static_cast<unsigned char>(scratch_[0]) < 0x80) {
    term = {Intern(stemmer_->Stem(scratch_), TermKind::kWord), TermKind::kWord};
  } else {
    term = {Intern(scratch_, TermKind::kWord), TermKind::kWord};  // no stemmer for other scripts
  }
  return true;
}

}  // namespace sitrep::dedup
