// The tagger: text -> tokens -> at each token the longest expression any rule matches.
// Rules are small functions over the token list; each returns where its match ends and the
// TIMEX3 attributes, or nothing. Normalisation reads the anchor and, for bare weekdays and
// months, the tense of the surrounding words.
#include "time/timex.h"

#include <algorithm>
#include <bitset>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <unordered_map>

#include "time/timex_calendar.h"

namespace sitrep {

namespace {

using namespace timex_cal;
// Words compare with literals as views (w == "may"sv): a length check and a memcmp, where a
// std::string against a char pointer is an out-of-line call that runs strlen first.
using namespace std::string_view_literals;

struct Tok {
  uint32_t b = 0, e = 0;
  std::string low;  // lower-cased text
  char kind = 'p';  // 'w' word, 'd' digits, 'p' punctuation, 'n' line break
  bool cap = false;
  bool space = true;  // whitespace before it
};

// The C locale's character classes (sitrep never sets another), inline: a library call a
// character was most of the tokenizer's time.
bool AsciiSpace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool AsciiAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool AsciiDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool AsciiUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

std::vector<Tok> Tokenize(std::string_view s) {
  std::vector<Tok> out;
  out.reserve(s.size() / 4);
  size_t i = 0;
  bool space = true;
  while (i < s.size()) {
    unsigned char c = s[i];
    if (c == '\n' && i + 1 < s.size() && s[i + 1] == '\n') {
      out.push_back({uint32_t(i), uint32_t(i + 1), "\n", 'n', false, true});
    }
    if (AsciiSpace(c)) {
      space = true;
      ++i;
      continue;
    }
    Tok t;
    t.b = uint32_t(i);
    t.space = space;
    space = false;
    if (AsciiAlpha(c) || c >= 0x80) {
      while (i < s.size() && (AsciiAlpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)) ++i;
      t.kind = 'w';
      t.cap = AsciiUpper(c);
    } else if (AsciiDigit(c)) {
      while (i < s.size() && AsciiDigit((unsigned char)s[i])) ++i;
      t.kind = 'd';
    } else {
      ++i;
    }
    t.e = uint32_t(i);
    t.low.assign(s.substr(t.b, t.e - t.b));
    for (auto& ch : t.low)
      if (AsciiUpper((unsigned char)ch)) ch = char(ch - 'A' + 'a');
    out.push_back(std::move(t));
  }
  return out;
}

// A word list looked up at nearly every token of every rule: most words are in none, so a
// bit per (length, first letter, last letter) turns them away before any hashing. Exact:
// every key sets its bit, so a clear bit means the word is no key.
template <typename V>
class WordMap {
 public:
  using Map = std::unordered_map<std::string, V>;
  using const_iterator = typename Map::const_iterator;
  WordMap(std::initializer_list<typename Map::value_type> entries) : WordMap(Map(entries)) {}
  explicit WordMap(Map entries) : map_(std::move(entries)) {
    for (const auto& entry : map_) may_hold_.set(Sign(entry.first));
  }
  const_iterator find(const std::string& w) const {
    return w.empty() || !may_hold_.test(Sign(w)) ? map_.end() : map_.find(w);
  }
  size_t count(const std::string& w) const { return find(w) != map_.end(); }
  const_iterator begin() const { return map_.begin(); }
  const_iterator end() const { return map_.end(); }

 private:
  static size_t Sign(std::string_view w) {
    const size_t first = static_cast<unsigned char>(w.front()), last = static_cast<unsigned char>(w.back());
    return ((first * 31 + last) * 17 + w.size()) % kBits;
  }
  static constexpr size_t kBits = 8192;
  Map map_;
  std::bitset<kBits> may_hold_;
};

struct Match {
  size_t end = 0;  // one past the last token
  std::string type, value, mod;
  size_t begin = SIZE_MAX;  // set when the expression starts after the token tried
  // Counted back from the reference time ("a year earlier"): a comparison, which leaves the
  // narrative where it was rather than moving it.
  bool from_ref = false;
};

const WordMap<int>& Months() {
  static const WordMap<int> m = {
      {"january", 1}, {"jan", 1},  {"february", 2}, {"feb", 2},      {"march", 3},
      {"mar", 3},     {"april", 4}, {"apr", 4},     {"may", 5},      {"june", 6},
      {"jun", 6},     {"july", 7},  {"jul", 7},     {"august", 8},   {"aug", 8},
      {"september", 9}, {"sept", 9}, {"sep", 9},    {"october", 10}, {"oct", 10},
      {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12}};
  return m;
}

const WordMap<int>& Weekdays() {
  static const WordMap<int> m = {
      {"monday", 1}, {"tuesday", 2}, {"wednesday", 3}, {"thursday", 4},
      {"friday", 5}, {"saturday", 6}, {"sunday", 7}};
  return m;
}

const WordMap<int>& NumberWords() {
  static const WordMap<int> m = {
      {"one", 1},      {"two", 2},        {"three", 3},     {"four", 4},      {"five", 5},
      {"six", 6},      {"seven", 7},      {"eight", 8},     {"nine", 9},      {"ten", 10},
      {"eleven", 11},  {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15},
      {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20},
      {"thirty", 30},  {"forty", 40},     {"fifty", 50},    {"sixty", 60},    {"seventy", 70},
      {"eighty", 80},  {"ninety", 90},    {"hundred", 100}, {"dozen", 12}};
  return m;
}

const WordMap<int>& Ordinals() {
  static const WordMap<int> m = {
      {"first", 1}, {"second", 2}, {"third", 3}, {"fourth", 4}, {"fifth", 5}, {"sixth", 6},
      {"seventh", 7}, {"eighth", 8}, {"ninth", 9}, {"tenth", 10}, {"eleventh", 11},
      {"twelfth", 12}};
  return m;
}

// A unit of time as TIMEX3 writes it in durations ("Y" in P3Y, "H" in PT3H).
struct Unit {
  std::string code;
  bool time = false;    // written after "T"
  bool plural = false;
};

// The unit a word names, or null.
const Unit* UnitOf(const std::string& w) {
  static const WordMap<Unit> m = {
      {"year", {"Y"}},    {"years", {"Y", false, true}},   {"month", {"M"}},
      {"months", {"M", false, true}},  {"week", {"W"}},    {"weeks", {"W", false, true}},
      {"day", {"D"}},     {"days", {"D", false, true}},    {"hour", {"H", true}},
      {"hours", {"H", true, true}},    {"minute", {"M", true}}, {"minutes", {"M", true, true}},
      {"second", {"S", true}},         {"seconds", {"S", true, true}},
      {"decade", {"DE"}}, {"decades", {"DE", false, true}}, {"century", {"CE"}},
      {"centuries", {"CE", false, true}}, {"quarter", {"Q"}}, {"quarters", {"Q", false, true}},
      {"weekend", {"WE"}}, {"weekends", {"WE", false, true}},
      {"yr", {"Y"}}, {"yrs", {"Y", false, true}}, {"hrs", {"H", true, true}},
      {"mins", {"M", true, true}}};
  auto it = m.find(w);
  return it == m.end() ? nullptr : &it->second;
}

std::string DurationValue(const std::string& n, const Unit& u) {
  if (u.code == "WE"sv) return "P" + n + "WE";
  if (u.code == "Q"sv) return "P" + n + "Q";
  return std::string("P") + (u.time ? "T" : "") + n + u.code;
}

std::string Num(int n) { return n < 0 ? "X" : std::to_string(n); }

// "two and a half years" the TimeBank way, in the next smaller unit: P2Y6M, PT5H30M.
std::string HalfMore(int n, const Unit& u) {
  std::string k = std::to_string(n);
  if (u.code == "Y"sv) return "P" + k + "Y6M";
  if (u.code == "D"sv) return "P" + k + "DT12H";
  if (u.code == "H"sv) return "PT" + k + "H30M";
  if (u.code == "M"sv) return u.time ? "PT" + k + "M30S" : "P" + k + "M15D";
  return DurationValue(k + ".5", u);
}

bool IsAbbrevBeforeDot(const std::string& w) {
  return Months().count(w) || w == "mr"sv || w == "mrs"sv || w == "ms"sv || w == "dr"sv || w == "st"sv ||
         w == "gen"sv || w == "sen"sv || w == "rep"sv || w == "gov"sv || w == "u"sv || w == "s"sv ||
         w == "co"sv || w == "inc"sv || w == "corp"sv || w == "no"sv || w == "vs"sv || w.size() == 1;
}

class Tagger {
 public:
  Tagger(std::string_view text, const DateTime& anchor)
      : text_(text), t_(Tokenize(text)), anchor_(anchor) {
    known_ = anchor.known();
    if (known_) {
      ay_ = anchor.year;
      am_ = anchor.precision >= Precision::kMonth ? anchor.month : 1;
      ad_ = anchor.precision >= Precision::kDay ? anchor.day : 1;
      aday_ = DaysFromCivil(ay_, am_, ad_);
    }
  }

  std::vector<Timex> Run() {
    std::vector<Timex> out;
    size_t i = 0;
    while (i < t_.size()) {
      std::optional<Match> m = Best(i);
      if (!m || m->end <= i) {
        ++i;
        continue;
      }
      size_t b = m->begin == SIZE_MAX ? i : m->begin;
      out.push_back({{t_[b].b, t_[m->end - 1].e}, m->type, m->value, m->mod, TenseOf(b, m->end, m->value)});
      if ((m->type == "DATE"sv || m->type == "TIME"sv) && !m->from_ref) {
        if (auto p = ParsePeriod(m->value); p.valid()) {
          ref_ = p;
          if (p.d) ref_day_ = p;
        }
      }
      i = m->end;
    }
    return out;
  }

 private:
  // ---- token access ----
  const std::string& W(size_t i) const {
    static const std::string kEmpty;
    return i < t_.size() ? t_[i].low : kEmpty;
  }
  // the length first: most tokens differ in it, and this is the tagger's hottest call;
  // inlined, so that the memcmp of a literal of known length is a compare or two
  [[gnu::always_inline]] bool Is(size_t i, std::string_view w) const {
    return i < t_.size() && t_[i].low.size() == w.size() && std::memcmp(t_[i].low.data(), w.data(), w.size()) == 0;
  }
  bool Digit(size_t i) const { return i < t_.size() && t_[i].kind == 'd'; }
  bool Glued(size_t i) const { return i < t_.size() && !t_[i].space; }
  int IntAt(size_t i) const { return Digit(i) && t_[i].low.size() <= 9 ? std::stoi(t_[i].low) : -1; }
  // "Jan." / "Jan": a month name and where it ends.
  std::optional<std::pair<int, size_t>> MonthAt(size_t i) const {
    if (i >= t_.size() || t_[i].kind != 'w') return std::nullopt;
    auto it = Months().find(W(i));
    if (it == Months().end()) return std::nullopt;
    bool abbrev = W(i).size() <= 4 && W(i) != "june"sv && W(i) != "july"sv && W(i) != "may"sv;
    size_t end = i + 1;
    if (abbrev && Is(end, ".") && Glued(end) && !SentenceEndDot(end)) ++end;
    if (!t_[i].cap && !(abbrev && end > i + 1)) return std::nullopt;  // "may", "march"
    // "Jan Novak": an undotted abbreviation before a capitalised word is a name
    if (abbrev && end == i + 1 && i + 1 < t_.size() && t_[i + 1].kind == 'w' && t_[i + 1].cap)
      return std::nullopt;
    return std::make_pair(it->second, end);
  }

  // A dot that ends the sentence rather than an abbreviation: "in Dec. 2022" vs "in Dec."
  bool SentenceEndDot(size_t j) const {
    return j + 1 >= t_.size() || t_[j + 1].kind == 'n' || (t_[j + 1].cap && !Digit(j + 1) &&
           !Weekdays().count(W(j + 1)));
  }

