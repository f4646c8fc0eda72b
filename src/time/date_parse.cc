#include "time/date_parse.h"

#include "time/timex_calendar.h"
#include "util/strings.h"

#include <re2/re2.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>

namespace sitrep {

namespace {

// Longer inputs are not one date; refusing them early keeps huge garbage cheap.
constexpr size_t kMaxInput = 200;

using timex_cal::DaysInMonth;

// ---------------------------------------------------------------------------------------
// The word tables. Names are written as people spell them and folded when the table is
// built, so one entry matches "Décembre", "DECEMBRE" and "decembre".

// Full month names, one line a month, in English, German, French, Spanish, Italian,
// Portuguese, Dutch, Scandinavian, Russian, Ukrainian, Polish, Czech, Greek, Hungarian,
// Romanian, Indonesian and Arabic (Egyptian and Levantine names), with the genitive forms
// dates use ("грудня", "grudnia").
constexpr const char* kMonthNames[12] = {
    "january januar jänner janvier enero gennaio janeiro januari январь января январе "
    "січень січня styczeń stycznia leden ledna ιανουάριος ιανουαρίου január ianuarie"
    " يناير",
    "february februar feber février febrero febbraio fevereiro februari февраль февраля "
    "лютий лютого luty lutego únor února φεβρουάριος φεβρουαρίου február februarie pebruari"
    " فبراير شباط",
    "march märz mars marzo março maart март марта березень березня marzec marca březen "
    "března μάρτιος μαρτίου március martie maret"
    " مارس آذار",
    "april avril abril aprile апрель апреля квітень квітня kwiecień kwietnia duben dubna "
    "απρίλιος απριλίου április aprilie"
    " أبريل ابريل نيسان",
    "may mai mayo maggio maio mei maj май мая травень травня maja květen května μάιος "
    "μαΐου május"
    " مايو أيار ايار",
    "june juni juin junio giugno junho июнь июня червень червня czerwiec czerwca červen "
    "června ιούνιος ιουνίου június iunie"
    " يونيو يونيه حزيران",
    "july juli juillet julio luglio julho июль июля липень липня lipiec lipca červenec "
    "července ιούλιος ιουλίου július iulie"
    " يوليو يوليه تموز",
    "august august août agosto augustus augusti agustus август августа серпень серпня "
    "sierpień sierpnia srpen srpna αύγουστος αυγούστου augusztus"
    " أغسطس اغسطس آب",
    "september septembre septiembre setiembre settembre setembro сентябрь сентября "
    "вересень вересня wrzesień września září σεπτέμβριος σεπτεμβρίου szeptember "
    "septembrie"
    " سبتمبر أيلول ايلول",
    "october oktober octobre octubre ottobre outubro октябрь октября жовтень жовтня "
    "październik października říjen října οκτώβριος οκτωβρίου október octombrie"
    " أكتوبر اكتوبر",
    "november novembre noviembre novembro ноябрь ноября листопад листопада listopad "
    "listopada listopadu νοέμβριος νοεμβρίου noiembrie nopember"
    " نوفمبر",
    "december dezember décembre diciembre dicembre dezembro desember декабрь декабря "
    "грудень грудня grudzień grudnia prosinec prosince δεκέμβριος δεκεμβρίου "
    "decembrie"
    " ديسمبر"};

// Abbreviations that are not unique prefixes of the names above ("mar" also starts the
// Finnish-looking forms of other months in some languages) or not prefixes at all.
constexpr const char* kMonthAbbreviations[12] = {
    "jan", "feb", "mar mrt", "apr", "may", "jun", "jul", "aug", "sep sept", "oct", "nov", "dec"};

constexpr const char* kWeekdayNames =
    "monday tuesday wednesday thursday friday saturday sunday "
    "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "lunes martes miércoles jueves viernes sábado domingo "
    "lunedì martedì mercoledì giovedì venerdì sabato domenica "
    "segunda terça quarta quinta sexta feira "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag "
    "понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье "
    "понеділок вівторок середа четвер пятниця ятниця субота неділя "
    "poniedziałek wtorek środa czwartek piątek sobota niedziela "
    "pondělí úterý středa čtvrtek pátek neděle "
    "δευτέρα τρίτη τετάρτη πέμπτη παρασκευή σάββατο κυριακή "
    "hétfő kedd szerda csütörtök péntek szombat vasárnap";

// Words that sit between the parts of a written date and say nothing about it: articles
// and prepositions ("19 de diciembre de 2022"), year words ("2022 г.", "2022 року"),
// ordinal endings ("19th", "1er") and "o'clock" words ("21 Uhr").
constexpr const char* kFillers =
    "de del di du des of the le la el a at on um am en om y i as las alle ore kl klo kello "
    "h uhr st nd rd th er e o º ª den der dne dnia roku r г года год р року рік и в о "
    "年 月 日 년 월 일";

// Zone abbreviations with their offsets in minutes (feedparser's and the common ones).
const std::unordered_map<std::string, int>& Zones() {
  static const auto* zones = new std::unordered_map<std::string, int>{
      {"ut", 0},      {"utc", 0},     {"gmt", 0},     {"z", 0},       {"wet", 0},
      {"bst", 60},    {"cet", 60},    {"met", 60},    {"mez", 60},    {"west", 60},
      {"wat", 60},    {"cest", 120},  {"mest", 120},  {"mesz", 120},  {"eet", 120},
      {"cat", 120},   {"sast", 120},  {"eest", 180},  {"msk", 180},   {"eat", 180},
      {"edt", -240},  {"est", -300},  {"cdt", -300},  {"cst", -360},  {"mdt", -360},
      {"mst", -420},  {"pdt", -420},  {"pst", -480},  {"akdt", -480}, {"akst", -540},
      {"hst", -600},  {"ast", -240},  {"adt", -180},  {"at", -240},   {"et", -300},
      {"ct", -360},   {"mt", -420},   {"pt", -480},   {"jst", 540},   {"kst", 540},
      {"hkt", 480},   {"sgt", 480},   {"awst", 480},  {"acst", 570},  {"aest", 600},
      {"aedt", 660},  {"nzst", 720},  {"nzdt", 780}};
  return *zones;
}

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(FoldDateText(s.substr(i, j - i)));
    i = j + 1;
  }
  return out;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The first `n` code points of s.
std::string_view Prefix(std::string_view s, size_t n) {
  size_t i = 0;
  for (size_t seen = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && seen++ == n) break;
  }
  return s.substr(0, i);
}

