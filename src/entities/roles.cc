// Roles are read off the words next to a name: a run of role words, ranks, capitalised
// words and "of"/"the"/"and" that ends at the name (or at a comma just before it), or an
// appositive after the name between commas. A bare role needs "the" or an owner ("X's").
#include "entities/roles.h"

#include <algorithm>
#include <optional>
#include <unordered_set>

#include "util/strings.h"

namespace sitrep::roles {

namespace {

struct Word {
  Span span;
  std::string_view text;
};

// Words of a line: runs of anything but spaces and the punctuation that ends a phrase.
bool Breaks(unsigned char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == ',' || c == ';' || c == ':' || c == '(' ||
         c == ')' || c == '"' || c == '[' || c == ']';
}

// Curly quotes and dashes (UTF-8) break phrases too.
size_t QuoteAt(std::string_view t, size_t i) {
  unsigned char c = t[i];
  if (c != 0xE2 && c != 0xC2) return 0;
  static const std::string_view marks[] = {"\u201C", "\u201D", "\u00AB", "\u00BB", "\u2014",
                                           "\u2013"};
  for (auto m : marks)
    if (t.substr(i, m.size()) == m) return m.size();
  return 0;
}

std::vector<Word> WordsIn(std::string_view text, size_t lo, size_t hi) {
  std::vector<Word> out;
  size_t i = lo;
  while (i < hi) {
    if (Breaks(text[i]) || QuoteAt(text, i)) {
      i += std::max<size_t>(1, QuoteAt(text, i));
      continue;
    }
    size_t b = i;
    while (i < hi && !Breaks(text[i]) && !QuoteAt(text, i)) ++i;
    out.push_back({{static_cast<uint32_t>(b), static_cast<uint32_t>(i)}, text.substr(b, i - b)});
  }
  return out;
}

std::string Lower(std::string_view w) { return AsciiLower(w); }

// "Petrenko's", "Canada’s" → "Petrenko", "Canada"; other words unchanged.
std::string_view StripPossessive(std::string_view w) {
  for (std::string_view s : {"'s", "\u2019s", "'", "\u2019"})
    if (w.size() > s.size() && w.ends_with(s)) return w.substr(0, w.size() - s.size());
  return w;
}
bool IsPossessive(std::string_view w) { return StripPossessive(w).size() != w.size(); }

std::string_view StripDot(std::string_view w) { return w.ends_with('.') ? w.substr(0, w.size() - 1) : w; }

const std::unordered_set<std::string>& RoleWords() {
  static const std::unordered_set<std::string> words = {
      "president", "vice-president", "minister", "spokesman", "spokeswoman", "spokesperson",
      "secretary", "commander", "commander-in-chief", "chief", "head", "chairman",
      "chairwoman", "chairperson", "director", "representative", "dictator", "leader",
      "ambassador", "governor", "mayor", "adviser", "advisor", "aide", "envoy", "speaker",
      "chancellor", "king", "queen", "pope", "premier", "officer", "general", "colonel",
      "lieutenant", "sergeant", "captain", "admiral", "marshal", "senator", "lawmaker",
      "judge", "prosecutor", "ombudsman", "editor", "journalist", "correspondent", "founder",
      "ceo", "expert", "analyst", "deputy", "mp", "commissioner", "official", "monarch",
      "prime", "emperor", "patriarch", "general-secretary", "secretary-general", "presidente",
      "lt", "gen", "col", "maj", "sgt", "capt", "adm", "cmdr"};
  return words;
}

// Words a role phrase may hold besides role words and names.
bool IsConnector(std::string_view w) {
  static const std::unordered_set<std::string_view> words = {"of", "the", "and", "for", "on"};
  return words.count(w) > 0;
}
bool IsModifier(std::string_view w) {
  static const std::unordered_set<std::string_view> words = {
      "self-proclaimed", "deputy", "former", "acting", "senior", "first", "vice", "chief",
      "military", "foreign", "defence", "defense", "interior", "top", "then", "current",
      "interim", "de-facto", "so-called", "exiled", "opposition", "regional", "national",
      "state", "executive", "general", "lieutenant", "press", "new", "late", "retired"};
  return words.count(w) > 0;
}
bool IsDeterminer(std::string_view w) { return w == "the" || w == "a" || w == "an"; }
// Capitalised at a sentence's start, but no part of a title: "But military expert ...".
bool IsSentenceWord(std::string_view w) {
  static const std::unordered_set<std::string_view> words = {
      "but", "or", "so", "as", "at", "in", "by", "with", "from", "however", "meanwhile",
      "according", "when", "while", "if", "after", "before", "this", "that", "these", "those",
      "then", "also", "said", "says", "told", "to", "it", "he", "she", "they", "we", "i",
      "his", "her", "their", "our", "its", "during", "since", "although", "yet", "now"};
  return words.count(w) > 0;
}
// Role words that are mostly adjectives when no name follows: "the general staff", "the
// chief reason", "the official figures".
bool IsMostlyAdjective(std::string_view w) {
  static const std::unordered_set<std::string_view> words = {
      "general", "chief", "prime", "official", "head", "expert", "deputy", "premier", "king",
      "queen", "lieutenant", "speaker", "aide"};
  return words.count(w) > 0;
}
bool IsCapitalised(std::string_view w) {
  unsigned char c = w.empty() ? 0 : w[0];
  return (c >= 'A' && c <= 'Z') || c >= 0x80;  // non-ASCII: Cyrillic and others, as names
}

bool IsRankAbbreviation(std::string_view w) {
  static const std::unordered_set<std::string> words = {"lt.", "gen.", "col.", "maj.", "sgt.",
                                                        "capt.", "adm.", "cmdr.", "brig."};
  return words.count(Lower(w)) > 0;
}

// A word that may sit in a role phrase.
bool Fits(std::string_view w) {
  std::string lw = Lower(StripDot(w));
  return IsRoleWord(w) || IsRankAbbreviation(w) || IsConnector(lw) || IsModifier(lw) ||
         IsCapitalised(w);
}

// Builds the role from the words of a phrase (determiners already dropped).
std::optional<Role> MakeRole(std::string_view text, const std::vector<Word>& words) {
  std::vector<Word> ws = words;
  while (!ws.empty() && (IsConnector(Lower(ws.front().text)) || IsDeterminer(Lower(ws.front().text))))
    ws.erase(ws.begin());
  while (!ws.empty() && IsConnector(Lower(ws.back().text))) ws.pop_back();
  if (ws.empty() || ws.size() > 14) return std::nullopt;
  Role r;
  r.span = {ws.front().span.begin, ws.back().span.end};
  // The head: the last role word before "of" ("Deputy Chairman of ..." → chairman).
  size_t head = ws.size();
  for (size_t i = 0; i < ws.size(); ++i) {
    if (Lower(ws[i].text) == "of") break;
    if (IsRoleWord(ws[i].text) || IsRankAbbreviation(ws[i].text)) head = i;
  }
  if (head == ws.size()) return std::nullopt;
  r.head = Lower(StripDot(StripPossessive(ws[head].text)));
  static const std::pair<const char*, const char*> ranks[] = {
      {"gen", "general"}, {"lt", "lieutenant"}, {"col", "colonel"}, {"maj", "major"},
      {"sgt", "sergeant"}, {"capt", "captain"}, {"adm", "admiral"}, {"cmdr", "commander"},
      {"brig", "brigadier"}};
  for (auto [abbr, full] : ranks)
    if (r.head == abbr) r.head = full;
  for (size_t i = 0; i < ws.size(); ++i) {
    if (i == head) continue;
    std::string lw = Lower(StripDot(StripPossessive(ws[i].text)));
    if (IsConnector(lw) || IsDeterminer(lw) || IsModifier(lw) || IsRankAbbreviation(ws[i].text))
      continue;
    r.qualifiers.push_back(QualifierStem(StripPossessive(ws[i].text)));
  }
  // "Petrenko's spokesman" reads as "spokesman of Petrenko".
  std::string_view first = ws.front().text;
  if (IsPossessive(first) && ws.size() > 1) {
    r.text = std::string(text.substr(ws[1].span.begin, ws.back().span.end - ws[1].span.begin)) +
             " of " + std::string(StripPossessive(first));
  } else {
    r.text = std::string(text.substr(r.span.begin, r.span.size()));
  }
  return r;
}

// A role phrase is short: looking further than this from the name finds none, and a
// bound keeps the work per mention constant however long the paragraph.
constexpr size_t kReach = 240;

size_t LineStart(std::string_view t, size_t pos) {
  size_t lo = pos > kReach ? pos - kReach : 0;
  size_t nl = t.substr(lo, pos - lo).rfind('\n');
  return nl == std::string_view::npos ? lo : lo + nl + 1;
}
size_t LineEnd(std::string_view t, size_t pos) {
  size_t hi = std::min(t.size(), pos + kReach);
  size_t nl = t.substr(0, hi).find('\n', pos);
  return nl == std::string_view::npos ? hi : nl;
}

bool OnlySpaces(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' '; });
}