  // ---- the tense of the clause around tokens [b, e): -1 past, +1 future, 0 unknown ----
  int Tense(size_t b, size_t e) const {
    int best = 0;
    size_t best_dist = 99;
    auto consider = [&](size_t j, size_t dist) {
      int t = TenseCue(j);
      if (t && dist < best_dist) {
        best = t;
        best_dist = dist;
      }
    };
    for (size_t k = 1; k <= 10 && b >= k; ++k) {
      size_t j = b - k;
      if (SentenceBreak(j)) break;
      consider(j, k);
    }
    for (size_t j = e; j < t_.size() && j < e + 10; ++j) {
      if (SentenceBreak(j)) break;
      consider(j, j - e + 1);
    }
    return best;
  }
  // The expression's tense: the clause's words first; else a date before the anchor's day is
  // past and one after it ahead; references speak for themselves.
  sitrep::Tense TenseOf(size_t b, size_t e, const std::string& value) const {
    if (value == "PAST_REF"sv) return sitrep::Tense::kPast;
    if (value == "FUTURE_REF"sv) return sitrep::Tense::kFuture;
    int cue = Tense(b, e);
    if (cue) return cue > 0 ? sitrep::Tense::kFuture : sitrep::Tense::kPast;
    if (!known_) return sitrep::Tense::kUnknown;
    // calendar values only ("2023", "2023-02", "2022-12-19T10:00"), not weeks or quarters
    bool calendar = value.size() >= 4 && std::isdigit((unsigned char)value[0]) &&
                    (value.size() == 4 || (value.size() >= 7 && value[4] == '-' &&
                                           std::isdigit((unsigned char)value[5])));
    if (!calendar) return sitrep::Tense::kUnknown;
    std::string today = Date(aday_);
    std::string v = value.substr(0, std::min<size_t>(value.size(), 10));
    if (v < today.substr(0, v.size())) return sitrep::Tense::kPast;
    if (v > today.substr(0, v.size())) return sitrep::Tense::kFuture;
    return sitrep::Tense::kUnknown;
  }

  // One word's hint at the clause's time: +1 a plan or forecast ("will", "expected",
  // "set to", "as soon as"), -1 a past occurrence ("was", "said", a past participle), 0 none.
  int TenseCue(size_t j) const {
    // 1 future cue, -1 past cue, 2 irregular past form (a participle after "be"), 3 a plan before "to"
    static const WordMap<int> kCues = [] {
      std::unordered_map<std::string, int> m;
      for (const char* w : {"will", "shall", "ll", "tomorrow", "next", "upcoming", "scheduled",
                            "planned", "planning", "expected", "expects", "coming", "due",
                            "should", "might", "soon", "would", "intends", "promised", "forecast",
                            "ahead", "until", "likely"})
        m[w] = 1;
      for (const char* w : {"was", "were", "had", "did", "said", "ago", "last", "yesterday", "since"})
        m[w] = -1;
      m["plans"] = m["plan"] = 3;  // a plan before "to" only
      // irregular past tenses ("met", "told", "understood"); not those that read as present too
      for (const char* w : {"met", "told", "made", "took", "came", "went", "gave", "held", "began",
                            "saw", "knew", "thought", "left", "felt", "became", "brought", "found",
                            "kept", "led", "sent", "spoke", "stood", "understood", "won", "wrote",
                            "fell", "rose", "lost", "paid", "sold", "bought", "built", "fought",
                            "struck", "broke", "chose", "drove", "flew", "grew", "shot", "got"})
        m[w] = 2;
      return WordMap<int>(std::move(m));
    }();
    if (j >= t_.size() || t_[j].kind != 'w') return 0;
    const std::string& w = W(j);
    auto it = kCues.find(w);
    int cue = it == kCues.end() ? 0 : it->second;
    // "was expected to", "were planning", "was due", "was set to": a plan, told in the past
    if ((w == "was"sv || w == "were"sv) && (Is(j + 1, "planning") || Is(j + 1, "expected") ||
                                        Is(j + 1, "due") || Is(j + 1, "scheduled") ||
                                        Is(j + 1, "about") || ((Is(j + 1, "set") || Is(j + 1, "going")) && Is(j + 2, "to"))))
      return 1;
    // a plan's past ("had been due to expire Friday") or one carried out ("as planned")
    if (cue == 1 && (w == "due"sv || w == "scheduled"sv || w == "expected"sv || w == "planned"sv) &&
        j >= 2 && Is(j - 1, "been") && Is(j - 2, "had"))
      return -1;
    if (cue == 1 && w == "planned"sv && j >= 1 &&
        (Is(j - 1, "as") || Is(j - 1, "previously") || Is(j - 1, "originally")))
      return -1;
    // "plans to", "plan to" are plans; "vacation plans" is a noun
    if (cue == 3) return Is(j + 1, "to") ? 1 : 0;
    if (cue == 1 || cue == -1) return cue;
    if (w == "may"sv && !t_[j].cap) return 1;
    if ((w == "going"sv || w == "set"sv || w == "is"sv || w == "are"sv) && Is(j + 1, "to") &&
        j + 2 < t_.size() && t_[j + 2].kind == 'w' && !Is(j + 2, "be"))
      return 1;
    if (w == "early"sv && Is(j - 1, "as") && Is(j + 1, "as")) return 1;  // "as early as"
    // a past tense or participle, but not the "-eed" verbs ("succeed", "need")
    // (lower-case only: "United", "Reed" are names)
    bool participle = cue == 2 || (w.size() > 4 && w.ends_with("ed") && !w.ends_with("eed") && !t_[j].cap);
    if (participle) {
      if (!Is(j - 1, "be")) return -1;
      // "should be completed", "to be released" are plans; "could be located" says nothing
      return j >= 2 && (Is(j - 2, "to") || TenseCue(j - 2) > 0) ? 1 : 0;
    }
    return 0;
  }
  bool SentenceBreak(size_t j) const {
    if (t_[j].kind != 'p' && t_[j].kind != 'n') return false;  // words and numbers never are
    if (t_[j].kind == 'n' || W(j) == "!"sv || W(j) == "?"sv) return true;
    // a quotation's edge: the reporting clause outside ("Castro said") tells nothing of the
    // tense inside the quote ("``He will leave Thursday,'' Castro said")
    if (W(j) == "\""sv || (W(j) == "`"sv && Is(j + 1, "`")) || (W(j) == "'"sv && Is(j + 1, "'") && Glued(j + 1)))
      return true;
    return W(j) == "."sv && j > 0 && !IsAbbrevBeforeDot(W(j - 1));
  }

  // Of a date's readings a year apart, the one the tense points to ("was held in September"
  // is the last September), unless that lies more than nine months off: a bare month or day
  // that far away is rare in news, and the tense is read from nearby words, so it can be the
  // wrong clause's. Without a tense, the last such date within that margin (news reports
  // what has happened), else the nearest reading. A month named in the future tense may be
  // the current one ("will end in December").
  int PickYear(int m, int d, size_t b, size_t e) const {
    constexpr int64_t kTenseReach = 270;  // days, about nine months
    // "since March", "the quarter ended Jan. 31": the last such date, however far back
    if (b > 0 && (Is(b - 1, "since") || Is(b - 1, "ended"))) {
      for (int y = ay_; y >= ay_ - 1; --y)
        if (DaysFromCivil(y, m, std::min(std::max(d, 1), DaysInMonth(y, m))) <= aday_) return y;
    }
    // "by August": a deadline, mostly ahead
    int tense = b > 0 && Is(b - 1, "by") ? 1 : Tense(b, e);
    int nearest = ay_, pointed = 0;
    int64_t nearest_dist = INT64_MAX, pointed_dist = INT64_MAX;
    for (int y = ay_ - 1; y <= ay_ + 1; ++y) {
      int64_t diff = DaysFromCivil(y, m, std::min(std::max(d, 1), DaysInMonth(y, m))) - aday_;
      int64_t dist = diff < 0 ? -diff : diff;
      if (dist < nearest_dist) nearest_dist = dist, nearest = y;
      bool that_way = tense < 0 ? diff <= 0 : diff >= (d ? 0 : -31);
      if (tense && that_way && dist < pointed_dist) pointed_dist = dist, pointed = y;
    }
    if (pointed && pointed_dist <= kTenseReach) return pointed;
    if (!tense) {  // news looks back: the last such date unless it lies far back
      for (int y = ay_; y >= ay_ - 1; --y) {
        int64_t diff = DaysFromCivil(y, m, std::min(std::max(d, 1), DaysInMonth(y, m))) - aday_;
        if (diff <= 0 && -diff <= kTenseReach) return y;
      }
    }
    return nearest;
  }

  // ---- numbers ----
  // "3", "three", "twenty-four", "twenty four", "a" / "an" (when allowed), "several" (X).
  std::optional<std::pair<int, size_t>> Number(size_t i, bool allow_a) const {
    if (Digit(i)) {
      if (Glued(i + 1) && (Is(i + 1, ".") || Is(i + 1, ",")) && Digit(i + 2)) return std::nullopt;
      return std::make_pair(IntAt(i), i + 1);
    }
    const std::string& w = W(i);
    auto it = NumberWords().find(w);
    if (it != NumberWords().end()) {
      int v = it->second;
      size_t end = i + 1;
      if (v >= 20 && v < 100) {
        size_t j = Is(end, "-") ? end + 1 : end;
        auto u = NumberWords().find(W(j));
        if (u != NumberWords().end() && u->second < 10) v += u->second, end = j + 1;
      }
      if (Is(end, "hundred")) v *= 100, ++end;
      return std::make_pair(v, end);
    }
    if (allow_a && (Is(i, "a") || Is(i, "an"))) {
      if (Is(i + 1, "few")) return std::make_pair(-1, i + 2);
      if (Is(i + 1, "couple") && Is(i + 2, "of")) return std::make_pair(2, i + 3);
      return std::make_pair(1, i + 1);
    }
    if (Is(i, "several") || Is(i, "few") || Is(i, "many")) return std::make_pair(-1, i + 1);
    if (Is(i, "couple") && Is(i + 1, "of")) return std::make_pair(2, i + 2);  // "the next couple of years"
    return std::nullopt;
  }

  // ---- the rules ----
  std::optional<Match> Best(size_t i) const {
    std::optional<Match> best;
    auto take = [&](std::optional<Match> m) {
      if (m && (!best || m->end > best->end)) best = std::move(m);
    };
    if (t_[i].kind == 'n' || t_[i].kind == 'p') {
      if (W(i) == "'"sv && Digit(i + 1)) take(Decade(i));
      return best;
    }
    take(NumericDate(i));
    take(MonthDate(i));
    take(Year(i));
    take(Decade(i));
    take(Modified(i));
    take(Relative(i));
    take(Duration(i));
    take(WeekdayRule(i));
    take(ClockTime(i));
    take(Word(i));
    take(Quarter(i));
    take(Set(i));
    take(Holiday(i));
    take(YearBefore(i));
    take(QuarterOfYear(i));
    take(ThatDay(i));
    take(SeasonRule(i));
    take(SecondDay(i));
    take(PluralWeekday(i));
    take(DayNextTo(i));
    return best;
  }

  std::string DayValue(int64_t days) const { return known_ ? Date(days) : "XXXX-XX-XX"; }

