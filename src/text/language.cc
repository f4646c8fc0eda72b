#include "text/language.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <array>
#include <unordered_map>
#include <vector>

namespace sitrep {

namespace {

// Function words: frequent everywhere in a language and rare in the others.
struct Profile {
  const char* code;
  UScriptCode script;
  std::vector<std::string_view> words;
};

const std::vector<Profile>& Profiles() {
  static const std::vector<Profile> kProfiles = {
      {"en", USCRIPT_LATIN, {"the", "and", "of", "to", "in", "is", "that", "was", "for", "with", "said", "he", "it", "on", "by"}},
      {"de", USCRIPT_LATIN, {"der", "die", "und", "das", "ist", "nicht", "mit", "den", "ein", "eine", "auf", "sich", "auch", "von", "zu"}},
      {"fr", USCRIPT_LATIN, {"le", "la", "les", "et", "des", "est", "une", "dans", "pour", "que", "qui", "du", "pas", "sur", "au"}},
      {"es", USCRIPT_LATIN, {"el", "los", "las", "y", "que", "del", "una", "por", "con", "para", "es", "se", "su", "como", "al"}},
      {"it", USCRIPT_LATIN, {"il", "che", "di", "della", "per", "una", "sono", "non", "con", "gli", "del", "le", "nel", "alla", "è"}},
      {"pt", USCRIPT_LATIN, {"o", "os", "que", "não", "uma", "do", "da", "em", "para", "com", "dos", "se", "as", "ao", "é"}},
      {"nl", USCRIPT_LATIN, {"de", "het", "een", "en", "van", "is", "niet", "dat", "op", "voor", "met", "zijn", "te", "ook", "er"}},
      {"pl", USCRIPT_LATIN, {"i", "w", "nie", "na", "się", "jest", "że", "z", "do", "to", "jak", "ale", "po", "od", "przez"}},
      {"cs", USCRIPT_LATIN, {"a", "je", "se", "na", "že", "v", "to", "jsou", "také", "pro", "jako", "ale", "by", "od", "byl"}},
      {"ru", USCRIPT_CYRILLIC, {"и", "в", "не", "на", "что", "с", "по", "это", "он", "как", "из", "для", "был", "его", "от"}},
      {"uk", USCRIPT_CYRILLIC, {"і", "в", "не", "на", "що", "з", "у", "та", "це", "до", "як", "від", "для", "його", "який"}},
      {"be", USCRIPT_CYRILLIC, {"і", "у", "не", "на", "што", "з", "гэта", "да", "як", "ад", "для", "яго", "але", "таксама", "быў"}},
      {"bg", USCRIPT_CYRILLIC, {"и", "в", "на", "да", "се", "че", "не", "от", "за", "е", "с", "са", "по", "това", "като"}},
  };
  return kProfiles;
}

// Scripts other than Latin and Cyrillic decide the language by themselves.
const char* LanguageOfScript(UScriptCode s) {
  switch (s) {
    case USCRIPT_GREEK: return "el";
    case USCRIPT_ARABIC: return "ar";
    case USCRIPT_HEBREW: return "he";
    case USCRIPT_HAN: return "zh";
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA: return "ja";
    case USCRIPT_HANGUL: return "ko";
    case USCRIPT_THAI: return "th";
    case USCRIPT_DEVANAGARI: return "hi";
    case USCRIPT_GEORGIAN: return "ka";
    case USCRIPT_ARMENIAN: return "hy";
    default: return "";
  }
}

// Each function word with the profiles (by index) it belongs to, built once.
const std::unordered_map<std::string_view, std::vector<uint8_t>>& WordIndex() {
  static const auto* index = [] {
    auto* m = new std::unordered_map<std::string_view, std::vector<uint8_t>>();
    const auto& profiles = Profiles();
    for (size_t p = 0; p < profiles.size(); ++p)
      for (std::string_view w : profiles[p].words) (*m)[w].push_back(static_cast<uint8_t>(p));
    return m;
  }();
  return *index;
}

struct Counts {
  std::array<size_t, USCRIPT_CODE_LIMIT> scripts{};
  std::vector<size_t> hits = std::vector<size_t>(Profiles().size());  // per profile
  size_t letters = 0;
  bool japanese_kana = false;
};

// A sample is enough: the first few thousand bytes tell the language as well as the whole.
constexpr int32_t kSampleBytes = 4096;

Counts Count(std::string_view text) {
  Counts c;
  const auto& index = WordIndex();
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (auto it = index.find(word); it != index.end())
      for (uint8_t p : it->second) ++c.hits[p];
    word.clear();
  };
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0, n = static_cast<int32_t>(std::min<size_t>(text.size(), kSampleBytes));
  while (i < n) {
    // ASCII (most of the text in Latin script) without ICU's look-ups: a letter is Latin
    // and lower-cases by itself, anything else ends a word.
    if (s[i] < 0x80) {
      const uint8_t b = s[i++];
      const uint8_t lower = b | 0x20;
      if (lower < 'a' || lower > 'z') {
        flush();
        continue;
      }
      ++c.scripts[USCRIPT_LATIN];
      ++c.letters;
      word += char(lower);
      continue;
    }
    UChar32 ch;
    U8_NEXT(s, i, n, ch);
    if (ch < 0 || !u_isalpha(ch)) {
      flush();
      continue;
    }
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(ch, &err);
    if (script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA) c.japanese_kana = true;
    if (script >= 0 && script < USCRIPT_CODE_LIMIT) ++c.scripts[script];
    ++c.letters;
    char buf[4];
    int32_t k = 0;
    U8_APPEND_UNSAFE(buf, k, u_tolower(ch));
    word.append(buf, k);
  }
  flush();
  return c;
}

// Letters only one Cyrillic language writes.
const char* CyrillicByLetters(std::string_view text) {
  text = text.substr(0, kSampleBytes);
  auto has = [&](std::string_view letter) { return text.find(letter) != std::string_view::npos; };
  if (has("ў") || has("Ў")) return "be";
  bool ukrainian = has("ї") || has("є") || has("ґ") || has("Ї") || has("Є");
  bool russian = has("ы") || has("э") || has("ъ") || has("ё");
  if (ukrainian && !russian) return "uk";
  if (russian && !ukrainian && !has("і")) return "ru";
  return "";
}

}  // namespace

