// Stance from words: a denial names what it rejects ("denied", "baseless", "not true"); a
// hedge speaks of belief or the future ("believes", "may", "will"); a report passes on what
// someone else said ("according to", "reported").
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "claims/claims.h"

namespace sitrep::claims {

namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    const char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    // The stance words are English and ASCII; any other byte ends a word.
    if ((l >= 'a' && l <= 'z') || l == '\'') word += l;
    else if (!word.empty()) out.push_back(std::move(word)), word.clear();
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

template <size_t N>
bool AnyOf(const std::vector<std::string>& words, const std::array<const char*, N>& set) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
    return std::any_of(set.begin(), set.end(), [&](const char* s) { return w == s; });
  });
}

// A phrase of words in a row: "not true", "no basis".
bool HasPhrase(const std::vector<std::string>& words, std::initializer_list<const char*> phrase) {
  const size_t n = phrase.size();
  for (size_t i = 0; i + n <= words.size(); ++i)
    if (std::equal(phrase.begin(), phrase.end(), words.begin() + i,
                   [](const char* p, const std::string& w) { return w == p; }))
      return true;
  return false;
}

constexpr std::array kDenyingCues = {"deny", "denies", "denied", "denying", "reject", "rejects",
                                     "rejected", "dismiss", "dismisses", "dismissed", "refute",
                                     "refutes", "refuted", "rebuffed", "disputed", "disputes"};
// Not "false": it names things more often than it denies them ("a false flag operation").
constexpr std::array kDenyingWords = {"untrue", "fiction", "fake", "baseless",
                                      "groundless", "nonsense", "absurd", "unfounded",
                                      "fabrication", "fabricated", "lie", "lies", "hoax"};
constexpr std::array kHedgingCues = {"believe", "believes", "believed", "think", "thinks",
                                     "expect", "expects", "expected", "predict", "predicts",
                                     "predicted", "forecast", "forecasts", "warn", "warns",
                                     "warned", "suggest", "suggests", "suggested", "estimate",
                                     "estimates", "fear", "fears", "feared", "assume", "assumes",
                                     "suspect", "suspects", "doubt", "doubts"};
constexpr std::array kHedgingWords = {"may", "might", "could", "will", "would", "likely",
                                      "unlikely", "possibly", "probably", "perhaps", "plans",
                                      "intends", "expected"};
constexpr std::array kReportingCues = {"according", "reported", "reports", "reportedly",
                                       "quoted", "cited", "citing", "informs", "wrote", "writes"};

}  // namespace

const char* StanceName(Stance s) {
  switch (s) {
    case Stance::kAsserts: return "asserts";
    case Stance::kReports: return "reports";
    case Stance::kHedges: return "hedges";
    case Stance::kDenies: return "denies";
  }
  return "asserts";
}

bool IsDenyingWord(std::string_view word) {
  const auto w = Words(word);
  return w.size() == 1 && (AnyOf(w, kDenyingWords) || AnyOf(w, kDenyingCues));
}

Stance StanceOf(std::string_view cue, std::string_view content) {
  const auto c = Words(cue), w = Words(content);
  if (AnyOf(c, kDenyingCues) || AnyOf(w, kDenyingWords) || HasPhrase(w, {"not", "true"}) ||
      HasPhrase(w, {"no", "truth"}) || HasPhrase(w, {"no", "basis"}) ||
      HasPhrase(w, {"nothing", "to", "do", "with"}))
    return Stance::kDenies;
  if (AnyOf(c, kHedgingCues) || AnyOf(w, kHedgingWords)) return Stance::kHedges;
  if (AnyOf(c, kReportingCues)) return Stance::kReports;
  return Stance::kAsserts;
}

}  // namespace sitrep::claims