  // "2022-12-20", "19.12.2022", "11/02/89", optionally with "21:40".
  std::optional<Match> NumericDate(size_t i) const {
    if (!Digit(i)) return std::nullopt;
    std::string sep = W(i + 1);
    if (!(sep == "-"sv || sep == "/"sv || sep == "."sv) || !Glued(i + 1) || !Digit(i + 2) ||
        !Glued(i + 2) || !Is(i + 3, sep) || !Glued(i + 3) || !Digit(i + 4) || !Glued(i + 4))
      return std::nullopt;
    int a = IntAt(i), b = IntAt(i + 2), c = IntAt(i + 4);
    int y, m, d;
    if (W(i).size() == 4) y = a, m = b, d = c;
    else if (sep == "/"sv && a <= 12) m = a, d = b, y = c;  // US news: month first
    else d = a, m = b, y = c;
    if (W(i).size() != 4 && W(i + 4).size() == 2) y += y < 70 ? 2000 : 1900;
    else if (W(i).size() != 4 && W(i + 4).size() != 4) return std::nullopt;
    if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
    Match r{i + 5, "DATE", Date(DaysFromCivil(y, m, d)), ""};
    AppendClock(r);
    return r;
  }

  // A clock time right after a date ("21:40", "at 9:40 p.m.") turns it into a TIME.
  void AppendClock(Match& r) const {
    size_t j = r.end;
    if (Is(j, "at")) ++j;
    if (Is(j, ",")) ++j;
    auto clock = Clock(j);
    if (!clock) return;
    r.value += "T" + clock->first;
    r.type = "TIME";
    r.end = clock->second;
  }

  // "21:40", "9:40 p.m.", "9 a.m.", "noon", "midnight": "21:40" / "12:00" and the end.
  std::optional<std::pair<std::string, size_t>> Clock(size_t i) const {
    if ((Is(i, "noon") || Is(i, "midday")) && i > 0 && Is(i - 1, "high")) return std::nullopt;  // "High Noon"
    if (Is(i, "noon") || Is(i, "midday")) return std::make_pair(std::string("12:00"), i + 1);
    if (Is(i, "midnight")) return std::make_pair(std::string("24:00"), i + 1);
    if (!Digit(i) || W(i).size() > 2) return std::nullopt;
    int h = IntAt(i), m = 0;
    size_t j = i + 1;
    bool colon = Is(j, ":") && Glued(j) && Digit(j + 1) && W(j + 1).size() == 2;
    if (colon) m = IntAt(j + 1), j += 2;
    size_t k = j;
    int ampm = 0;
    if ((Is(k, "a") || Is(k, "p")) && Is(k + 1, ".") && Is(k + 2, "m")) {
      ampm = Is(k, "a") ? 1 : 2;
      k += 3;
      if (Is(k, ".") && Glued(k)) ++k;
    } else if (Is(k, "am") || Is(k, "pm")) {
      ampm = Is(k, "am") ? 1 : 2;
      ++k;
    }
    if (!colon && !ampm) {
      if (Is(k, "o") && Is(k + 1, "'") && Is(k + 2, "clock")) k += 3;
      // "4 in the morning", "9 in the evening"
      else if (h >= 1 && h <= 12 && Is(k, "in") && Is(k + 1, "the") &&
               (Is(k + 2, "morning") || Is(k + 2, "afternoon") || Is(k + 2, "evening")))
        ampm = Is(k + 2, "morning") ? 1 : 2, k += 3;
      else return std::nullopt;
    }
    if (h > 24 || m > 59) return std::nullopt;
    if (ampm == 2 && h < 12) h += 12;
    if (ampm == 1 && h == 12) h = 0;
    static const char* kZones[] = {"gmt", "utc", "est", "edt", "cst", "cdt", "pst", "pdt", "mst", "mdt", "et", "bst", "cet"};
    bool utc = Is(k, "gmt") || Is(k, "utc");
    for (auto* z : kZones)
      if (Is(k, z)) ++k;
    char buf[32];  // room for any int, so the compiler sees nothing cut off
    std::snprintf(buf, sizeof buf, "%02d:%02d%s", h, m, utc ? "Z" : "");
    return std::make_pair(std::string(buf), k);
  }

  // A bare clock time is on the day the text is telling of: the last day it named, else the
  // document's day.
  std::string NarratedDay() const {
    if (!known_) return "XXXX-XX-XX";
    return ref_day_.valid() ? ShiftYears(ref_day_, 0) : Date(aday_);
  }

  std::optional<Match> ClockTime(size_t i) const {
    // "0800 UTC": the 24-hour form of wire copy, only with its zone (else a number)
    if (Digit(i) && W(i).size() == 4 && (Is(i + 1, "utc") || Is(i + 1, "gmt")) && IntAt(i) % 100 < 60 &&
        IntAt(i) / 100 < 24) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "T%02d:%02dZ", IntAt(i) / 100, IntAt(i) % 100);
      return Match{i + 2, "TIME", NarratedDay() + buf, ""};
    }
    auto c = Clock(i);
    if (!c) return std::nullopt;
    Match r{c->second, "TIME", NarratedDay() + "T" + c->first, ""};
    // "9 a.m. Friday", "noon yesterday", "4 in the morning"
    size_t j = r.end;
    if (auto d = DayWord(j, i)) {
      r.value = d->first + "T" + c->first, r.end = d->second;
    } else if (auto date = MonthDate(j); date && date->value.size() == 10) {
      // "5 p.m. EST Nov. 9": the date right after is part of the expression
      r.value = date->value + "T" + c->first, r.end = date->end;
    } else if (Is(j, ",") || Is(j, "on")) {
      // "at 16:15 UTC, June 1": a date right after dates the time (the time stays the expression)
      if (auto date = MonthDate(j + 1); date && date->value.size() == 10) r.value = date->value + "T" + c->first;
      else if (auto d = Is(j, "on") ? DayWord(j + 1, i) : std::nullopt) r.value = d->first + "T" + c->first;
    } else if (Is(j, "(")) {
      // "10:35 a.m. (0735 GMT) Friday": the day after a parenthesis dates the time, which
      // stays the expression
      size_t k = j + 1;
      while (k < t_.size() && k < j + 6 && !Is(k, ")")) ++k;
      if (Is(k, ")"))
        if (auto d = DayWord(k + 1, i)) r.value = d->first + "T" + c->first;
    }
    return r;
  }

  // "Friday", "yesterday", "today", "tomorrow" as a day, for composing times.
  // `clause`: where the expression begins, for the tense that picks a weekday's week.
  std::optional<std::pair<std::string, size_t>> DayWord(size_t j, size_t clause) const {
    if (!known_) return std::nullopt;
    if (Is(j, "yesterday")) return std::make_pair(Date(aday_ - 1), j + 1);
    if (Is(j, "today")) return std::make_pair(Date(aday_), j + 1);
    if (Is(j, "tomorrow")) return std::make_pair(Date(aday_ + 1), j + 1);
    auto wd = Weekdays().find(W(j));
    if (wd != Weekdays().end() && t_[j].cap) return std::make_pair(Date(WeekdayDays(wd->second, clause, j + 1)), j + 1);
    return std::nullopt;
  }

  int64_t WeekdayDays(int wd, size_t b, size_t e) const {
    int delta = wd - Weekday(aday_);
    // "Wednesday's ruling": an event named by its day has mostly taken place
    int tense = Is(e, "'") && Is(e + 1, "s") ? -1 : Tense(b, e);
    // the article's own weekday is, in wire copy, mostly the day itself
    if (delta == 0) return aday_;
    if (tense > 0) return aday_ + (delta > 0 ? delta : delta + 7);
    return aday_ + (delta < 0 ? delta : delta - 7);  // news reports the past
  }

  // "Friday", "last Friday", "next Monday", "Friday morning", "Sunday night".
  std::optional<Match> WeekdayRule(size_t i) const {
    size_t j = i;
    int shift = 0;
    // "the previous Friday", "the following Monday": counted from the day the text tells of
    bool from_ref = Is(j, "the") && (Is(j + 1, "previous") || Is(j + 1, "preceding") || Is(j + 1, "following"));
    if (from_ref) shift = Is(j + 1, "following") ? 1 : -1, j += 2;
    else if (Is(j, "last") || Is(j, "past")) shift = -1, ++j;
    else if (Is(j, "next") || Is(j, "coming")) shift = 1, ++j;
    else if (Is(j, "this")) ++j;
    auto wd = Weekdays().find(W(j));
    if (wd == Weekdays().end()) {
      if (W(j).size() == 3 || W(j) == "tues"sv || W(j) == "thurs"sv) {
        static const WordMap<int> ab = {{"mon", 1}, {"tue", 2}, {"tues", 2}, {"wed", 3}, {"thu", 4}, {"thurs", 4}, {"fri", 5}, {"sat", 6}, {"sun", 7}};
        auto a = ab.find(W(j));
        if (a == ab.end() || !t_[j].cap || !Is(j + 1, ".")) return std::nullopt;
        wd = Weekdays().begin();
        int n = a->second;
        for (auto it = Weekdays().begin(); it != Weekdays().end(); ++it)
          if (it->second == n) wd = it;
        ++j;  // swallow the dot below with the name
      } else {
        return std::nullopt;
      }
    }
    if (!t_[j].cap && t_[j].kind == 'w' && Weekdays().count(W(j))) return std::nullopt;
    size_t end = j + 1;
    if (!shift && (Is(end, "nights") || Is(end, "mornings") || Is(end, "evenings") || Is(end, "afternoons")))
      return std::nullopt;  // "Tuesday nights" recur (PluralWeekday)
    if (!known_) return Match{end, "DATE", "XXXX-WXX-" + std::to_string(wd->second), ""};
    int64_t days;
    int64_t base = from_ref && ref_day_.valid() ? DaysFromCivil(ref_day_.y, ref_day_.m, ref_day_.d) : aday_;
    if (shift < 0) {
      int delta = wd->second - Weekday(base);
      days = base + (delta < 0 ? delta : delta - 7);
    } else if (shift > 0) {
      int delta = wd->second - Weekday(base);
      days = base + (delta > 0 ? delta : delta + 7);
    } else {
      days = WeekdayDays(wd->second, i, end);
    }
    Match r{end, "DATE", Date(days), ""};
    // "Friday, Dec. 19": the date that follows says which Friday
    size_t k = Is(end, ",") ? end + 1 : end;
    if (auto date = MonthDate(k); date && date->value.size() >= 10) return date;
    if (auto part = DayPart(end)) {
      r.value += part->first;
      r.type = "TIME";
      r.end = part->second;
    }
    return r;
  }

  // "morning" -> "TMO": a part of the day after a day word.
  std::optional<std::pair<std::string, size_t>> DayPart(size_t j) const {
    static const WordMap<std::string> parts = {
        {"morning", "TMO"}, {"afternoon", "TAF"}, {"evening", "TEV"}, {"night", "TNI"},
        {"nights", "TNI"}};
    auto it = parts.find(W(j));
    if (it == parts.end()) return std::nullopt;
    return std::make_pair(it->second, j + 1);
  }