// Walks back from `end` over words that fit a role phrase; stops at punctuation and at a
// word that ends a sentence.
std::vector<Word> PhraseEndingAt(std::string_view t, size_t lo, size_t end) {
  auto words = WordsIn(t, lo, end);
  std::vector<Word> phrase;
  size_t next = end;
  for (size_t i = words.size(); i-- > 0;) {
    const Word& w = words[i];
    if (!OnlySpaces(t.substr(w.span.end, next - w.span.end))) break;
    if (w.text.ends_with('.') && !IsRankAbbreviation(w.text)) break;
    if (IsSentenceWord(Lower(w.text))) break;
    if (!Fits(w.text)) {
      if (IsDeterminer(Lower(w.text))) phrase.insert(phrase.begin(), w);
      break;
    }
    phrase.insert(phrase.begin(), w);
    next = w.span.begin;
  }
  return phrase;
}

bool HasRoleWord(const std::vector<Word>& ws) {
  return std::any_of(ws.begin(), ws.end(), [](const Word& w) {
    return IsRoleWord(w.text) || IsRankAbbreviation(w.text);
  });
}

}  // namespace

bool IsRoleWord(std::string_view word) {
  return RoleWords().count(Lower(StripDot(StripPossessive(word)))) > 0;
}

std::string QualifierStem(std::string_view word) {
  std::string l = UnicodeLower(word);
  // Five letters (not bytes) suffice to tell countries and bodies apart and to join a
  // country with its adjective.
  size_t i = 0, letters = 0;
  while (i < l.size() && letters < 5) {
    unsigned char c = l[i];
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++letters;
  }
  return l.substr(0, std::min(i, l.size()));
}

