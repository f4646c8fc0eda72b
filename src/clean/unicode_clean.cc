#include "clean/unicode_clean.h"

#include <unicode/normalizer2.h>
#include <unicode/bytestream.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <map>
#include <unordered_map>

namespace sitrep {

namespace {

void AppendUtf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, c);
  out.append(buf, n);
}

enum class CharClass { kKeep, kSpace, kNewline, kDrop };

// What one code point becomes in the normalised text.
CharClass Classify(UChar32 c) {
  if (c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029) return CharClass::kNewline;
  if (c == '\t' || c == 0x0B || c == 0x0C || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) ||
      c == 0x202F || c == 0x205F || c == 0x3000 || c == 0x1680)
    return CharClass::kSpace;
  // Invisible characters that scrapers leave inside words and that would split tokens.
  if (c == 0xAD || c == 0x200B || c == 0x2060 || c == 0xFEFF || c == 0x180E) return CharClass::kDrop;
  if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) return CharClass::kDrop;
  return CharClass::kKeep;
}

}  // namespace

std::string NormalizeUnicode(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  bool ascii = true;
  const auto* s = reinterpret_cast<const uint8_t*>(raw.data());
  const int32_t n = static_cast<int32_t>(raw.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    if (s[i] < 0x80) {
      c = s[i++];
      if (c >= 0x20 && c != 0x7F) {  // the common case: printable ASCII
        out.push_back(static_cast<char>(c));
        continue;
      }
      if (c == '\r' && i < n && s[i] == '\n') continue;  // CRLF: the LF follows
    } else {
      U8_NEXT(s, i, n, c);
      if (c < 0) c = 0xFFFD;
    }
    switch (Classify(c)) {
      case CharClass::kNewline: out.push_back('\n'); break;
      case CharClass::kSpace: out.push_back(' '); break;
      case CharClass::kDrop: break;
      case CharClass::kKeep:
        ascii = false;
        AppendUtf8(out, c);
        break;
    }
  }
  if (ascii) return out;  // ASCII is already in NFC
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || nfc->isNormalizedUTF8(out, status)) return out;
  std::string composed;
  composed.reserve(out.size());
  icu::StringByteSink<std::string> sink(&composed);
  status = U_ZERO_ERROR;
  nfc->normalizeUTF8(0, out, sink, nullptr, status);
  return U_SUCCESS(status) ? composed : out;
}

namespace {

// Look-alike letters between scripts, derived once from ICU's confusable skeletons: two
// letters of the same case whose skeletons are equal look the same.
struct LookalikeTables {
  std::unordered_map<UChar32, UChar32> to_latin;     // Cyrillic/Greek letter → Latin
  std::unordered_map<UChar32, UChar32> to_cyrillic;  // Latin letter → Cyrillic
  std::unordered_map<UChar32, UChar32> to_greek;     // Latin letter → Greek

  LookalikeTables() {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker* checker = uspoof_open(&status);
    if (U_FAILURE(status)) return;
    auto skeleton = [&](UChar32 c) {
      icu::UnicodeString dest;
      UErrorCode st = U_ZERO_ERROR;
      uspoof_getSkeletonUnicodeString(checker, 0, icu::UnicodeString(c), dest, &st);
      return U_SUCCESS(st) ? dest : icu::UnicodeString();
    };
    // Skeleton → letters of one script, upper and lower case apart.
    std::map<std::pair<std::u16string, bool>, std::vector<UChar32>> latin, cyrillic, greek;
    auto add = [&](auto& table, UChar32 from, UChar32 to) {
      for (UChar32 c = from; c <= to; ++c) {
        if (!u_isalpha(c)) continue;
        icu::UnicodeString sk = skeleton(c);
        if (sk.isEmpty()) continue;
        std::u16string key(sk.getBuffer(), sk.length());
        table[{key, static_cast<bool>(u_isupper(c))}].push_back(c);
      }
    };
    add(latin, 'A', 'Z');
    add(latin, 'a', 'z');
    add(latin, 0xC0, 0x17F);
    add(cyrillic, 0x400, 0x45F);  // the letters Russian, Ukrainian, Belarusian, Serbian use
    add(cyrillic, 0x460, 0x52F);
    add(greek, 0x370, 0x3FF);
    // The first letter under a skeleton is the most common one (ASCII and the basic
    // alphabets are added first), so it wins when several qualify.
    auto link = [](const auto& from, const auto& to, auto& out) {
      for (const auto& [key, letters] : from) {
        auto it = to.find(key);
        if (it == to.end()) continue;
        for (UChar32 c : letters) out.emplace(c, it->second.front());
      }
    };
    link(cyrillic, latin, to_latin);
    link(greek, latin, to_latin);
    link(latin, cyrillic, to_cyrillic);
    link(latin, greek, to_greek);
    uspoof_close(checker);
  }
};

const LookalikeTables& Tables() {
  static const LookalikeTables tables;
  return tables;
}

bool IsWordChar(UChar32 c) { return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK); }
bool IsJoiner(UChar32 c) { return c == '.' || c == '-' || c == '\'' || c == 0x2019; }