  // "December 19, 2022", "Dec. 19", "19 December 2022", "December 2022", "December",
  // "mid-November", "early December".
  std::optional<Match> MonthDate(size_t i) const {
    if (Is(i, "last") || Is(i, "next") || Is(i, "this")) return ShiftedMonth(i);
    size_t j = i;
    int day = 0;
    // "the 19th of December", "19 December"
    if (Is(j, "the") && Digit(j + 1)) ++j;
    if (Digit(j) && W(j).size() <= 2) {
      size_t k = j + 1;
      if (Is(k, "st") || Is(k, "nd") || Is(k, "rd") || Is(k, "th")) ++k;
      if (Is(k, "of")) ++k;
      if (MonthAt(k)) day = IntAt(j), j = k;
      else return std::nullopt;
    } else if (j != i) {
      return std::nullopt;
    }
    auto month = MonthAt(j);
    if (!month) return std::nullopt;
    int m = month->first;
    size_t end = month->second;
    if (!day && Digit(end) && W(end).size() <= 2) {
      day = IntAt(end);
      ++end;
      if (Is(end, "st") || Is(end, "nd") || Is(end, "rd") || Is(end, "th")) ++end;
    }
    int year = 0;
    size_t y = end;
    if (Is(y, ",")) ++y;
    if (Is(y, "of") && !day) ++y;
    if (Digit(y) && W(y).size() == 4) year = IntAt(y), end = y + 1;
    else if (auto spoken = SpokenYear(y)) year = spoken->first, end = spoken->second;
    else if (known_ && (Is(y, "this") || Is(y, "last") || Is(y, "next")) && Is(y + 1, "year"))
      year = ay_ + (Is(y, "last") ? -1 : Is(y, "next") ? 1 : 0), end = y + 2;  // "July last year"
    else if (Is(y, "'") && Digit(y + 1) && W(y + 1).size() == 2) year = 1900 + IntAt(y + 1), end = y + 2;
    if (day > 31) return std::nullopt;
    // A lone "May" / "March" needs a date around it or a capital away from sentence start.
    if (!day && !year && (W(j) == "may"sv || W(j) == "march"sv) && !MonthContext(i)) return std::nullopt;
    Match r{end, "DATE", "", ""};
    if (!year) year = known_ ? PickYear(m, day, i, end) : 0;
    std::string ys = year ? std::to_string(year) : "XXXX";
    char buf[16];
    if (day) {
      std::snprintf(buf, sizeof buf, "-%02d-%02d", m, day);
      r.value = ys + buf;
      AppendClock(r);
    } else {
      std::snprintf(buf, sizeof buf, "-%02d", m);
      r.value = ys + buf;
    }
    return r;
  }
  // "last November", "next March", "this April": the month's nearest occurrence that way.
  std::optional<Match> ShiftedMonth(size_t i) const {
    auto month = MonthAt(i + 1);
    if (!month || !known_ || Digit(month->second)) return std::nullopt;
    int m = month->first, y = ay_;
    if (Is(i, "last") && m >= am_) --y;
    if (Is(i, "next") && m <= am_) ++y;
    return Match{month->second, "DATE", Month(y, m), ""};
  }

  bool MonthContext(size_t i) const {
    if (i == 0) return false;
    const std::string& p = W(i - 1);
    return p == "in"sv || p == "since"sv || p == "until"sv || p == "by"sv || p == "of"sv || p == "last"sv ||
           p == "next"sv || p == "early"sv || p == "late"sv || p == "mid"sv || p == "through"sv ||
           p == "from"sv || p == "before"sv || p == "after"sv || p == "this"sv || p == "-"sv;
  }

  // Broadcast transcripts spell years out: "nineteen ninety-six", "two thousand".
  std::optional<std::pair<int, size_t>> SpokenYear(size_t i) const {
    if (Is(i, "two") && Is(i + 1, "thousand") && !Is(i + 2, "and") && !UnitOf(W(i + 2)))
      return std::make_pair(2000, i + 2);
    int century = Is(i, "nineteen") ? 1900 : Is(i, "eighteen") ? 1800 : 0;
    if (!century) return std::nullopt;
    auto tens = NumberWords().find(W(i + 1));
    if (tens == NumberWords().end() || tens->second < 20 || tens->second > 90) return std::nullopt;
    int y = century + tens->second;
    size_t end = i + 2;
    size_t k = Is(end, "-") ? end + 1 : end;
    if (auto u = NumberWords().find(W(k)); u != NumberWords().end() && u->second < 10)
      y += u->second, end = k + 1;
    return std::make_pair(y, end);
  }

  // "1990", "fiscal 1989", "1990s"-free 4-digit years that read as years.
  std::optional<Match> Year(size_t i) const {
    size_t j = i;
    if (Is(j, "the") && Is(j + 1, "year") && SpokenYear(j + 2)) j += 2;  // "the year two thousand"
    if (auto spoken = SpokenYear(j)) return Match{spoken->second, "DATE", std::to_string(spoken->first), ""};
    if (Is(j, "fiscal") || Is(j, "calendar")) ++j;
    if (!Digit(j) || W(j).size() != 4) return std::nullopt;
    int y = IntAt(j);
    if (y < 1000 || y > 2100) return std::nullopt;
    if (Glued(j + 1) && (Is(j + 1, "s") || Is(j + 1, "-") || Is(j + 1, ".") || Is(j + 1, ",") ) && (Is(j + 1, "s") || Digit(j + 2)))
      return std::nullopt;
    bool mid = j > 1 && Is(j - 2, "mid");  // "mid-2011"
    if (j > 0 && (Is(j - 1, "$") || Is(j - 1, "#") || (Is(j - 1, "-") && Glued(j) && !mid))) return std::nullopt;
    if (Is(j + 1, "%")) return std::nullopt;
    // "2000 people": a year is not followed by a plural noun it counts; but after a
    // determiner or possessive it is the adjective of an event ("the 1995 shooting").
    bool det = j == i && j > 0 && (Is(j - 1, "the") || Is(j - 1, "its") || Is(j - 1, "that") ||
                                   Is(j - 1, "his") || Is(j - 1, "her") || Is(j - 1, "their") ||
                                   (Is(j - 1, "s") && Is(j - 2, "'")));
    // after "in", "since", "until", "by" a plausible year is one whatever follows ("in 2009 out
    // of London")
    bool taken = j == i && j > 0 && (Is(j - 1, "in") || Is(j - 1, "since") || Is(j - 1, "until") || Is(j - 1, "by")) &&
                 y >= 1900 && (!known_ || y <= ay_ + 30);
    if (j + 1 < t_.size() && t_[j + 1].kind == 'w' && !t_[j + 1].cap && !YearFollower(W(j + 1)) &&
        !(det && y >= 1900 && (!known_ || y <= ay_ + 1)) && !taken)
      return std::nullopt;
    if (j == i && y < 1900 && !MonthContext(i) && !(j > 0 && Is(j - 1, "in"))) return std::nullopt;
    return Match{j + 1, "DATE", std::to_string(y), ""};
  }

  // A word that may follow a year ("in 1990 the", "1990 levels"); other lower-case words
  // after a number mostly mean it counts something ("2000 people").
  static bool YearFollower(const std::string& w) {
    static const char* kWords[] = {
        "and", "or", "to", "when", "as", "after", "before", "until", "through", "in", "on",
        "at", "the", "but", "for", "with", "was", "were", "is", "are", "has", "had", "have",
        "that", "which", "while", "because", "so", "than", "if", "he", "she", "it", "they",
        "we", "a", "an", "compared", "levels", "level", "results", "earnings", "sales",
        "election", "elections", "season", "budget", "census", "model", "models", "figures",
        "figure", "fiscal", "by", "from", "of", "its", "their", "his", "her", "this", "there",
        "also", "did", "would", "will", "could", "amid", "during", "since", "alone", "ended",
        "began", "period", "high", "low", "peak", "agreement", "deal", "law", "act", "plan",
        "crisis", "war", "report", "survey", "estimate", "estimates", "forecast", "olympics",
        "games", "campaign", "round", "edition", "version", "due", "ago"};
    for (auto* k : kWords)
      if (w == k) return true;
    return false;
  }

  // "the 1990s" -> 199, "the '90s" -> 199, "the mid-1980s".
  std::optional<Match> Decade(size_t i) const {
    size_t j = i;
    if (Is(j, "the")) ++j;
    std::string mod;
    if (Is(j, "early")) mod = "START", ++j;
    else if (Is(j, "late")) mod = "END", ++j;
    else if (Is(j, "mid")) {
      mod = "MID", ++j;
      if (Is(j, "-")) ++j;
    }
    int y = -1;
    if (Digit(j) && W(j).size() == 4 && Is(j + 1, "s") && Glued(j + 1)) y = IntAt(j), j += 2;
    else if (Is(j, "'") && Digit(j + 1) && W(j + 1).size() == 2 && Is(j + 2, "s") && Glued(j + 2))
      y = 1900 + IntAt(j + 1), j += 3;
    else if (Digit(j) && W(j).size() == 2 && Is(j + 1, "s") && Glued(j + 1) && IntAt(j) % 10 == 0 && i != j)
      y = 1900 + IntAt(j), j += 2;
    // "since '82": a clipped year, after a word that takes a year
    if (y < 0 && mod.empty() && Is(j, "'") && Digit(j + 1) && W(j + 1).size() == 2 && Glued(j + 1) &&
        !Glued(j + 2) && j > 0 && (Is(j - 1, "since") || Is(j - 1, "in") || Is(j - 1, "of"))) {
      int yy = IntAt(j + 1);
      int century = known_ && 2000 + yy <= ay_ ? 2000 : 1900;
      return Match{j + 2, "DATE", std::to_string(century + yy), ""};
    }
    // "the nineties", "the eighties"
    static const WordMap<int> kDecades = {
        {"twenties", 2}, {"thirties", 3}, {"forties", 4}, {"fifties", 5}, {"sixties", 6},
        {"seventies", 7}, {"eighties", 8}, {"nineties", 9}};
    if (y < 0 && j > i && Is(i, "the"))
      if (auto d = kDecades.find(W(j)); d != kDecades.end())
        return Match{j + 1, "DATE", "19" + std::to_string(d->second), mod};
    // "the 20th century" -> 19
    if (y < 0 && Digit(j) && W(j).size() == 2 && (Is(j + 1, "th") || Is(j + 1, "st")) && Is(j + 2, "century"))
      return Match{j + 3, "DATE", std::to_string(IntAt(j) - 1), mod};
    if (y < 0) return std::nullopt;
    if (y % 100 == 0 && W(j - 2).size() == 4) return Match{j, "DATE", std::to_string(y / 100), mod};
    return Match{j, "DATE", std::to_string(y / 10), mod};
  }

  // "early 2023", "late January", "mid-November", "the end of 1990", "earlier this year",
  // "the beginning of next month": a modifier around a date expression.
  std::optional<Match> Modified(size_t i) const {
    size_t j = i;
    std::string mod;
    if (Is(j, "early") || Is(j, "earlier")) mod = "START", ++j;
    else if (Is(j, "late") || Is(j, "later")) mod = "END", ++j;
    else if (Is(j, "mid")) {
      mod = "MID", ++j;
      if (Is(j, "-")) ++j;
    } else if (Is(j, "the") && (Is(j + 1, "end") || Is(j + 1, "beginning") || Is(j + 1, "start") ||
                                Is(j + 1, "middle")) && Is(j + 2, "of")) {
      mod = Is(j + 1, "end") ? "END" : Is(j + 1, "middle") ? "MID" : "START";
      j += 3;
    } else {
      return std::nullopt;
    }
    std::optional<Match> inner;
    for (auto m : {MonthDate(j), Year(j), Relative(j), Decade(j), Word(j)})
      if (m && (!inner || m->end > inner->end)) inner = m;
    if (!inner || inner->type != "DATE"sv || inner->value.ends_with("_REF")) return std::nullopt;
    inner->mod = mod;  // "late yesterday" is the end of that day
    return inner;
  }