std::vector<Role> RolesAround(const Article& a, Span name) {
  std::vector<Role> out;
  std::string_view t = a.text;
  if (name.end > t.size() || name.begin > name.end) return out;
  size_t lo = LineStart(t, name.begin);
  // Before the name, touching it: "Harbour mayor Mykola Petrenko", "Lt. Gen. Ivan Moroz".
  auto before = PhraseEndingAt(t, lo, name.begin);
  size_t comma_end = name.begin;
  if (!before.empty() && HasRoleWord(before)) {
    if (auto r = MakeRole(t, before)) out.push_back(*r);
    comma_end = before.front().span.begin;
  }
  // Set off by a comma before it: "the Mayor of Harbour, Mykola Petrenko".
  size_t p = comma_end;
  while (p > lo && t[p - 1] == ' ') --p;
  if (p > lo && t[p - 1] == ',') {
    auto phrase = PhraseEndingAt(t, lo, p - 1);
    bool opens = !phrase.empty() && (IsDeterminer(Lower(phrase.front().text)) ||
                                     phrase.front().span.begin == lo || IsRoleWord(phrase.front().text));
    if (opens && HasRoleWord(phrase))
      if (auto r = MakeRole(t, phrase)) out.push_back(*r);
  }
  // After it, between commas: "Kovalenko, the secretary of the Council, said".
  size_t q = name.end;
  if (q + 1 < t.size() && t[q] == ',' && t[q + 1] == ' ') {
    size_t hi = LineEnd(t, q);
    auto words = WordsIn(t, q + 2, hi);
    std::vector<Word> phrase;
    size_t prev_end = q + 1;
    for (const auto& w : words) {
      if (!OnlySpaces(t.substr(prev_end, w.span.begin - prev_end))) break;
      std::string lw = Lower(w.text);
      bool ok = phrase.empty() ? (IsDeterminer(lw) || Fits(w.text)) : Fits(w.text);
      if (!ok) break;
      phrase.push_back(w);
      prev_end = w.span.end;
      if (w.text.ends_with('.') && !IsRankAbbreviation(w.text)) break;
    }
    // The phrase must end where the appositive does, at punctuation or the line's end.
    size_t after = prev_end;
    bool closed = after >= hi || t[after] == ',' || t[after] == '.' || t[after] == ';' ||
                  t[after] == ')' || QuoteAt(t, after);
    if (!phrase.empty() && closed && HasRoleWord(phrase))
      if (auto r = MakeRole(t, phrase)) out.push_back(*r);
  }
  return out;
}