struct Letter {
  int32_t begin, end;  // bytes
  UChar32 c;
  UScriptCode script;
};

// The script whose letters should be replaced in one word, or USCRIPT_INVALID_CODE.
// The minority script yields when all its letters have look-alikes in the majority one;
// when only one direction is possible ("Example.NЕТ": Latin l and m have no Cyrillic
// look-alike, while Cyrillic Е and Т have Latin ones) that direction wins whatever the counts.
UScriptCode ScriptToReplace(const std::vector<Letter>& letters) {
  const LookalikeTables& t = Tables();
  int latin = 0, cyrillic = 0, greek = 0;
  for (const Letter& l : letters) {
    latin += l.script == USCRIPT_LATIN;
    cyrillic += l.script == USCRIPT_CYRILLIC;
    greek += l.script == USCRIPT_GREEK;
  }
  if (latin == 0 || (cyrillic > 0) == (greek > 0)) return USCRIPT_INVALID_CODE;
  const UScriptCode other = cyrillic > 0 ? USCRIPT_CYRILLIC : USCRIPT_GREEK;
  const int other_count = cyrillic + greek;
  const auto& to_other = other == USCRIPT_CYRILLIC ? t.to_cyrillic : t.to_greek;
  auto all_mappable = [&](UScriptCode script, const auto& table) {
    for (const Letter& l : letters)
      if (l.script == script && !table.count(l.c)) return false;
    return true;
  };
  const bool can_latin = all_mappable(other, t.to_latin);
  const bool can_other = all_mappable(USCRIPT_LATIN, to_other);
  if (can_latin && (!can_other || latin > other_count)) return other;
  if (can_other && (!can_latin || other_count > latin)) return USCRIPT_LATIN;
  return USCRIPT_INVALID_CODE;  // a tie look-alikes cannot settle: leave it as written
}

// Letters of `from` in [begin, end) rewritten to the other script of the word.
std::string RewriteWord(std::string_view text, int32_t begin, int32_t end,
                        const std::vector<Letter>& letters, UScriptCode from) {
  const LookalikeTables& t = Tables();
  UScriptCode to = USCRIPT_LATIN;
  for (const Letter& l : letters)
    if (l.script != USCRIPT_LATIN && l.script != from) to = l.script;
  const auto& table = from != USCRIPT_LATIN ? t.to_latin
                      : to == USCRIPT_GREEK ? t.to_greek : t.to_cyrillic;
  std::string out;
  int32_t pos = begin;
  for (const Letter& l : letters) {
    if (l.script != from) continue;
    out.append(text.substr(pos, l.begin - pos));
    AppendUtf8(out, table.at(l.c));
    pos = l.end;
  }
  out.append(text.substr(pos, end - pos));
  return out;
}

// Scans one word starting at or after `i`: word characters, with . - ' ’ allowed between
// them ("Example.NET"). Returns false at the end of the text.
bool NextWord(const uint8_t* s, int32_t n, int32_t& i, int32_t& begin, int32_t& end,
              std::vector<Letter>& letters) {
  letters.clear();
  begin = end = -1;
  while (i < n) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (IsWordChar(c)) {
      if (begin < 0) begin = at;
      if (u_isalpha(c)) {
        UErrorCode st = U_ZERO_ERROR;
        letters.push_back({at, i, c, uscript_getScript(c, &st)});
      }
      end = i;
    } else if (begin >= 0 && !(IsJoiner(c) && end == at)) {  // "a..b" ends at the 2nd dot
      i = at;
      return true;
    }
  }
  return begin >= 0;
}

}  // namespace

size_t RepairLookalikes(std::string& text, std::vector<std::string>* examples) {
  bool any_non_ascii = false;
  for (char ch : text) any_non_ascii |= static_cast<unsigned char>(ch) >= 0x80;
  if (!any_non_ascii) return 0;  // an ASCII text has a single script
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  std::string out;
  int32_t copied = 0, i = 0, begin, end;
  size_t changed = 0;
  std::vector<Letter> letters;
  while (NextWord(s, n, i, begin, end, letters)) {
    if (letters.size() < 2) continue;
    const UScriptCode from = ScriptToReplace(letters);
    if (from == USCRIPT_INVALID_CODE) continue;
    std::string word = RewriteWord(text, begin, end, letters, from);
    for (const Letter& l : letters) changed += l.script == from;
    if (examples && examples->size() < 5)
      examples->push_back(text.substr(begin, end - begin) + " → " + word);
    out.append(text, copied, begin - copied);
    out += word;
    copied = end;
  }
  if (changed == 0) return 0;
  out.append(text, copied, std::string::npos);
  text = std::move(out);
  return changed;
}

}  // namespace sitrep