  // this/last/next/past/coming + week/month/year/quarter/weekend/season; "a year ago";
  // "two days ago"; "yesterday morning"; "the year".
  std::optional<Match> Relative(size_t i) const {
    if (auto m = Ago(i)) return m;
    size_t j = i;
    int shift = 0;
    bool the = false;
    if (Is(j, "the")) the = true, ++j;
    const std::string& d = W(j);
    if (d == "this"sv || d == "current"sv || d == "present"sv) shift = 0, ++j;
    else if (d == "last"sv || d == "past"sv || d == "previous"sv || d == "prior"sv) shift = -1, ++j;
    else if (d == "next"sv || d == "coming"sv || d == "following"sv || d == "upcoming"sv) shift = 1, ++j;
    else if (!the) return std::nullopt;
    // "the fiscal year": the year told of; "the fiscal year ended March 31" is a year's length
    if (the && j == i + 1 && Is(j, "fiscal") && Is(j + 1, "year") && known_) {
      if (Is(j + 2, "ended") || Is(j + 2, "ending")) return Match{j + 2, "DURATION", "P1Y", ""};
      return Match{j + 2, "DATE", std::to_string(ref_.valid() ? ref_.y : ay_), ""};
    }
    if (the && j == i + 1 && (Is(j, "full") || Is(j, "entire") || Is(j, "whole")) && Is(j + 1, "year") && known_)
      return Match{j + 2, "DATE", std::to_string(ref_.valid() ? ref_.y : ay_), ""};  // "the full year"
    if (the && j == i + 1 && !(Is(j, "year") || Is(j, "month") || Is(j, "week") || Is(j, "weekend") || Is(j, "day") ||
                               !Season(W(j)).empty()))
      return std::nullopt;
    // "the summer": this year's; "the winter of 1994": that year's
    if (the && j == i + 1 && !Season(W(j)).empty()) {
      if (Is(j + 1, "of") && Digit(j + 2) && W(j + 2).size() == 4)
        return Match{j + 3, "DATE", W(j + 2) + "-" + Season(W(j)), ""};
      if (Is(j + 1, "of"))
        if (auto spoken = SpokenYear(j + 2))
          return Match{spoken->second, "DATE", std::to_string(spoken->first) + "-" + Season(W(j)), ""};
      if (!known_) return std::nullopt;
      // a season that names something: "the Spring of Hope", "the Summer Games"
      if (Is(j + 1, "of") || (t_[j].cap && j + 1 < t_.size() && t_[j + 1].cap)) return std::nullopt;
      return Match{j + 1, "DATE", std::to_string(ay_) + "-" + Season(W(j)), ""};
    }
    if (Is(j, "fiscal")) ++j;
    std::string unit = W(j);
    std::string season = Season(unit);
    if (!known_) return std::nullopt;
    // a quoted title: ABC's "This Week"
    if (j < t_.size() && t_[j].cap && i > 0 && (Is(i - 1, "\"") || Is(i - 1, "`"))) return std::nullopt;
    // "the week of March 6": the week that holds the date
    if (the && j == i + 1 && (unit == "week"sv || unit == "weekend"sv) && Is(j + 1, "of"))
      if (auto date = MonthDate(j + 2); date && date->value.size() == 10) {
        Period p = ParsePeriod(date->value);
        std::string week = Week(DaysFromCivil(p.y, p.m, p.d));
        return Match{date->end, "DATE", unit == "week"sv ? week : week + "-WE", ""};
      }
    Match r{j + 1, "DATE", "", ""};
    // "the following year", "the previous month", "the next day" point back to the time the
    // text has just set; "next year" without "the" counts from the document's date.
    if (the && (d == "following"sv || d == "previous"sv || d == "prior"sv || (d == "next"sv && unit == "day"sv))) {
      if (auto v = FromReferenceUnit(unit, shift)) {
        r.value = *v;
        return r;
      }
    }
    if (unit == "year"sv && the && j == i + 1 && (Is(j + 1, "before") || Is(j + 1, "previous") || Is(j + 1, "earlier")) &&
        !(j + 2 < t_.size() && t_[j + 2].kind == 'w' && !Is(j + 2, "and") && !Is(j + 2, "to"))) {
      // "the year before", "the year previous": the year before the one the text is about
      r.value = std::to_string((ref_.valid() ? ref_.y : ay_) - 1);
      r.end = j + 2;
      r.from_ref = true;
    } else if (unit == "year"sv && the && j == i + 1 && (Is(j + 1, "ended") || Is(j + 1, "ending"))) {
      // "for the year ended March 31": a (fiscal) year's length, not a calendar year
      r.type = "DURATION";
      r.value = "P1Y";
    } else if (unit == "year"sv) {
      r.value = std::to_string(ay_ + shift);
    } else if (unit == "month"sv) {
      r.value = AddMonths(ay_, am_, shift);
    } else if (unit == "week"sv) {
      r.value = Week(aday_ + 7 * shift);
      if (the && j == i + 1) r.value = std::to_string(ay_) + "-WXX";
    } else if (unit == "weekend"sv) {
      // "over the weekend" told on a weekday is the one just past, unless it is a plan
      if (the && j == i + 1 && Weekday(aday_) < 6 && Tense(i, j + 1) <= 0) shift = -1;
      r.value = Week(aday_ + 7 * shift) + "-WE";
    } else if (unit == "quarter"sv && !the) {
      int q = (am_ - 1) / 3 + shift;
      int y = ay_ + (q < 0 ? -1 : q > 3 ? 1 : 0);
      r.value = std::to_string(y) + "-Q" + std::to_string((q + 4) % 4 + 1);
    } else if (!season.empty()) {
      int y = ay_ + shift;
      if (shift < 0 && season != "WI"sv && SeasonOrder(season) < SeasonOrder(CurrentSeason())) y = ay_;
      r.value = std::to_string(y) + "-" + season;
    } else if (unit == "day"sv && the && j == i + 1) {
      return std::nullopt;
    } else if ((unit == "morning"sv || unit == "afternoon"sv || unit == "evening"sv || unit == "night"sv) && shift <= 0) {
      auto part = DayPart(j);
      int64_t day = d == "last"sv && unit == "night"sv ? aday_ - 1 : aday_;
      if (shift < 0 && unit != "night"sv) return std::nullopt;
      r.value = Date(day) + part->first;
      r.type = "TIME";
    } else {
      return std::nullopt;
    }
    return r;
  }
  // "the day before last Tuesday's hearing", "the day after Christmas": one day off the date
  // named, all one expression.
  std::optional<Match> DayNextTo(size_t i) const {
    if (!Is(i, "the") || !Is(i + 1, "day") || !(Is(i + 2, "before") || Is(i + 2, "after")) || !known_)
      return std::nullopt;
    std::optional<Match> date;
    for (auto m : {MonthDate(i + 3), WeekdayRule(i + 3), Holiday(i + 3)})
      if (m && m->begin == SIZE_MAX && (!date || m->end > date->end)) date = m;
    if (!date || date->type != "DATE"sv || date->value.size() != 10) return std::nullopt;
    Period p = ParsePeriod(date->value);
    if (!p.d) return std::nullopt;
    int64_t day = DaysFromCivil(p.y, p.m, p.d) + (Is(i + 2, "before") ? -1 : 1);
    return Match{date->end, "DATE", Date(day), ""};
  }

  // "April 24 and 25", "on May 3 or 4": the second day number shares the month and year of
  // the date just named.
  std::optional<Match> SecondDay(size_t i) const {
    if (!Digit(i) || W(i).size() > 2 || i < 3 || !ref_day_.valid()) return std::nullopt;
    if (!(Is(i - 1, "and") || Is(i - 1, "or") || Is(i - 1, "to") || Is(i - 1, "through") || Is(i - 1, "-")))
      return std::nullopt;
    if (!Digit(i - 2) || IntAt(i - 2) != ref_day_.d || !MonthAt(i - 3)) return std::nullopt;
    int d = IntAt(i);
    if (d <= ref_day_.d || d > DaysInMonth(ref_day_.y, ref_day_.m)) return std::nullopt;
    // "May 3 and 4 people": the number counts something
    if (i + 1 < t_.size() && t_[i + 1].kind == 'w' && !YearFollower(W(i + 1))) return std::nullopt;
    return Match{i + 1, "DATE", Date(DaysFromCivil(ref_day_.y, ref_day_.m, d)), ""};
  }

  // "summer", "the early summer", "late spring", "Autumn meetings", "winter 2023": a season
  // of the year told of, else the document's. "fall" counts only after "the", a modifier or a
  // year follows, being a verb too; a season that names something ("Spring of Hope") is none.
  std::optional<Match> SeasonRule(size_t i) const {
    char c = W(i).empty() ? 0 : W(i)[0];
    if (c != 't' && c != 'e' && c != 'l' && c != 'm' && c != 's' && c != 'w' && c != 'a' && c != 'f')
      return std::nullopt;  // none of "the", "early", "late", "mid" or a season
    size_t j = i;
    bool the = Is(j, "the");
    if (the) ++j;
    std::string mod;
    if (Is(j, "early")) mod = "START", ++j;
    else if (Is(j, "late")) mod = "END", ++j;
    else if (Is(j, "mid") && Is(j + 1, "-")) mod = "MID", j += 2;
    std::string season = Season(W(j));
    if (season.empty() || (the && mod.empty())) return std::nullopt;  // "the summer": Relative
    size_t end = j + 1;
    int year = known_ ? (ref_.valid() && ref_.y != ay_ && !ref_.m ? ref_.y : ay_) : 0;
    bool year_named = false;
    if (Is(end, "of") && Digit(end + 1) && W(end + 1).size() == 4) year = IntAt(end + 1), end += 2, year_named = true;
    else if (Digit(end) && W(end).size() == 4) year = IntAt(end), ++end, year_named = true;
    if (!year_named) {
      if (W(j) == "fall"sv && mod.empty()) return std::nullopt;
      if (Is(end, "of") || Is(end, "-") || (t_[j].cap && end < t_.size() && t_[end].cap)) return std::nullopt;
      if (!known_) return std::nullopt;
    }
    return Match{end, "DATE", std::to_string(year) + "-" + season, mod};
  }

  static std::string Season(const std::string& w) {
    if (w == "spring"sv) return "SP";
    if (w == "summer"sv) return "SU";
    if (w == "fall"sv || w == "autumn"sv) return "FA";
    if (w == "winter"sv) return "WI";
    return "";
  }
  static int SeasonOrder(const std::string& s) {
    return s == "WI"sv ? 0 : s == "SP"sv ? 1 : s == "SU"sv ? 2 : 3;
  }
  std::string CurrentSeason() const {
    if (am_ <= 2 || am_ == 12) return "WI";
    if (am_ <= 5) return "SP";
    if (am_ <= 8) return "SU";
    return "FA";
  }

  // "two days ago", "a year earlier", "three weeks from now", "several years ago".
  std::optional<Match> Ago(size_t i) const {
    size_t j = i;
    std::string mod;
    if (auto pre = Approx(j)) mod = pre->first, j = pre->second;
    auto n = Number(j, true);
    if (!n) return std::nullopt;
    j = n->second;
    if (Is(j, "-")) ++j;
    auto u = UnitOf(W(j));
    if (!u) return std::nullopt;
    ++j;
    int dir = 0;
    if (Is(j, "ago") || Is(j, "earlier") || Is(j, "before")) dir = -1;
    else if (Is(j, "later") || Is(j, "after") || Is(j, "hence")) dir = 1;
    else if (Is(j, "from") && Is(j + 1, "now")) dir = 1, ++j;
    else return std::nullopt;
    bool before_after = Is(j, "before") || Is(j, "after");
    if (before_after && !(j + 1 >= t_.size() || t_[j + 1].kind == 'p')) return std::nullopt;
    Match r{j + 1, "DATE", "", mod};
    int k = n->first;
    if (!known_) return std::nullopt;
    if (k < 0) {
      r.value = "PAST_REF";
      if (dir > 0) r.value = "FUTURE_REF";
      return r;
    }
    int s = dir * k;
    bool relative_word = !Is(j, "ago") && !Is(j, "now");
    if (auto v = FromReference(*u, s, relative_word)) {
      r.value = *v;
      r.from_ref = true;
      return r;
    }
    // "up from $5 a year ago", "compared with a year ago": the point compared with, which
    // leaves the narrative where it was
    r.from_ref = i > 0 && (Is(i - 1, "from") || Is(i - 1, "with") || Is(i - 1, "than") || Is(i - 1, "over"));
    if (u->code == "D"sv) r.value = Date(aday_ + s);
    else if (u->code == "W"sv) r.value = Date(aday_ + 7 * s);  // "two weeks ago": that day
    else if (u->code == "M"sv && !u->time) r.value = AddMonths(ay_, am_, s);
    else if (u->code == "Y"sv) r.value = std::to_string(ay_ + s);
    else if (u->code == "DE"sv) r.value = std::to_string((ay_ + 10 * s) / 10);
    else if (u->code == "Q"sv) {
      int q = ay_ * 4 + (am_ - 1) / 3 + s;
      r.value = std::to_string(q / 4) + "-Q" + std::to_string(q % 4 + 1);
    } else if (u->time) {
      r.value = Date(aday_);
      r.type = "TIME";
    } else {
      return std::nullopt;
    }
    return r;
  }