struct Lexicon {
  std::unordered_map<std::string, int> month;  // folded word -> 1..12
  std::unordered_set<std::string> weekday;
  std::unordered_set<std::string> filler;
  std::vector<std::string> month_words;

  Lexicon() {
    AddMonths();
    for (const auto& w : SplitWords(kWeekdayNames)) {
      // Weekdays are abbreviated freely ("Mo", "Κυρ", "mié"), so every prefix counts.
      for (size_t n = 2; n <= CodePoints(w); ++n) weekday.insert(std::string(Prefix(w, n)));
    }
    for (const auto& w : SplitWords(kFillers)) filler.insert(w);
    for (const auto& [w, m] : month) month_words.push_back(w);
    std::sort(month_words.begin(), month_words.end(), [](const auto& a, const auto& b) {
      return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
  }

  // Full names, then every prefix of 3+ letters that only one month's names start with.
  void AddMonths() {
    std::unordered_map<std::string, int> prefixes;  // -> month, or 0 when ambiguous
    for (int m = 1; m <= 12; ++m) {
      for (const auto& w : SplitWords(kMonthNames[m - 1])) {
        month[w] = m;
        for (size_t n = 3; n < CodePoints(w); ++n) {
          auto [it, fresh] = prefixes.emplace(std::string(Prefix(w, n)), m);
          if (!fresh && it->second != m) it->second = 0;
        }
      }
    }
    for (const auto& [p, m] : prefixes) {
      if (m != 0) month.emplace(p, m);
    }
    for (int m = 1; m <= 12; ++m) {
      for (const auto& w : SplitWords(kMonthAbbreviations[m - 1])) month[w] = m;
    }
  }
};

const Lexicon& Lex() {
  static const Lexicon* lex = new Lexicon();
  return *lex;
}

// ---------------------------------------------------------------------------------------
// Tokens.

struct Token {
  enum Kind { kNum, kWord, kPunct } kind;
  std::string text;  // folded for words; the character for punctuation
  int value = 0;     // numbers: the value, -1 when longer than 9 digits
  int digits = 0;
  bool space_before = false;
};

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Unicode dashes and spaces become their ASCII selves; other symbols stay themselves.
void PushPunct(std::vector<Token>& out, UChar32 c, bool space_before) {
  std::string text;
  if (c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2212) {
    text = "-";
  } else {
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);
    text.assign(buf, len);
  }
  out.push_back({Token::kPunct, text, 0, 0, space_before});
}

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> out;
  const char* p = s.data();
  const int32_t n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  bool space = false;
  while (i < n) {
    if (IsAsciiDigit(p[i])) {
      int32_t j = i;
      while (j < n && IsAsciiDigit(p[j])) ++j;
      int digits = j - i;
      int value = digits > 9 ? -1 : std::atoi(std::string(p + i, digits).c_str());
      out.push_back({Token::kNum, std::string(p + i, digits), value, digits, space});
      space = false;
      i = j;
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return {};  // invalid UTF-8 is not a date
    if (u_isUWhiteSpace(c)) {
      space = true;
    } else if (u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK) {
      int32_t j = i;
      while (j < n && !IsAsciiDigit(p[j])) {
        int32_t k = j;
        UChar32 d;
        U8_NEXT(p, k, n, d);
        if (d < 0 || !(u_isalpha(d) || u_charType(d) == U_NON_SPACING_MARK)) break;
        j = k;
      }
      out.push_back({Token::kWord, FoldDateText(s.substr(start, j - start)), 0, 0, space});
      space = false;
      i = j;
    } else {
      PushPunct(out, c, space);
      space = false;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The general parser: find the time of day and its zone, then read what is left as a date.

struct Parsed {
  int year = -1, month = -1, day = -1;
  bool has_time = false, has_seconds = false;
  int hour = 0, minute = 0, second = 0;
  std::optional<int> offset;
  bool korean = false;  // Korean date words: feedparser reads these as Korea time
};

class GeneralParser {
 public:
  GeneralParser(std::vector<Token> tokens, const DateParseOptions& options)
      : t_(std::move(tokens)), used_(t_.size(), false), options_(options) {}

  std::optional<Parsed> Run() {
    if (t_.empty()) return std::nullopt;
    if (!FindTime()) return std::nullopt;
    if (!CollectDateItems()) return std::nullopt;
    if (!ReadDate()) return std::nullopt;
    return r_;
  }

 private:
  struct Item {
    bool is_month = false;
    int value = 0;
    int digits = 0;
    std::string sep;  // the punctuation before it
  };

  bool IsNum(size_t i, int min_digits, int max_digits) const {
    return i < t_.size() && !used_[i] && t_[i].kind == Token::kNum &&
           t_[i].digits >= min_digits && t_[i].digits <= max_digits;
  }
  bool IsPunct(size_t i, const char* c) const {
    return i < t_.size() && !used_[i] && t_[i].kind == Token::kPunct && t_[i].text == c;
  }
  bool IsWord(size_t i, std::string_view w) const {
    return i < t_.size() && !used_[i] && t_[i].kind == Token::kWord && t_[i].text == w;
  }
  void Use(size_t from, size_t to) {
    for (size_t i = from; i < to && i < t_.size(); ++i) used_[i] = true;
  }

  // "21:40", "21:40:05.123", "9:40 PM", "21h40". False only when a time is malformed
  // beyond doubt (a fourth ":" part, 25 hours); no time at all is fine.
  bool FindTime() {
    for (size_t i = 0; i + 2 < t_.size(); ++i) {
      if (!IsNum(i, 1, 2)) continue;
      bool colon = IsPunct(i + 1, ":");
      bool french = IsWord(i + 1, "h") && !t_[i + 1].space_before;
      if (!(colon || french) || !IsNum(i + 2, 2, 2)) continue;
      return ReadTime(i);
    }
    return true;
  }

  bool ReadTime(size_t i) {
    r_.has_time = true;
    r_.hour = t_[i].value;
    r_.minute = t_[i + 2].value;
    size_t end = i + 3;
    if (IsPunct(end, ":") && IsNum(end + 1, 2, 2)) {
      r_.second = t_[end + 1].value;
      r_.has_seconds = true;
      end += 2;
      if ((IsPunct(end, ".") || IsPunct(end, ",")) && IsNum(end + 1, 1, 99) &&
          !t_[end + 1].space_before) {
        end += 2;  // fractions of a second say nothing a day needs
      }
    }
    if (IsPunct(end, ":")) return false;  // "1:2:3:4"
    if (i > 0 && IsWord(i - 1, "t")) used_[i - 1] = true;  // "13T9:15"
    ReadMeridiemBefore(i);
    Use(i, end);
    end = ReadMeridiemAfter(end);
    if (r_.second == 60) r_.second = 59;  // a leap second stays inside its minute
    if (r_.hour > 23 || r_.minute > 59 || r_.second > 59) return false;
    if (IsWord(end, "uhr") || IsWord(end, "h")) used_[end++] = true;
    return ReadZone(end);
  }

  void ReadMeridiemBefore(size_t i) {
    if (i == 0 || used_[i - 1] || t_[i - 1].kind != Token::kWord) return;
    const std::string& w = t_[i - 1].text;
    if (w == "오후" || w == "下午") {
      if (r_.hour < 12) r_.hour += 12;
    } else if (w != "오전" && w != "上午") {
      return;
    }
    r_.korean = w == "오후" || w == "오전";
    used_[i - 1] = true;
  }

  size_t ReadMeridiemAfter(size_t end) {
    bool pm = false;
    size_t next = end;
    if (IsWord(end, "am") || IsWord(end, "pm")) {
      pm = t_[end].text == "pm";
      next = end + 1;
    } else if ((IsWord(end, "a") || IsWord(end, "p")) && IsPunct(end + 1, ".") &&
               IsWord(end + 2, "m")) {
      pm = t_[end].text == "p";
      next = end + 3;
      if (IsPunct(next, ".")) ++next;
    } else {
      return end;
    }
    if (r_.hour > 12 || r_.hour == 0) return end;  // "23:00 am" is not a meridiem
    if (pm && r_.hour < 12) r_.hour += 12;
    if (!pm && r_.hour == 12) r_.hour = 0;
    Use(end, next);
    return next;
  }

  // "Z", "+0200", "-05:00", "GMT", "GMT-01:01", "Etc/GMT", "(MSK)", "EST", military letters.
  bool ReadZone(size_t i) {
    if (IsPunct(i, "(") && i + 2 < t_.size() && t_[i + 1].kind == Token::kWord &&
        IsPunct(i + 2, ")") && Zones().count(t_[i + 1].text)) {
      r_.offset = Zones().at(t_[i + 1].text);
      Use(i, i + 3);
      return true;
    }
    if (IsWord(i, "etc") && IsPunct(i + 1, "/")) {
      used_[i] = used_[i + 1] = true;
      i += 2;
    }
    if (i < t_.size() && !used_[i] && t_[i].kind == Token::kWord) {
      const std::string& w = t_[i].text;
      auto it = Zones().find(w);
      if (it != Zones().end()) {
        r_.offset = it->second;
        used_[i++] = true;
        if (IsPunct(i, "+") || IsPunct(i, "-")) return ReadNumericZone(i, 1);
        return true;
      }
      if (w.size() == 1 && w != "j" && i + 1 == t_.size() && w[0] >= 'a' && w[0] <= 'z') {
        r_.offset = MilitaryZone(w[0]);
        used_[i] = true;
      }
      return true;
    }
    if ((IsPunct(i, "+") || IsPunct(i, "-")) && i + 1 < t_.size() &&
        !t_[i + 1].space_before) {
      if (t_[i + 1].kind != Token::kNum) return false;  // "+zz:00"
      return ReadNumericZone(i, 2);
    }
    return true;
  }

  // RFC 822 as written: A..M are -1..-12 hours (no J), N..Y are +1..+12.
  static int MilitaryZone(char c) {
    if (c == 'z') return 0;
    if (c <= 'i') return -(c - 'a' + 1) * 60;
    if (c <= 'm') return -(c - 'a') * 60;
    return (c - 'n' + 1) * 60;
  }

  // After the sign: hh, hhmm or hh:mm. `min_hour_digits` is 1 after a zone name ("UTC+2").
  bool ReadNumericZone(size_t i, int min_hour_digits) {
    int sign = t_[i].text == "-" ? -1 : 1;
    if (!IsNum(i + 1, min_hour_digits, 4) || t_[i + 1].digits == 3) return false;
    int hh = t_[i + 1].value, mm = 0;
    size_t end = i + 2;
    if (t_[i + 1].digits == 4) {
      hh = t_[i + 1].value / 100;
      mm = t_[i + 1].value % 100;
    } else if (IsPunct(end, ":")) {
      if (!IsNum(end + 1, 2, 2)) return false;
      mm = t_[end + 1].value;
      end += 2;
    }
    if (hh > 23 || mm > 59) return false;
    r_.offset = r_.offset.value_or(0) + sign * (hh * 60 + mm);
    Use(i, end);
    return true;
  }

  // What is left must be numbers, month names and words that carry nothing.
  bool CollectDateItems() {
    std::string sep;
    const Lexicon& lex = Lex();
    for (size_t i = 0; i < t_.size(); ++i) {
      if (used_[i]) continue;
      const Token& tok = t_[i];
      if (tok.kind == Token::kPunct) {
        if (tok.text == ":" || tok.text == "+") return false;
        if (items_.empty() && tok.text == "-" && !tok.space_before && i == 0) return false;
        sep += tok.text;
      } else if (tok.kind == Token::kNum) {
        items_.push_back({false, tok.value, tok.digits, sep});
        sep.clear();
      } else if (auto it = lex.month.find(tok.text); it != lex.month.end()) {
        // "24 نيسان / أبريل 2020" names the month twice, in two traditions.
        bool repeat = !items_.empty() && items_.back().is_month && items_.back().value == it->second;
        if (!repeat) items_.push_back({true, it->second, 0, sep});
        sep.clear();
      } else if (tok.text == "년" || tok.text == "월" || tok.text == "일") {
        r_.korean = true;
      } else if (!lex.weekday.count(tok.text) && !lex.filler.count(tok.text)) {
        return false;
      }
    }
    return !items_.empty() && items_.size() <= 3;
  }

  static int ExpandYear(const Item& it) {
    if (it.digits == 2) return it.value < 70 ? 2000 + it.value : 1900 + it.value;
    return it.digits == 4 ? it.value : -1;
  }

  bool ReadDate() {
    size_t months = std::count_if(items_.begin(), items_.end(), [](auto& x) { return x.is_month; });
    if (months > 1) return false;
    if (items_.size() == 1) return ReadOne(items_[0]);
    if (items_.size() == 2) return ReadTwo(items_[0], items_[1]);
    return months ? ReadWrittenThree() : ReadNumericThree();
  }

  // "2003", "20031231", "031231".
  bool ReadOne(const Item& a) {
    if (a.is_month || r_.has_time) return false;
    if (a.digits == 4) return SetDate(a.value, 0, 0);
    if (a.digits == 8) return SetDate(a.value / 10000, a.value / 100 % 100, a.value % 100);
    if (a.digits == 6) {
      Item y{false, a.value / 10000, 2, ""};
      return SetDate(ExpandYear(y), a.value / 100 % 100, a.value % 100);
    }
    return false;
  }

  // "2003-12", "December 2022", "12/2022", "2003-335".
  bool ReadTwo(const Item& a, const Item& b) {
    if (r_.has_time) return false;
    if (a.is_month && b.digits == 4) return SetDate(b.value, a.value, 0);
    if (b.is_month && a.digits == 4) return SetDate(a.value, b.value, 0);
    if (a.is_month || b.is_month) return false;
    if (a.digits == 4 && b.digits == 3 && b.sep == "-") return SetOrdinal(a.value, b.value);
    if (a.digits == 4 && b.digits <= 2) return SetDate(a.value, b.value, 0);
    if (b.digits == 4 && a.digits <= 2 && a.value <= 12) return SetDate(b.value, a.value, 0);
    return false;
  }

  // "19 December 2022", "December 19, 2022", "2004-július-13", "Thu, 01 Jan 04".
  bool ReadWrittenThree() {
    const Item &a = items_[0], &b = items_[1], &c = items_[2];
    if (b.is_month && a.digits == 4 && c.digits <= 2) return SetDate(a.value, b.value, c.value);
    if (b.is_month && a.digits <= 2) return SetDate(ExpandYear(c), b.value, a.value);
    if (a.is_month && b.digits <= 2) return SetDate(ExpandYear(c), a.value, b.value);
    if (c.is_month && a.digits == 4 && b.digits <= 2) return SetDate(a.value, c.value, b.value);
    return false;
  }

  // "2022-12-19", "2003-012-31", "19.12.2022", "12/19/2022", "03-12-31", "19.12.22".
  bool ReadNumericThree() {
    const Item &a = items_[0], &b = items_[1], &c = items_[2];
    if (a.digits == 4) {
      if (b.digits == 3 && b.value >= 100) return false;  // only "012" style months
      return b.digits <= 3 && c.digits <= 2 && SetDate(a.value, b.value, c.value);
    }
    if (a.digits > 2 || b.digits > 2) return false;
    if (c.digits == 2 && b.sep == "-" && c.sep == "-" &&
        SetDate(ExpandYear(a), b.value, c.value)) {
      return true;  // ISO's YY-MM-DD, when it reads as a date
    }
    int year = ExpandYear(c);
    bool day_first_ok = b.value >= 1 && b.value <= 12;
    bool month_first_ok = a.value >= 1 && a.value <= 12;
    bool month_first = options_.order == NumericOrder::kMonthFirst
                           ? month_first_ok || !day_first_ok
                           : !day_first_ok && month_first_ok;
    return month_first ? SetDate(year, a.value, b.value) : SetDate(year, b.value, a.value);
  }

  bool SetOrdinal(int year, int ordinal) {
    if (ordinal < 1 || ordinal > (DaysInMonth(year, 2) == 29 ? 366 : 365)) return false;
    int m = 1;
    while (ordinal > DaysInMonth(year, m)) ordinal -= DaysInMonth(year, m++);
    return SetDate(year, m, ordinal);
  }

  // month or day 0 means "not stated".
  bool SetDate(int y, int m, int d) {
    if (y < 1 || y > 9999 || m < 0 || m > 12 || d < 0) return false;
    if (m == 0 && d != 0) return false;
    if (d != 0 && d > DaysInMonth(y, m)) return false;
    if (r_.has_time && d == 0) return false;
    r_.year = y;
    r_.month = m;
    r_.day = d;
    return true;
  }

  std::vector<Token> t_;
  std::vector<bool> used_;
  const DateParseOptions& options_;
  std::vector<Item> items_;
  Parsed r_;
};

DateTime ToDateTime(const Parsed& p) {
  DateTime dt;
  dt.year = p.year;
  dt.month = p.month;
  dt.day = p.day;
  if (p.month == 0) {
    dt.precision = Precision::kYear;
  } else if (p.day == 0) {
    dt.precision = Precision::kMonth;
  } else if (!p.has_time) {
    dt.precision = Precision::kDay;
  } else {
    dt.hour = p.hour;
    dt.minute = p.minute;
    dt.second = p.second;
    dt.precision = p.has_seconds ? Precision::kSecond : Precision::kMinute;
    dt.utc_offset_minutes = p.offset;
    if (!dt.utc_offset_minutes && p.korean) dt.utc_offset_minutes = 9 * 60;
  }
  if (dt.precision < Precision::kMonth) dt.month = 1;
  if (dt.precision < Precision::kDay) dt.day = 1;
  return dt;
}

// ISO 8601's truncated forms that drop the century: "-0312" and "-03-12" are December 2003.
std::optional<DateTime> ParseTruncatedIso(std::string_view s) {
  static const RE2 kYearMonth(R"(-(\d\d)-?(\d\d))");
  int yy = 0, mm = 0;
  if (!RE2::FullMatch(s, kYearMonth, &yy, &mm) || mm < 1 || mm > 12) return std::nullopt;
  DateTime dt;
  dt.year = yy < 70 ? 2000 + yy : 1900 + yy;
  dt.month = mm;
  dt.day = 1;
  dt.precision = Precision::kMonth;
  return dt;
}

}  // namespace

std::string FoldDateText(std::string_view s) {
  bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
  if (ascii) {
    std::string out(s);
    for (char& c : out) c = (c >= 'A' && c <= 'Z') ? c + 32 : c;
    return out;
  }
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  icu::UnicodeString decomposed = U_SUCCESS(err) ? nfd->normalize(u, err) : u;
  if (U_FAILURE(err)) decomposed = u;
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) != U_NON_SPACING_MARK) bare.append(u_tolower(c));
  }
  // Recompose, so Hangul syllables (which NFD splits into jamo) read as written.
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_SUCCESS(err)) bare = nfc->normalize(bare, err);
  std::string out;
  bare.toUTF8String(out);
  return out;
}

const std::vector<std::string>& MonthWords() { return Lex().month_words; }

std::optional<DateTime> ParseDate(std::string_view s) { return ParseDate(s, {}); }

std::optional<DateTime> ParseDate(std::string_view s, const DateParseOptions& options) {
  s = TrimSpace(s);
  if (s.empty() || s.size() > kMaxInput) return std::nullopt;
  if (s[0] == '-') return ParseTruncatedIso(s);
  auto parsed = GeneralParser(Tokenize(s), options).Run();
  if (!parsed) return std::nullopt;
  return ToDateTime(*parsed);
}

}  // namespace sitrep
