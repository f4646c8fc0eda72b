#include "dedup/words.h"

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xxhash.h>

#include <algorithm>
#include <iterator>
#include <string_view>

#include "util/strings.h"

namespace sitrep::dedup {

namespace {

constexpr uint32_t kStop = UINT32_MAX;

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

bool HasDigit(std::string_view s) {
  for (char c : s)
    if (IsDigit(c)) return true;
  return false;
}

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// "lukashenko" → "lkshnk": transliterations of one name differ mostly in their vowels
// ("Naev"/"Nayev", "Lukashenka"/"Lukashenko"). Too short a skeleton would merge unrelated
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
  if (first < 0x80) return std::isalnum(first) != 0;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(token.data(), i, static_cast<int32_t>(token.size()), c);
  return c >= 0 && u_isalnum(c);
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
  auto [it, fresh] = ids_.try_emplace(key, static_cast<uint32_t>(keys_.size()));
  if (fresh) keys_.push_back(key);
  return it->second;
}

void Vocabulary::NoteName(std::string_view token) {
  if (!token.empty() && IsAsciiUpper(token[0]))
    names_.insert(XXH3_64bits(token.data(), token.size()));
}

bool Vocabulary::Lookup(std::string_view token, bool sentence_initial, Term& term) {
  if (!IsWordToken(token)) return false;
  const uint64_t h = XXH3_64bits(token.data(), token.size());
  const bool as_name = IsAsciiUpper(token[0]) && (!sentence_initial || names_.count(h));
  const uint64_t key = h ^ (as_name ? 0x9e3779b97f4a7c15ULL : 0);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    Term t;
    const uint32_t id = Classify(token, as_name, t) ? t.id : kStop;
    // The kind rides in the top bits, so a hit needs no second lookup.
    it = cache_.emplace(key, id == kStop ? kStop : (id | uint32_t(t.kind) << 30)).first;
  }
  if (it->second == kStop) return false;
  term.id = it->second & 0x3fffffff;
  term.kind = static_cast<TermKind>(it->second >> 30);
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