  // "two days later", "a year earlier" count from the reference time when it is at least as
  // fine as the unit. "A year ago" does too when the reference is a quarter: results compared
  // with "a year ago" compare the same quarter a year before.
  std::optional<std::string> FromReference(const Unit& u, int shift, bool relative_word) const {
    if (!ref_.valid() || u.time) return std::nullopt;
    if (u.code == "Y"sv && (relative_word || ref_.q)) return ShiftYears(ref_, shift);
    if (!relative_word || !ref_.d) return std::nullopt;
    int64_t day = DaysFromCivil(ref_.y, ref_.m, ref_.d);
    if (u.code == "D"sv) return Date(day + shift);
    if (u.code == "W"sv) return Week(day + 7 * shift);
    if (u.code == "M"sv) return AddMonths(ref_.y, ref_.m, shift);
    return std::nullopt;
  }

  // The reference time moved by `shift` units named by a word: "year", "month", "week", "day".
  std::optional<std::string> FromReferenceUnit(const std::string& unit, int shift) const {
    if (unit == "year"sv && ref_.valid()) return std::to_string(ref_.y + shift);
    if (unit == "month"sv && ref_.m) return AddMonths(ref_.y, ref_.m, shift);
    if (!ref_day_.valid()) return std::nullopt;
    int64_t day = DaysFromCivil(ref_day_.y, ref_day_.m, ref_day_.d);
    if (unit == "day"sv) return Date(day + shift);
    if (unit == "week"sv) return Week(day + 7 * shift);
    return std::nullopt;
  }

  // "about", "nearly", "more than", "at least": the TIMEX3 mod and where the rest begins.
  std::optional<std::pair<std::string, size_t>> Approx(size_t j) const {
    if (Is(j, "about") || Is(j, "around") || Is(j, "roughly") || Is(j, "approximately") || Is(j, "some"))
      return std::make_pair(std::string("APPROX"), j + 1);
    if (Is(j, "nearly") || Is(j, "almost")) return std::make_pair(std::string("LESS_THAN"), j + 1);
    if ((Is(j, "more") || Is(j, "over")) && Is(j + 1, "than")) return std::make_pair(std::string("MORE_THAN"), j + 2);
    if (Is(j, "less") && Is(j + 1, "than")) return std::make_pair(std::string("LESS_THAN"), j + 2);
    if (Is(j, "at") && Is(j + 1, "least")) return std::make_pair(std::string("EQUAL_OR_MORE"), j + 2);
    if (Is(j, "up") && Is(j + 1, "to")) return std::make_pair(std::string("EQUAL_OR_LESS"), j + 2);
    return std::nullopt;
  }

  // "three years", "six-month", "the past three years", "the first nine months", "24 hours",
  // "more than two decades", "years" (PXY after "for"/"in").
  std::optional<Match> Duration(size_t i) const {
    size_t j = i;
    std::string mod;
    if (auto pre = Approx(j)) mod = pre->first, j = pre->second;
    size_t det = j;
    bool span_word = false;  // "past", "next": a singular unit then means one of it
    if (Is(j, "the")) {
      ++j;
      if (Is(j, "past") || Is(j, "last") || Is(j, "next") || Is(j, "first") || Is(j, "previous") ||
          Is(j, "coming") || Is(j, "final") || Is(j, "latest") || Is(j, "following"))
        span_word = !Is(j, "first") && !Is(j, "final"), ++j;
      else if (auto u = UnitOf(W(j)); u && u->plural && u->code != "WE"sv && (Is(j + 1, "ahead") ||
                                                                       (Is(j + 1, "to") && Is(j + 2, "come"))))
        return Match{Is(j + 1, "ahead") ? j + 2 : j + 3, "DURATION", DurationValue("X", *u), mod};  // "the weeks ahead"
      else if (!Digit(j) && !NumberWords().count(W(j))) return std::nullopt;  // "the nine months"
    } else if (Is(j, "past") || Is(j, "next") || Is(j, "last") || Is(j, "another") || Is(j, "first")) {
      span_word = Is(j, "past");
      ++j;
    }
    bool allow_a = j == i || mod.size() || (i > 0 && (Is(i - 1, "for") || Is(i - 1, "than") || Is(i - 1, "within") || Is(i - 1, "over") || Is(i - 1, "about") || Is(i - 1, "in") || Is(i - 1, "nearly") || Is(i - 1, "almost") || Is(i - 1, "after")));
    bool half = false;
    auto n = Number(j, allow_a && !(i > 0 && (Is(i - 1, "once") || Is(i - 1, "twice") || Is(i - 1, "times") || Digit(i - 1))));
    int k = -1;
    if (n) {
      k = n->first;
      j = n->second;
      if (Is(j, "-") && Glued(j)) ++j;
      if (Is(j, "and") && Is(j + 1, "a") && Is(j + 2, "half")) j += 3, half = true;
      // "5 1/2 hours"
      if (Is(j, "1") && Is(j + 1, "/") && Is(j + 2, "2") && Glued(j + 1) && Glued(j + 2)) j += 3, half = true;
      // "two more weeks", "an additional year", "six straight days", "eight trading days"
      if (!half && (Is(j, "more") || Is(j, "additional") || Is(j, "further") || Is(j, "straight") ||
                    Is(j, "consecutive") || Is(j, "successive") || Is(j, "trading") ||
                    Is(j, "business") || Is(j, "working")) && UnitOf(W(j + 1)))
        ++j;
    }
    auto u = UnitOf(W(j));
    if (!u) return std::nullopt;
    // CBS's "60 Minutes": a quoted, capitalised title
    if (n && t_[j].cap && i > 0 && (Is(i - 1, "'") || Is(i - 1, "\"") || Is(i - 1, "`"))) return std::nullopt;
    if (n && n->first == 1 && u->plural && (W(j - 1) == "a"sv || W(j - 1) == "an"sv)) return std::nullopt;  // "a decades-long feud"
    if (n && u->code == "S"sv && !u->plural && !Digit(j - 1)) return std::nullopt;
    if (n && Digit(j - 1) && W(j - 1).size() == 4 && !u->plural) return std::nullopt;  // "the 1988 quarter"
    // "the past decade", "the next year": one unit; "the past year" reads as a stretch of time
    if (!n && span_word && !u->plural && u->code != "WE"sv && u->code != "Q"sv &&
        (W(det) == "the"sv || u->code == "DE"sv || u->code == "CE"sv))
      n = std::make_pair(1, j), k = 1;
    // "decades-long"
    if (!n && u->plural && Is(j + 1, "-") && Is(j + 2, "long") && j == i) n = std::make_pair(-1, j);
    if (!n && !(j > det && u->plural)) {
      // a bare plural unit after "for" / "in" is an unspecified duration: "for years"
      if (!(u->plural && i > 0 && (Is(i - 1, "for") || Is(i - 1, "in") || Is(i - 1, "within")) && j == i))
        return std::nullopt;
      if (Is(j + 1, "ago") || Is(j + 1, "of")) return std::nullopt;
    }
    if (n && !u->plural && k > 1 && !Is(j - 1, "-")) {
      // "three year" is only the adjective "three-year"; allow it
    }
    size_t end = j + 1;
    if (n && k == 1 && !u->plural && Is(end, "and") && Is(end + 1, "a") && Is(end + 2, "half"))
      end += 3, half = true;  // "a minute and a half"
    if (Is(end, "-") && Is(end + 1, "old")) return std::nullopt;  // ages
    // "a year-earlier loss": the adjective is a date (YearBefore), not a year's length
    if (Is(end, "-") && (Is(end + 1, "earlier") || Is(end + 1, "ago"))) return std::nullopt;
    if (Is(end, "old")) return std::nullopt;
    if (u->code == "WE"sv) return std::nullopt;
    // "about a quarter of its dealers", "three-quarters of its food": a fraction
    if (u->code == "Q"sv && (Is(end, "of") || (Is(end, ",") && Is(end + 1, "of"))))
      return std::nullopt;
    if (n && Is(end, "-") && Is(end + 1, "long")) end += 2;
    Match r{end, "DURATION", DurationValue(Num(k), *u), mod};
    if (half && k >= 0) r.value = HalfMore(k, *u);
    // "decades" is an unstated number of years, as TimeBank and MEANTIME write it
    if (u->code == "DE"sv) r.value = k < 0 ? "PXY" : "P" + std::to_string(10 * k) + "Y";
    if (u->code == "CE"sv) r.value = k < 0 ? "PXCE" : "P" + std::to_string(100 * k) + "Y";
    if (u->code == "Q"sv) r.value = k < 0 ? "PXQ" : "P" + std::to_string(3 * k) + "M";
    if (Is(end, "ago")) return std::nullopt;  // Ago handles it
    return r;
  }

  // "the third quarter", "third-quarter", "the fourth quarter of 1990", "the first half".
  std::optional<Match> Quarter(size_t i) const {
    size_t j = i;
    if (Is(j, "the")) ++j;
    if (Is(j, "fiscal")) ++j;
    int q = 0;
    auto o = Ordinals().find(W(j));
    if (o != Ordinals().end() && o->second <= 4) q = o->second;
    else if (Digit(j) && (Is(j + 1, "st") || Is(j + 1, "nd") || Is(j + 1, "rd") || Is(j + 1, "th")) && IntAt(j) <= 4) q = IntAt(j), ++j;
    else if ((Is(j, "final") || Is(j, "last")) && Is(j + 1, "quarter") && Is(j + 2, "of") && Digit(j + 3)) q = 4;
    else if (Is(j, "latest") || Is(j, "last") || Is(j, "recent") || (j > i && Is(j, "quarter"))) q = -1;
    if (!q) return std::nullopt;
    // "the latest period" in a report on quarters is the quarter reported on
    if (q == -1 && Is(i, "the") && Is(j, "latest") && Is(j + 1, "period") && QuartersTold(i)) {
      if (ref_.q) return Match{j + 2, "DATE", ShiftYears(ref_, 0), ""};
      int cur = ay_ * 4 + (am_ - 1) / 3 - 1;
      return Match{j + 2, "DATE", std::to_string(cur / 4) + "-Q" + std::to_string(cur % 4 + 1), ""};
    }
    if (q != -1 || !Is(j, "quarter")) ++j;
    // "the first two quarters of 1990" is its first half, "the last two" its second
    if ((q == 1 || q == -1) && Is(j, "two") && Is(j + 1, "quarters") && Is(j + 2, "of") && Digit(j + 3) &&
        W(j + 3).size() == 4)
      return Match{j + 4, "DATE", W(j + 3) + (q == 1 ? "-H1" : "-H2"), ""};
    if (Is(j, "-") && Glued(j)) ++j;
    bool half = Is(j, "half");
    // "the last half of the '80s": the decade's end
    if (half && Is(j + 1, "of") && (q == 1 || q == 2 || q == -1))
      if (auto decade = Decade(j + 2); decade && decade->mod.empty()) {
        decade->mod = q == 1 ? "START" : "END";
        return decade;
      }
    if (!Is(j, "quarter") && !half) return std::nullopt;
    if (half && q > 2) return std::nullopt;
    if (half && q == -1) q = 2;  // "the last half of 1989"
    size_t end = j + 1;
    int y = known_ ? ay_ : 0;
    size_t k = end;
    if (Is(k, "of") || Is(k, ",")) ++k;
    if (Is(k, "fiscal")) ++k;
    if (Digit(k) && W(k).size() == 4) y = IntAt(k), end = k + 1;
    else if (Is(k, "this") && Is(k + 1, "year")) end = k + 2;
    else if (Is(k, "last") && Is(k + 1, "year")) --y, end = k + 2;
    else if (Is(k, "next") && Is(k + 1, "year")) ++y, end = k + 2;
    else if (q > 0 && known_ && q > (am_ - 1) / 3 + 1 && Tense(i, end) < 0) --y;
    std::string ys = y ? std::to_string(y) : "XXXX";
    if (Is(i, "the") && Is(j - 1, "-") && !(end > j + 1)) {
      // "the third-quarter loss": the adjective alone is the expression
      Match r = *Quarter(i + 1);
      r.begin = i + 1;
      return r;
    }
    if (q == -1) {
      // "the quarter" in financial news is the latest one reported: the last one completed
      int cur = ay_ * 4 + (am_ - 1) / 3 - 1;
      return Match{end, "DATE", std::to_string(cur / 4) + "-Q" + std::to_string(cur % 4 + 1), ""};
    }
    return Match{end, "DATE", ys + (half ? "-H" : "-Q") + std::to_string(q), ""};
  }