std::vector<Role> BareRoles(const Article& a, const std::vector<Span>& names) {
  std::vector<Role> out;
  std::string_view t = a.text;
  std::vector<Span> sorted = names;
  std::sort(sorted.begin(), sorted.end(), [](Span x, Span y) { return x.begin < y.begin; });
  // Names do not overlap one another, so only the last one starting before `s` ends can.
  auto inside_name = [&](Span s) {
    auto it = std::lower_bound(sorted.begin(), sorted.end(), s.end,
                               [](Span n, uint32_t end) { return n.begin < end; });
    return it != sorted.begin() && std::prev(it)->end > s.begin;
  };
  auto words = WordsIn(t, 0, t.size());
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    if (!IsRoleWord(w.text) || IsRankAbbreviation(w.text) || inside_name(w.span) ||
        IsMostlyAdjective(Lower(w.text)))
      continue;
    if (IsModifier(Lower(w.text)) && i + 1 < words.size() && IsRoleWord(words[i + 1].text))
      continue;  // "deputy" in "deputy minister": the phrase is built from the head
    // Left: modifiers and capitalised words back to "the" or an owner ("Petrenko's").
    size_t lo = LineStart(t, w.span.begin);
    auto left = PhraseEndingAt(t, lo, w.span.begin);
    bool anchored = false;
    size_t start = left.size();
    for (size_t k = left.size(); k-- > 0;) {
      std::string lw = Lower(left[k].text);
      if (lw == "the" || IsPossessive(left[k].text)) {
        anchored = true;
        start = k;
        break;
      }
      if (!(IsModifier(lw) || IsCapitalised(left[k].text) || IsRoleWord(left[k].text))) break;
    }
    if (!anchored) continue;
    std::vector<Word> phrase(left.begin() + static_cast<long>(start), left.end());
    phrase.push_back(w);
    // Right: "of the Joint Forces of Ukraine".
    size_t j = i + 1, prev_end = w.span.end;
    std::vector<Word> tail;
    while (j < words.size() && OnlySpaces(t.substr(prev_end, words[j].span.begin - prev_end))) {
      std::string lw = Lower(words[j].text);
      if (!(IsConnector(lw) || IsCapitalised(words[j].text))) break;
      if (inside_name(words[j].span) && !IsConnector(lw)) break;
      tail.push_back(words[j]);
      prev_end = words[j].span.end;
      if (words[j].text.ends_with('.')) break;
      ++j;
    }
    // A name right after the role belongs to that name ("Petrenko's spokesman Ivan Moroz").
    size_t after = tail.empty() ? w.span.end : tail.back().span.end;
    bool named_next = j < words.size() && inside_name(words[j].span) &&
                      OnlySpaces(t.substr(after, words[j].span.begin - after));
    if (!tail.empty() && IsCapitalised(tail.back().text) && !IsConnector(Lower(tail.back().text))) {
      // Keep "of the X" only when it ends in a capitalised word.
    } else {
      while (!tail.empty() && (IsConnector(Lower(tail.back().text)) ||
                               IsDeterminer(Lower(tail.back().text))))
        tail.pop_back();
    }
    // "the President of Norland, Ivo Brant": the role of the name after the comma.
    size_t c = after;
    while (c < t.size() && t[c] == ' ') ++c;
    if (c < t.size() && t[c] == ',') {
      size_t n = c + 1;
      while (n < t.size()) {  // past ranks and titles: ", Lt. Gen. Ivo Brant"
        while (n < t.size() && t[n] == ' ') ++n;
        size_t e = t.find(' ', n);
        if (e == std::string_view::npos) break;
        std::string_view next = t.substr(n, e - n);
        if (!IsRankAbbreviation(next) && !IsRoleWord(next)) break;
        n = e;
      }
      if (inside_name(Span{static_cast<uint32_t>(n), static_cast<uint32_t>(n + 1)})) continue;
    }
    if (named_next || inside_name(Span{phrase.front().span.begin, w.span.end})) continue;
    phrase.insert(phrase.end(), tail.begin(), tail.end());
    // A name just before, set off by a comma, owns this role as an appositive.
    size_t p = phrase.front().span.begin;
    while (p > 0 && t[p - 1] == ' ') --p;
    if (p > 0 && t[p - 1] == ',' &&
        std::any_of(names.begin(), names.end(), [&](Span n) { return n.end == p - 1; }))
      continue;
    if (auto r = MakeRole(t, phrase)) out.push_back(*r);
    i = j > i ? j - 1 : i;
  }
  return out;
}

bool Compatible(const Role& bare, const Role& known) {
  if (bare.head != known.head) return false;
  for (const auto& q : bare.qualifiers)
    if (std::find(known.qualifiers.begin(), known.qualifiers.end(), q) == known.qualifiers.end())
      return false;
  return true;
}

}  // namespace sitrep::roles
