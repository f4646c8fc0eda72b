// Names across spellings, scripts and word orders: "Петренко", "Petrenka" and
// "PETRENKO, Mykola" are one name to a reader, and NameSimilarity says so with a score.
//
// A name is romanised once (ICU: Russian-, Ukrainian- and Belarusian-Latin/BGN for
// Cyrillic, the script's own transform otherwise, then plain ASCII), split into words,
// and each word gets a key that folds the usual romanisation differences (ii/iy/y, kh/h,
// ye/e, w/v, sch/sh/sz/š, ts/tz/c, doubled letters). Titles and generic words ("President",
// "Mr", "city", "lake") are set aside so "Mayor Petrenko" matches "Petrenko".
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sitrep::names {

// The name in lower-case ASCII words separated by single spaces: "Петренко" → "petrenko",
// "Василь Гордієнко" → "vasyl hordiyenko", "Bozköy" → "bozkoy". Thread-safe; the ICU
// transliterators are built once per thread.
std::string Romanise(std::string_view name);
// Romanise through the ICU transforms whatever the letters (Romanise takes a shortcut for
// ASCII); for tests.
std::string RomaniseThroughIcu(std::string_view name);

// The key of one romanised word: "yuriy" and "yurii" → "uri", "hordiyenko" and "hordiienko" →
// "gordienko".
std::string WordKey(std::string_view romanised_word);

// What matching needs of one name, computed once per distinct string.
struct NameForm {
  std::string romanised;           // "mykola ivanovych petrenko"
  std::vector<std::string> keys;   // the words' keys, titles and generic words left out
  std::vector<std::string> all_keys;  // every word's key, for names made only of such words
  std::vector<std::string> place_keys;  // keys without the generic words of place names
                                        // ("Ban", "Kuh-e", "Wadi", "Ozero"), for places
  std::string joined;              // keys without spaces: "tian fang" ≈ "tianfang"
  std::string joined_all;          // all_keys without spaces
  std::string loose;               // joined, voicing and vowel quality folded (p/b, t/d, k/g...)
  std::string skeleton;            // the consonants of joined_all, loose
  bool abjad = false;              // written in Arabic or Hebrew script (short vowels unwritten)
  bool vowel_poor = false;         // abjad, or Latin written letter by letter from one
  int script = 0;                  // which romanisation it took (Latin, Russian... Thai)
  std::string digits;              // its digits in order: "C1" and "C2" are two places
  std::string consonants;          // romanised letters bar a e i o u w y h, spaces removed:
                                   // what a name written without vowels keeps ("kwj hkm")
  int script_detail = 0;           // the first non-Latin script's ICU code (Han, Hangul, kana...)
  bool code = false;               // written as a code: 2 to 5 capital letters ("HON", "UKDD")
  std::string pinyin;              // a Wade-Giles name in pinyin, syllables run together:
                                   // "Ch'ang-sha-pa" → "changshaba"; else the romanised
                                   // name without spaces
};

NameForm Analyse(std::string_view name);

// 0..1: how likely two names name the same thing. Order of words does not matter; a name
// that is a part of the other ("Petrenko", "Mykola Ivanovych Petrenko") scores high.
double NameSimilarity(const NameForm& a, const NameForm& b);
double NameSimilarity(std::string_view a, std::string_view b);

// 0..1 for two word keys: initials match the words they begin, an inflected form its stem
// ("petrenkos", "petrenko"), given names their forms in other languages ("mykola", "nikolay").
double WordSimilarity(const std::string& a, const std::string& b);

// True for a romanised word the given-name lexicon knows ("mykola", "alexander", "olena").
bool IsGivenName(std::string_view romanised_word);

// The key a given name is compared by: the same for "Mykola", "Nikolai", "Nikolay".
std::string GivenNameKey(const std::string& word_key);

// Place names ("Ozero Taldykol", "Талдыкөл", "Kūh-e Zard"): a gazetteer's neighbours share
// most of their letters ("Novinki", "Novinka") and its alternate names differ by script and
// transliteration system, so the place matcher weighs the same evidence otherwise than the
// person matcher: a feature word one name has and the other lacks ("Lake X" / "X"), differing
// numbers, or a difference between two names written in one script tell against a match;
// transliteration noise between two scripts does not. The features are similarities over
// several normalised forms (word keys aligned in any order, whole keys, Jaro-Winkler, letter
// n-grams, voicing-folded and consonant-skeleton forms) and what kind of pair it is (which
// scripts, how many words, numbers, codes); boosted trees trained on labelled pairs combine
// them (place_model.h, models/places.model, `sitrep train places`). Each is symmetric, 0..1.
inline constexpr size_t kPlaceFeatures = 50;
std::array<double, kPlaceFeatures> PlacePairFeatures(const NameForm& a, const NameForm& b);
double PlaceNameSimilarity(const NameForm& a, const NameForm& b);
double PlaceNameSimilarity(std::string_view a, std::string_view b);
// Place scores at or above this call two places the same.
inline constexpr double kSamePlace = 0.5;

// Jaro-Winkler similarity of two byte strings, 0..1.
double JaroWinkler(std::string_view a, std::string_view b);

// Scores at or above this call two names the same: about one letter in four still differing
// after folding. Chosen once on one half of the toponym pairs and checked on the other.
inline constexpr double kSameName = 0.72;

// True for words that say what someone is rather than who ("president", "präsident",
// "mr", "gen"); they count neither for nor against a match. Takes a romanised word.
bool IsTitleWord(std::string_view romanised_word);

// True for the generic words of place names ("ozero", "ban", "kuh", "wadi", "river").
bool IsPlaceWord(std::string_view romanised_word);

// Analyses each distinct string once; keep one per thread or per resolution.
class NameCache {
 public:
  const NameForm& Get(std::string_view name);
  size_t size() const { return forms_.size(); }

 private:
  std::unordered_map<std::string, std::unique_ptr<NameForm>> forms_;
};

}  // namespace sitrep::names