  // Whether the text before token `i` speaks of quarters.
  bool QuartersTold(size_t i) const {
    for (size_t k = 0; k < i; ++k)
      if (W(k) == "quarter"sv || W(k) == "quarters"sv) return true;
    return false;
  }

  // "the 1988 third quarter", "the 1988 period", "this year's third quarter", "last year's
  // quarter": a quarter of a named year; without an ordinal, the quarter the text is about
  // (the reference's), so "the 1988 period" is the 1988 counterpart of the current one.
  std::optional<Match> QuarterOfYear(size_t i) const {
    size_t j = i;
    int y = 0;
    if (Is(j, "the") && Digit(j + 1) && W(j + 1).size() == 4) {
      y = IntAt(j + 1), j += 2;
    } else if (known_ && (Is(j, "this") || Is(j, "last") || Is(j, "next")) && Is(j + 1, "year") &&
               Is(j + 2, "'") && Is(j + 3, "s")) {
      y = ay_ + (Is(j, "last") ? -1 : Is(j, "next") ? 1 : 0), j += 4;
    } else {
      return std::nullopt;
    }
    if (Is(j, "fiscal")) ++j;
    int q = 0;
    if (auto o = Ordinals().find(W(j)); o != Ordinals().end() && o->second <= 4) q = o->second, ++j;
    if (!Is(j, "quarter") && !(Is(j, "period") && !q)) return std::nullopt;
    bool ordinal = q != 0;
    if (!q) q = ref_.q ? ref_.q : known_ ? ReferenceAs("quarter").q : 0;
    if (!q) return std::nullopt;
    Match r{j + 1, "DATE", std::to_string(y) + "-Q" + std::to_string(q), ""};
    // "the 1988 period" names the counterpart of the period reported on: a comparison, which
    // leaves the narrative where it was (so "a year earlier" still counts from the current one)
    r.from_ref = !ordinal;
    return r;
  }

  // The reference period as `head` names it: the quarter of a reference day for "quarter",
  // the reference itself otherwise; the document's quarter (or year) when there is none.
  Period ReferenceAs(const std::string& head) const {
    Period p = ref_.valid() ? ref_ : Period{ay_, 0, am_, 0};
    if (head == "quarter"sv && !p.q) {
      // no finer reference: the quarter last completed, the one results report on
      if (!p.m) return Period{p.y, (am_ - 1) / 3 ? (am_ - 1) / 3 : 4};
      return Period{p.y, (p.m - 1) / 3 + 1};
    }
    if (head == "month"sv && p.d) p.d = 0;
    if (p.d) return Period{p.y, (p.m - 1) / 3 + 1};  // a period compared is not one day
    return p;
  }

  // The financial comparison a year back: "the year-ago quarter", "the year-earlier period",
  // "the same period last year", "the corresponding quarter a year earlier", and the bare
  // adjective in "year-earlier profit". Its value is the reference period one year before.
  std::optional<Match> YearBefore(size_t i) const {
    if (!known_) return std::nullopt;
    size_t j = i;
    bool the = Is(j, "the");
    if (the) ++j;
    bool same = Is(j, "same") || Is(j, "corresponding") || Is(j, "comparable");
    if (same) ++j;
    bool adjective = Is(j, "year") && Is(j + 1, "-") && (Is(j + 2, "ago") || Is(j + 2, "earlier"));
    if (adjective) j += 3;
    if (!same && !adjective && !(the && Is(j, "quarter"))) return std::nullopt;
    int q = 0;
    if (auto o = Ordinals().find(W(j)); o != Ordinals().end() && o->second <= 4 && Is(j + 1, "quarter"))
      q = o->second, ++j;
    std::string head = W(j);
    bool has_head = head == "quarter"sv || head == "period"sv || head == "month"sv || head == "week"sv;
    size_t end = has_head ? j + 1 : j;
    if (!adjective) {
      size_t back = has_head ? YearBack(end) : 0;
      if (!back) return std::nullopt;
      end = back;
    }
    Period p = ReferenceAs(head);
    if (q) p = Period{p.y, q};
    Match r{end, "DATE", ShiftYears(p, -1), ""};
    r.from_ref = true;
    if (!has_head) r.begin = i + (the ? 1 : 0) + (same ? 1 : 0);  // the adjective alone
    return r;
  }

  // "last year", "a year ago", "a year earlier", "the previous year" after a period: where
  // that phrase ends, or 0.
  size_t YearBack(size_t j) const {
    if (Is(j, "of") || Is(j, "in")) ++j;
    if (Is(j, "last") && Is(j + 1, "year")) return j + 2;
    if ((Is(j, "a") || Is(j, "one")) && Is(j + 1, "year") &&
        (Is(j + 2, "ago") || Is(j + 2, "earlier") || Is(j + 2, "before")))
      return j + 3;
    if (Is(j, "the") && (Is(j + 1, "previous") || Is(j + 1, "prior") || Is(j + 1, "last")) &&
        Is(j + 2, "year"))
      return j + 3;
    return 0;
  }

  // "the same day", "that day", "later in the day", "by that time": the reference day (or
  // whatever was mentioned last), as a narrative reader takes them; the document's day when
  // nothing was. A bare "the day" counts only where it is plainly a date: after "in", "for",
  // "during" or a verb of ending or starting ("the index ended the day up 2%").
  std::optional<Match> ThatDay(size_t i) const {
    if (!known_) return std::nullopt;
    size_t j = i;
    bool that = Is(j, "that");
    if (!that && !Is(j, "the")) return std::nullopt;
    ++j;
    if (that && Is(j, "time") && i > 0 && (Is(i - 1, "by") || Is(i - 1, "at") || Is(i - 1, "until") || Is(i - 1, "since"))) {
      if (!ref_.valid()) return std::nullopt;
      return Match{j + 1, "DATE", ShiftYears(ref_, 0), ""};
    }
    // "that year", "later that year", "that quarter": the reference period at that unit
    if (that && ref_.valid() && (Is(j, "year") || (Is(j, "quarter") && ref_.q) || (Is(j, "month") && ref_.m))) {
      Period p = ref_;
      if (Is(j, "year")) p = Period{ref_.y};
      else if (Is(j, "month")) p.d = 0;
      return Match{j + 1, "DATE", ShiftYears(p, 0), ""};
    }
    bool same = Is(j, "same");
    if (same) ++j;
    if (!Is(j, "day") || Weekdays().count(W(j + 1)) || Is(j + 1, "before") || Is(j + 1, "after") || Is(j + 1, "of") || Is(j + 1, "'"))
      return std::nullopt;
    if (!that && !same && !(i > 0 && DayContext(W(i - 1)))) return std::nullopt;
    std::string day = ref_day_.valid() ? ShiftYears(ref_day_, 0) : Date(aday_);
    return Match{j + 1, "DATE", day, ""};
  }
  static bool DayContext(const std::string& w) {
    static const char* kWords[] = {"in", "for", "during", "of", "end", "ends", "ended", "ending",
                                   "finish", "finished", "finishing", "close", "closed", "closing",
                                   "start", "started", "starting", "began", "begin"};
    for (auto* k : kWords)
      if (w == k) return true;
    return false;
  }

  // "every week", "each day", "daily", "weekly", "annually", "every Monday".
  std::optional<Match> Set(size_t i) const {
    // "quarterly" and "annually" qualify payments and reports far more than they state a
    // recurrence, so they are left out.
    static const WordMap<std::string> adverbs = {
        {"daily", "P1D"}, {"weekly", "P1W"}, {"monthly", "P1M"},
        {"yearly", "P1Y"}, {"hourly", "PT1H"}, {"nightly", "P1D"}};
    // but not a newspaper ("the party daily Granma") nor an average ("average daily volume")
    if (auto it = adverbs.find(W(i)); it != adverbs.end() &&
        !(i + 1 < t_.size() && t_[i + 1].cap) && !(i > 0 && Is(i - 1, "average")))
      return Match{i + 1, "SET", it->second, ""};
    // "$5 a year", "twice a day": a rate is a set
    if ((Is(i, "a") || Is(i, "an")) && i > 0 && RateBefore(i - 1)) {
      auto u = UnitOf(W(i + 1));
      if (u && !u->plural && !Is(i + 2, "-") && !Is(i + 2, "ago") && !Is(i + 2, "earlier") && !Is(i + 2, "later"))
        return Match{i + 2, "SET", DurationValue("1", *u), ""};
    }
    if (!(Is(i, "every") || Is(i, "each") || Is(i, "per"))) return std::nullopt;
    size_t j = i + 1;
    int k = 1;
    if (auto n = Number(j, false)) k = n->first, j = n->second;
    if (auto u = UnitOf(W(j))) {
      if (Is(i, "each") && (Is(j + 1, "of") || Is(j + 1, "'"))) return std::nullopt;
      return Match{j + 1, "SET", DurationValue(Num(k), *u), ""};
    }
    auto wd = Weekdays().find(W(j));
    if (wd != Weekdays().end()) return Match{j + 1, "SET", "XXXX-WXX-" + std::to_string(wd->second), ""};
    // "each July", "every spring"
    if (auto month = MonthAt(j)) return Match{month->second, "SET", Month(0, month->first).replace(0, 4, "XXXX"), ""};
    if (std::string season = Season(W(j)); !season.empty()) return Match{j + 1, "SET", "XXXX-" + season, ""};
    return std::nullopt;
  }

  // "Mondays", "Tuesday nights": a weekday in the plural recurs.
  std::optional<Match> PluralWeekday(size_t i) const {
    if (i >= t_.size() || !t_[i].cap || t_[i].low.size() < 6 || t_[i].low.size() > 10) return std::nullopt;
    auto wd = W(i).ends_with("s") ? Weekdays().find(W(i).substr(0, W(i).size() - 1)) : Weekdays().end();
    std::string value = "XXXX-WXX-";
    if (wd != Weekdays().end()) return Match{i + 1, "SET", value + std::to_string(wd->second), ""};
    wd = Weekdays().find(W(i));
    if (wd == Weekdays().end()) return std::nullopt;
    static const WordMap<std::string> parts = {
        {"mornings", "TMO"}, {"afternoons", "TAF"}, {"evenings", "TEV"}, {"nights", "TNI"}};
    auto part = parts.find(W(i + 1));
    if (part == parts.end()) return std::nullopt;
    return Match{i + 2, "SET", value + std::to_string(wd->second) + part->second, ""};
  }