std::string GuessLanguage(std::string_view text) {
  Counts c = Count(text);
  if (c.letters < 20) return "";
  int best_script = USCRIPT_COMMON;
  size_t best = 0;
  for (int script = 0; script < USCRIPT_CODE_LIMIT; ++script)
    if (c.scripts[script] > best) best = c.scripts[script], best_script = script;
  if (best * 2 < c.letters) return "";  // no script holds a majority
  auto script = static_cast<UScriptCode>(best_script);
  if (script == USCRIPT_HAN && c.japanese_kana) return "ja";
  if (const char* lang = LanguageOfScript(script); *lang) return lang;
  if (script != USCRIPT_LATIN && script != USCRIPT_CYRILLIC) return "";

  // Score each language of the script by how much of the text its function words cover.
  const char* winner = "";
  size_t top = 0, second = 0;
  const auto& profiles = Profiles();
  for (size_t i = 0; i < profiles.size(); ++i) {
    if (profiles[i].script != script) continue;
    size_t hits = c.hits[i];
    if (hits > top) second = top, top = hits, winner = profiles[i].code;
    else if (hits > second) second = hits;
  }
  if (script == USCRIPT_CYRILLIC)
    if (const char* lang = CyrillicByLetters(text); *lang) return lang;
  // Too few function words, or two languages too close to call.
  if (top < 3 || top * 4 < second * 5) return "";
  return winner;
}

}  // namespace sitrep