  bool RateBefore(size_t j) const {
    const std::string& w = W(j);
    return Digit(j) || w == "million"sv || w == "billion"sv || w == "percent"sv || w == "%"sv ||
           w == "times"sv || w == "once"sv || w == "twice"sv || w == "dollars"sv || w == "cents"sv ||
           w == "barrels"sv || w == "tons"sv || w == "more"sv || w == "less"sv;
  }

  // Holidays with a rule for their date: "Christmas", "Thanksgiving Day", "New Year's Day".
  std::optional<Match> Holiday(size_t i) const {
    size_t j = i;
    int shift = 0;
    if (Is(j, "last")) shift = -1, ++j;
    else if (Is(j, "next")) shift = 1, ++j;
    if (j >= t_.size() || !t_[j].cap) return std::nullopt;
    int m = 0, d = 0, nth_thursday_nov = 0;
    size_t end = j + 1;
    const std::string& w = W(j);
    if (w == "christmas"sv) {
      m = 12, d = 25;
      if (Is(end, "eve")) d = 24, ++end;
      else if (Is(end, "day")) ++end;
    } else if (w == "thanksgiving"sv) {
      nth_thursday_nov = 4;
      if (Is(end, "day")) ++end;
    } else if (w == "halloween"sv) {
      m = 10, d = 31;
    } else if (w == "new"sv && Is(j + 1, "year") && Is(j + 2, "'") && Is(j + 3, "s") &&
               (Is(j + 4, "day") || Is(j + 4, "eve"))) {
      m = Is(j + 4, "day") ? 1 : 12, d = Is(j + 4, "day") ? 1 : 31, end = j + 5;
    } else if (w == "independence"sv && Is(j + 1, "day")) {
      m = 7, d = 4, end = j + 2;
    } else if (w == "election"sv && Is(j + 1, "day") && t_[j + 1].cap) {
      nth_thursday_nov = -1, end = j + 2;  // the Tuesday after the first Monday of November
    } else {
      return std::nullopt;
    }
    if (!known_) return Match{end, "DATE", "XXXX-XX-XX", ""};
    auto date_in = [&](int y) -> int64_t {
      if (nth_thursday_nov > 0) {
        int64_t first = DaysFromCivil(y, 11, 1);
        return first + (4 - Weekday(first) + 7) % 7 + 7 * (nth_thursday_nov - 1);
      }
      if (nth_thursday_nov < 0) {
        int64_t first = DaysFromCivil(y, 11, 1);
        return first + (1 - Weekday(first) + 7) % 7 + 1;
      }
      return DaysFromCivil(y, m, d);
    };
    int64_t day = date_in(ay_);
    if (shift < 0 && day >= aday_) day = date_in(ay_ - 1);
    if (shift > 0 && day <= aday_) day = date_in(ay_ + 1);
    if (!shift) {
      Ymd c = CivilFromDays(day);
      day = date_in(PickYear(c.m, c.d, i, end));
    }
    return Match{end, "DATE", Date(day), ""};
  }

  // Single words and fixed phrases: yesterday, today, now, recently, the future, tonight...
  std::optional<Match> Word(size_t i) const {
    const std::string& w = W(i);
    auto day = [&](int64_t off, size_t end) -> std::optional<Match> {
      Match r{end, "DATE", DayValue(aday_ + off), ""};
      if (known_) {
        if (auto part = DayPart(end)) r.value += part->first, r.type = "TIME", r.end = part->second;
      }
      return r;
    };
    if (Is(i, "yesterday")) return day(-1, i + 1);
    // "This is VOA Today": a capitalised "Today" after a name is a programme's name
    if (Is(i, "today") && t_[i].cap && i > 0 && t_[i - 1].kind == 'w' && t_[i - 1].cap && !Is(i - 1, "i") &&
        !(i > 1 && (t_[i - 2].kind == 'n' || Is(i - 2, "."))))
      return std::nullopt;
    if (Is(i, "today")) return day(0, i + 1);
    if (Is(i, "tomorrow")) return day(1, i + 1);
    // "by year-end", "year end", "year's end": the end of the document's year, or of the one
    // before when counted from ("since year-end")
    if (Is(i, "year") && known_) {
      size_t j = Is(i + 1, "-") ? i + 2 : Is(i + 1, "'") && Is(i + 2, "s") ? i + 3 : i + 1;
      if (Is(j, "end")) {
        int y = i > 0 && Is(i - 1, "since") ? ay_ - 1 : ay_;
        return Match{j + 1, "DATE", std::to_string(y), "END"};
      }
    }
    // "mid-afternoon", "midmorning", "mid afternoon yesterday": a part of the day told of
    if (known_ && (Is(i, "mid") || Is(i, "midafternoon") || Is(i, "midmorning"))) {
      size_t j = w != "mid"sv ? i : Is(i + 1, "-") ? i + 2 : i + 1;
      std::string part = Is(i, "midafternoon") || Is(j, "afternoon") ? "TAF" : Is(i, "midmorning") || Is(j, "morning") ? "TMO" : "";
      if (!part.empty()) {
        Match r{j + 1, "TIME", NarratedDay() + part, ""};
        if (auto d = DayWord(j + 1, i)) r.value = d->first + part, r.end = d->second;
        return r;
      }
    }
    // "over the years", "through the decades": a stretch of unstated length
    if (Is(i, "the") && i > 0 && (Is(i - 1, "over") || Is(i - 1, "through")))
      if (auto u = UnitOf(W(i + 1)); u && u->plural && !u->time && u->code != "WE"sv && u->code != "Q"sv &&
                                     !Is(i + 2, "of"))
        return Match{i + 2, "DURATION", u->code == "DE"sv ? "PXY" : DurationValue("X", *u), ""};
    if (Is(i, "tonight")) return Match{i + 1, "TIME", DayValue(aday_) + "TNI", ""};
    if (Is(i, "overnight")) return Match{i + 1, "TIME", DayValue(aday_) + "TNI", ""};
    if (Is(i, "now")) return Match{i + 1, "DATE", "PRESENT_REF", ""};
    if (Is(i, "currently") || Is(i, "nowadays") || Is(i, "presently"))
      return Match{i + 1, "DATE", "PRESENT_REF", ""};
    if (Is(i, "these") && Is(i + 1, "days")) return Match{i + 2, "DATE", "PRESENT_REF", ""};
    if (Is(i, "at") && Is(i + 1, "present")) return Match{i + 2, "DATE", "PRESENT_REF", ""};
    // "previously", "formerly", "soon" are seldom annotated: they relate events, not times
    if (Is(i, "recently") || Is(i, "lately"))
      return Match{i + 1, "DATE", "PAST_REF", ""};
    // "recent months", "coming weeks": a stretch of unstated length (TimeML's PXM, PXW)
    if ((Is(i, "recent") || Is(i, "coming")) && !(i > 0 && Is(i - 1, "the"))) {
      if (auto u = UnitOf(W(i + 1)); u && u->plural && u->code != "WE"sv && u->code != "S"sv)
        return Match{i + 2, "DURATION", DurationValue("X", *u), ""};
    }
    // "recent declines", "current conditions": the adjective places its noun in the past or
    // the present (TimeML tags it alone); "the most recent" only ranks.
    bool before_noun = i + 1 < t_.size() && t_[i + 1].kind == 'w' && !t_[i + 1].cap;
    if (Is(i, "recent") && before_noun && !(i > 0 && (Is(i - 1, "most") || Is(i - 1, "more"))))
      return Match{i + 1, "DATE", "PAST_REF", ""};
    if (Is(i, "current") && before_noun && !UnitOf(W(i + 1)))
      return Match{i + 1, "DATE", "PRESENT_REF", ""};
    // "in the long term", "for the time being" (but not "the long-term lot")
    if (Is(i, "the") && (Is(i + 1, "long") || Is(i + 1, "near") || Is(i + 1, "short"))) {
      size_t j = Is(i + 2, "-") ? i + 3 : i + 2;
      bool hyphen = j == i + 3;  // "the long-term" is mostly an adjective: "the long-term lot"
      if (Is(j, "term") && !(hyphen && j + 1 < t_.size() && t_[j + 1].kind == 'w'))
        return Match{j + 1, "DATE", "FUTURE_REF", ""};
    }
    // "buyers came in the morning": that part of the day the text is telling of
    if (Is(i, "the") && known_ && i > 0 && (Is(i - 1, "in") || Is(i - 1, "during")) && !Is(i + 2, "of"))
      if (auto part = DayPart(i + 1); part && !Is(i + 1, "night") && !Is(i + 1, "nights"))
        return Match{part->second, "TIME", NarratedDay() + part->first, ""};
    if (Is(i, "the") && Is(i + 1, "time") && Is(i + 2, "being"))
      return Match{i + 3, "DATE", "PRESENT_REF", ""};
    if (Is(i, "the") && Is(i + 1, "past") && (i + 2 >= t_.size() || t_[i + 2].kind != 'w' || Is(i + 2, "and")))
      return Match{i + 2, "DATE", "PAST_REF", ""};
    if (Is(i, "the") && Is(i + 1, "future") && !Is(i + 2, "of")) return Match{i + 2, "DATE", "FUTURE_REF", ""};
    if (Is(i, "the") && (Is(i + 1, "near") || Is(i + 1, "foreseeable") || Is(i + 1, "immediate") ||
                       Is(i + 1, "distant")) && Is(i + 2, "future") && !Is(i + 3, "of"))
      return Match{i + 3, "DATE", "FUTURE_REF", ""};
    // "in the past" before anything but a span it opens ("in the past three years" is a duration)
    if (Is(i, "the") && Is(i + 1, "past") && i > 0 && (Is(i - 1, "in") || Is(i - 1, "over")) &&
        !Digit(i + 2) && !NumberWords().count(W(i + 2)) && !UnitOf(W(i + 2)) && !Is(i + 2, "few") &&
        !Is(i + 2, "several"))
      return Match{i + 2, "DATE", "PAST_REF", ""};
    if (Is(i, "the") && Is(i + 1, "time") && i > 0 && Is(i - 1, "at")) return std::nullopt;
    if (Is(i, "the") && (Is(i + 1, "previous") || Is(i + 1, "next") || Is(i + 1, "following")) && Is(i + 2, "day"))
      return Match{i + 3, "DATE", "XXXX-XX-XX", ""};
    return std::nullopt;
  }

  std::string_view text_;
  std::vector<Tok> t_;
  DateTime anchor_;
  // The reference time: the last calendar date the text mentioned. Expressions that point
  // back ("the same day", "a year earlier", "the year-ago quarter") count from it, as a
  // reader of a narrative does, rather than from the document's date.
  Period ref_;
  Period ref_day_;  // the last day mentioned, for "the same day" past later months or years
  bool known_ = false;
  int ay_ = 0, am_ = 1, ad_ = 1;
  int64_t aday_ = 0;
};

}  // namespace

std::vector<Timex> FindTimexes(std::string_view text, const DateTime& anchor) {
  return Tagger(text, anchor).Run();
}

std::vector<TimeExpression> FindTimes(std::string_view text, const DateTime& anchor) {
  std::vector<TimeExpression> out;
  for (auto& t : FindTimexes(text, anchor)) out.push_back({t.span, t.type, t.value, t.mod, t.tense});
  return out;
}

}  // namespace sitrep
