#include "clean/text_metadata.h"

#include "clean/boilerplate.h"
#include "util/strings.h"

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace sitrep {

namespace {

using Piece = re2::StringPiece;

int ToInt(Piece p) {
  int v = 0;
  for (char c : p) v = v * 10 + (c - '0');
  return v;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// ---- dates ----

int MonthNumber(std::string_view name) {
  static const std::unordered_map<std::string, int> kMonths = [] {
    std::unordered_map<std::string, int> m;
    const char* en[] = {"january", "february", "march",     "april",   "may",      "june",
                        "july",    "august",   "september", "october", "november", "december"};
    const char* uk[] = {"січня",  "лютого", "березня",  "квітня",  "травня",    "червня",
                        "липня",  "серпня", "вересня",  "жовтня",  "листопада", "грудня"};
    const char* ru[] = {"января", "февраля", "марта",    "апреля",  "мая",    "июня",
                        "июля",   "августа", "сентября", "октября", "ноября", "декабря"};
    for (int i = 0; i < 12; ++i) {
      m[en[i]] = m[std::string(en[i]).substr(0, 3)] = m[uk[i]] = m[ru[i]] = i + 1;
    }
    m["sept"] = 9;
    return m;
  }();
  auto it = kMonths.find(UnicodeLower(name));
  return it == kMonths.end() ? 0 : it->second;
}

constexpr const char* kMonthNames =
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|"
    "січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|"
    "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря";

struct DatePattern {
  std::unique_ptr<RE2> re;
  int year, month, day;  // capture group numbers (1-based)
};

const std::vector<DatePattern>& DatePatterns() {
  static const auto* patterns = [] {
    auto* v = new std::vector<DatePattern>();
    v->push_back({std::make_unique<RE2>("(\\d{4})-(\\d{2})-(\\d{2})"), 1, 2, 3});
    v->push_back({std::make_unique<RE2>("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})"), 3, 2, 1});
    v->push_back({std::make_unique<RE2>(std::string("(?i)(") + kMonthNames +
                      ")\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})"),
                  3, 1, 2});
    v->push_back({std::make_unique<RE2>(std::string("(?i)(\\d{1,2})(?:st|nd|rd|th)? (?:of )?(") + kMonthNames +
                      ")\\.?,? (\\d{4})"),
                  3, 2, 1});
    return v;
  }();
  return *patterns;
}

// A time right after a date: "21:40", ", 19:35", "T21:40:00", " at 9:05", " о 12:00".
bool MatchTime(std::string_view rest, DateTime& when, size_t& length) {
  static const RE2 re("^(?:,? ?(?:at |о |в |o |T| )?)(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");
  Piece input(rest.data(), rest.size()), h, m, s;
  if (!RE2::PartialMatch(input, re, &h, &m, &s)) return false;
  const int hour = ToInt(h), minute = ToInt(m);
  if (hour > 23 || minute > 59) return false;
  when.hour = hour;
  when.minute = minute;
  when.precision = Precision::kMinute;
  if (!s.empty()) {
    when.second = ToInt(s);
    when.precision = Precision::kSecond;
  }
  length = static_cast<size_t>(s.empty() ? m.data() + m.size() - rest.data()
                                         : s.data() + s.size() - rest.data());
  return true;
}

// "date 2022-12-20", "Published: 19.12.2022": a word right before the date that says the
// date is the article's. Returns where the marker starts, or npos.
size_t MarkerBefore(std::string_view line, size_t date_begin) {
  static const RE2 re(
      "(?i)(?:^|[^\\pL])(date|dated|published|posted|updated|опубліковано|опубликовано|дата|"
      "оновлено|обновлено|публікація|публикация)\\s*:?\\s*$");
  const size_t from = date_begin > 40 ? date_begin - 40 : 0;
  Piece before(line.data() + from, date_begin - from), word;
  if (!RE2::PartialMatch(before, re, &word)) return std::string_view::npos;
  return static_cast<size_t>(word.data() - line.data());
}

bool Plausible(int y, int m, int d) { return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31; }

}  // namespace

std::vector<DateMention> FindDates(std::string_view line) {
  std::vector<DateMention> out;
  // Every pattern holds a year of four digits: a line without four digits in a row holds no date.
  size_t run = 0, longest = 0;
  for (char c : line) {
    run = IsDigit(c) ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  if (longest < 4) return out;
  for (const DatePattern& p : DatePatterns()) {
    Piece groups[4];
    size_t pos = 0;
    while (pos < line.size() &&
           p.re->Match(Piece(line.data(), line.size()), pos, line.size(), RE2::UNANCHORED, groups, 4)) {
      const size_t begin = groups[0].data() - line.data();
      size_t end = begin + groups[0].size();
      pos = end;
      // Not part of a longer number ("119.12.20221").
      if ((begin > 0 && IsDigit(line[begin - 1])) || (end < line.size() && IsDigit(line[end])))
        continue;
      DateMention d;
      const Piece month = groups[p.month];
      d.when.year = ToInt(groups[p.year]);
      d.when.month = IsDigit(month[0]) ? ToInt(month) : MonthNumber(std::string_view(month.data(), month.size()));
      d.when.day = ToInt(groups[p.day]);
      if (!Plausible(d.when.year, d.when.month, d.when.day)) continue;
      d.when.precision = Precision::kDay;
      size_t time_length = 0;
      if (MatchTime(line.substr(end), d.when, time_length)) end += time_length;
      d.begin = begin;
      d.end = end;
      const size_t marker = MarkerBefore(line, begin);
      d.marked = marker != std::string_view::npos;
      if (d.marked) d.begin = marker;
      out.push_back(d);
    }
  }
  return out;
}

// ---- URLs ----

std::vector<UrlMention> FindUrls(std::string_view line) {
  static const RE2 re(
      "((?:https?://|www\\.)[^\\s<>\"“”«»]+|"
      "[a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+)*\\.(?:com|org|net|ua|ru|by|info|news|uk|eu|de|pl|io|"
      "fr|it|us|ca|lt|lv|ee|md|ge|kz|tv|media|online)(?:/[^\\s<>\"“”«»]*)?)");
  std::vector<UrlMention> out;
  if (line.find('.') == std::string_view::npos) return out;
  Piece input(line.data(), line.size()), match;
  while (RE2::FindAndConsume(&input, re, &match)) {
    size_t begin = match.data() - line.data();
    std::string_view url(match.data(), match.size());
    // Part of an e-mail address or of a longer word: not a link.
    if (begin > 0 && (line[begin - 1] == '@' || std::isalnum(static_cast<unsigned char>(line[begin - 1]))))
      continue;
    while (!url.empty() && std::string_view(".,;:!?)]'").find(url.back()) != std::string_view::npos)
      url.remove_suffix(1);
    UrlMention m;
    m.begin = begin;
    m.end = begin + url.size();
    m.url = std::string(url);
    std::string_view host = url;
    if (const size_t scheme = host.find("://"); scheme != std::string_view::npos) host.remove_prefix(scheme + 3);
    host = host.substr(0, host.find_first_of("/?#"));
    m.host = UnicodeLower(host);
    for (std::string_view prefix : {"www.", "m."})
      if (m.host.starts_with(prefix)) m.host.erase(0, prefix.size());
    if (m.host.find('.') == std::string::npos) continue;
    out.push_back(std::move(m));
  }
  return out;
}

bool IsCreditUrl(std::string_view line, const UrlMention& url) {
  std::string_view after = line.substr(url.end);
  while (!after.empty() && (after.front() == ' ' || after.front() == '.' || after.front() == ','))
    after.remove_prefix(1);
  if (!after.empty()) return false;
  size_t i = url.begin;
  while (i > 0 && line[i - 1] == ' ') --i;
  if (i == 0) return true;
  const std::string_view before = line.substr(0, i);
  const char last = before.back();
  if (IsDigit(last) || std::string_view(".!?:\")").find(last) != std::string_view::npos) return true;
  for (std::string_view closing : {"”", "»", "…"})
    if (before.ends_with(closing)) return true;
  return false;
}

// ---- outlets ----

namespace {

bool StartsUpperOrDigit(std::string_view word) {
  if (word.empty()) return false;
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(s, i, static_cast<int32_t>(word.size()), c);
  return u_isupper(c) || u_istitle(c) || u_isdigit(c);
}

bool IsConnector(std::string_view w) { return w == "of" || w == "and" || w == "&" || w == "de" || w == "the"; }

// Splits off punctuation that ends a word; returns true when some was there.
bool StripTrailing(std::string_view& word) {
  bool stripped = false;
  for (;;) {
    if (word.empty()) return stripped;
    bool more = false;
    for (std::string_view p : {",", ".", ";", ":", "!", "?", ")", "\"", "'", "”", "»", "’"}) {
      if (word.ends_with(p)) {
        word.remove_suffix(p.size());
        stripped = more = true;
        break;
      }
    }
    if (!more) return stripped;
  }
}

std::string Join(const std::vector<std::string_view>& words) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// A quoted name right at `s`: «Північна правда», “Northern Truth”.
bool QuotedName(std::string_view s, std::string* name) {
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"«", "»"}, {"“", "”"},
                             {"„", "“"}, {"\"", "\""}}) {
    if (!s.starts_with(open)) continue;
    const size_t end = s.find(close, open.size());
    if (end == std::string_view::npos || end - open.size() > 60) return false;
    *name = std::string(s.substr(open.size(), end - open.size()));
    return StartsUpperOrDigit(*name);
  }
  return false;
}

// The capitalised name that starts at `s`: up to five words, with "of", "and" between.
std::string NameAfter(std::string_view s) {
  std::string quoted;
  if (QuotedName(s, &quoted)) return quoted;
  std::vector<std::string_view> words;
  size_t pending_connectors = 0;
  while (!s.empty() && words.size() < 6) {
    const size_t space = s.find(' ');
    std::string_view word = s.substr(0, space);
    s = space == std::string_view::npos ? std::string_view() : s.substr(space + 1);
    const bool ends = StripTrailing(word);
    if (StartsUpperOrDigit(word)) {
      words.push_back(word);
      pending_connectors = 0;
    } else if (!words.empty() && IsConnector(word) && !ends) {
      words.push_back(word);
      ++pending_connectors;
    } else if (words.empty() && word == "the" && !ends) {
      continue;  // "according to the BBC"
    } else {
      break;
    }
    if (ends) break;
  }
  words.resize(words.size() - pending_connectors);
  return Join(words);
}

// The capitalised name that ends `text`, within its clause.
std::string NameBefore(std::string_view text) {
  std::vector<std::string_view> words;
  bool at_sentence_start = true;
  while (!text.empty()) {
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    const size_t space = text.rfind(' ');
    std::string_view word = space == std::string_view::npos ? text : text.substr(space + 1);
    std::string_view bare = word;
    if (StripTrailing(bare) || bare.empty()) {
      at_sentence_start = EndsSentence(word);
      break;
    }
    if (!StartsUpperOrDigit(bare) && !(IsConnector(bare) && !words.empty())) {
      at_sentence_start = false;
      break;
    }
    words.insert(words.begin(), bare);
    text = space == std::string_view::npos ? std::string_view() : text.substr(0, space);
    if (words.size() >= 5) {
      at_sentence_start = false;
      break;
    }
  }
  while (!words.empty() && IsConnector(words.front())) words.erase(words.begin());
  // A sentence's first word is capitalised by grammar, not because it is part of a title.
  if (at_sentence_start && !words.empty() && words.front() == "The") words.erase(words.begin());
  return Join(words);
}

}  // namespace

bool LooksLikeOutlet(std::string_view name) {
  if (name.starts_with("the ")) name.remove_prefix(4);
  if (name.empty()) return false;
  // "Example.NET", "Lenta.ru": a site name (but not initials such as "U.S").
  if (const size_t dot = name.find('.'); dot != std::string_view::npos && dot >= 2 &&
                                         dot + 2 < name.size() && name.find(' ') > dot)
    return true;
  // A title keeps its capital "The" in mid-sentence: "The Spectator", "The Guardian".
  if (name.starts_with("The ") && StartsUpperOrDigit(name.substr(4))) return true;
  // The common nouns of outlet names. "pravda" and its translation "truth" name papers
  // across the former Soviet Union, as "times" and "post" do in English.
  static const std::unordered_set<std::string> kMediaWords = {
      "tv", "radio", "channel", "news", "times", "post", "truth", "pravda", "press", "agency",
      "daily", "journal", "gazette", "gazeta", "telegraph", "herald", "tribune", "guardian", "media", "online", "today", "weekly", "observer", "mirror", "monitor", "wire",
      "insider", "broadcasting", "television", "magazine", "chronicle", "courier", "bulletin",
      "тб", "тв", "радіо", "радио", "правда", "новини", "новости", "газета", "вісті", "вести",
      "известия", "телеканал", "медіа", "медиа", "фм", "fm"};
  // Wire services named by suffix: Kazinform, Interfax, Newsmedia.
  static const std::vector<std::string> kMediaSuffixes = {"inform", "news", "media", "fax",
                                                          "інформ", "информ"};
  for (std::string_view rest = name; !rest.empty();) {
    const size_t space = rest.find(' ');
    const std::string word = UnicodeLower(rest.substr(0, space));
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    if (kMediaWords.count(word)) return true;
    for (const std::string& suffix : kMediaSuffixes)
      if (word.size() > suffix.size() + 2 && word.ends_with(suffix)) return true;
  }
  return false;
}

namespace {

// Letters and digits of a name or of a domain's first label, lower case: "nordinform.net"
// and "Nordinform" both give "nordinform".
std::string RelayKey(std::string_view name) {
  const bool domain = name.find(' ') == std::string_view::npos && name.find('.') != std::string_view::npos &&
                      UnicodeLower(name) == name;
  if (domain) name = name.substr(0, name.find('.'));
  std::string key;
  for (char c : UnicodeLower(name))
    if (static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c))) key += c;
  return key;
}

enum class Direction { kAfter, kBefore };
enum class Strength { kWeak, kStrong };  // weak cues also introduce people and offices

struct Cue {
  std::unique_ptr<RE2> re;
  Direction direction;
  Strength strength;
  bool own;  // names the article's own outlet
};

// The channel phrase ChannelNames reads: "on the HARBOUR TV channel".
const char kChannel[] = "\\bon (?:the )?((?:[^\\s,.;:]+ ){1,4})(?:tv )?channel\\b";

// Every cue and the channel phrase as one alternation: most lines hold none of them, and one
// scan of a line that says so costs what each of the seven scans costs.
struct AnyCue {
  std::string pattern = "(?i)";
  std::unique_ptr<RE2> re;
};
AnyCue& AnyCuePattern() {
  static AnyCue any;
  return any;
}

const std::vector<Cue>& Cues() {
  static const auto* cues = [] {
    auto* v = new std::vector<Cue>();
    AnyCue& any = AnyCuePattern();
    auto add = [&](const char* re, Direction d, Strength s, bool own) {
      // Cues read forward start at a word boundary; backward ones start with their space.
      const std::string boundary = d == Direction::kAfter ? "(?:^|[^\\pL])" : "";
      v->push_back({std::make_unique<RE2>("(?i)" + boundary + "(?:" + re + ")"), d, s, own});
      any.pattern += "(?:" + boundary + "(?:" + re + "))|";
    };
    // Translated Ukrainian/Russian news ends a report with "informs X" (повідомляє X):
    // the outlet speaking is the article's own.
    add("informs ", Direction::kAfter, Strength::kStrong, true);
    add("повідомляє |сообщает |передає |передает ", Direction::kAfter, Strength::kStrong, true);
    add("according to |with (?:a )?reference to |citing |referring to |as reported by |"
        "reported by |quoting |told |said on |in an interview (?:with|to) |interview (?:with|to) |"
        "speaking to |on the air of ",
        Direction::kAfter, Strength::kWeak, false);
    add("з посиланням на |посилаючись на |за даними |за інформацією |як повідомляє |як пише |"
        "як передає |со ссылкой на |ссылаясь на |по данным |по информации |как сообщает |"
        "как пишет |как передает |в ефірі |в эфире |в інтерв'ю |в интервью |в інтерв’ю ",
        Direction::kAfter, Strength::kWeak, false);
    add(" (?:reports|reported|writes|wrote)(?:[^\\pL]|$)", Direction::kBefore, Strength::kWeak, false);
    add(" quoted [^.]{1,80} as saying", Direction::kBefore, Strength::kStrong, false);
    any.pattern += std::string("(?:") + kChannel + ")";
    // Letters outside ASCII (the letter classes, Cyrillic cues) make many DFA states: with RE2's default
    // budget the DFA is rebuilt over and over and the one scan costs more than the seven.
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(32 << 20);
    any.re = std::make_unique<RE2>(any.pattern, options);
    if (!any.re->ok()) any.re.reset();  // then every line is scanned cue by cue
    return v;
  }();
  return *cues;
}

// "on the HARBOUR TV channel", "on Espreso TV channel": the words before "channel".
void ChannelNames(std::string_view line, std::vector<std::string>& out) {
  static const RE2 re(std::string("(?i)") + kChannel);
  Piece input(line.data(), line.size()), words;
  while (RE2::FindAndConsume(&input, re, &words)) {
    std::string_view w(words.data(), words.size());
    while (!w.empty() && w.back() == ' ') w.remove_suffix(1);
    std::string name = NameAfter(w);
    if (!name.empty() && name.size() == w.size()) out.push_back(name);
  }
}

// The own-outlet cues are not own when they follow "як"/"как" ("as X informs").
bool PrecededByAs(std::string_view line, size_t cue_begin) {
  std::string_view before = line.substr(0, cue_begin);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  return before.ends_with("як") || before.ends_with("как") || before.ends_with("Як") ||
         before.ends_with("Как") || before.ends_with(" as");
}

// Whether an ASCII line may hold a cue: each cue, and the channel phrase, has a word that
// stands as a whole run of letters ("according", "reported", "channel"; "said" before " on ").
// Most lines hold none, and this scan is a fraction of the RE2 one. A line with letters
// outside ASCII goes to RE2: its case folding and the Cyrillic cues are RE2's to judge.
bool MayHoldCue(std::string_view line) {
  constexpr size_t kLongest = 9;  // "according"
  auto letter = [](unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; };
  for (char c : line)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  for (size_t i = 0; i < line.size();) {
    if (!letter(line[i])) {
      ++i;
      continue;
    }
    char word[kLongest];
    size_t n = 0;
    for (; i < line.size() && letter(line[i]); ++i, ++n)
      if (n < kLongest) word[n] = char(line[i] | 0x20);
    const std::string_view w(word, std::min(n, kLongest));
    bool cue = false;
    switch (n) {  // the words by length, so a word is compared with a few at most
      case 3: cue = w == "air"; break;
      case 4:
        cue = w == "told" || (w == "said" && i + 3 < line.size() && line[i] == ' ' &&
                              (line[i + 1] | 0x20) == 'o' && (line[i + 2] | 0x20) == 'n' && line[i + 3] == ' ');
        break;
      case 5: cue = w == "wrote"; break;
      case 6: cue = w == "citing" || w == "writes" || w == "quoted"; break;
      case 7: cue = w == "informs" || w == "quoting" || w == "reports" || w == "channel"; break;
      case 8: cue = w == "reported" || w == "speaking"; break;
      case 9: cue = w == "according" || w == "reference" || w == "referring" || w == "interview"; break;
      default: break;
    }
    if (cue) return true;
  }
  return false;
}

}  // namespace

void AddRelay(std::vector<std::string>& relays, std::string_view name) {
  const std::string key = RelayKey(name);
  if (key.empty()) return;
  const auto is_domain = [](std::string_view s) {
    return s.find('.') != std::string_view::npos && s.find(' ') == std::string_view::npos &&
           UnicodeLower(s) == s;
  };
  for (std::string& r : relays) {
    if (RelayKey(r) != key) continue;
    if (is_domain(r) && !is_domain(name)) r = std::string(name);  // "Nordinform" over "nordinform.net"
    return;
  }
  relays.emplace_back(name);
}

void FindOutlets(std::string_view line, std::string* own, std::vector<std::string>* relays) {
  if (!MayHoldCue(line)) return;
  const std::vector<Cue>& cues = Cues();
  if (const RE2* any = AnyCuePattern().re.get(); any && !RE2::PartialMatch(Piece(line.data(), line.size()), *any))
    return;
  for (const Cue& cue : cues) {
    Piece whole;
    size_t pos = 0;
    while (pos < line.size() &&
           cue.re->Match(Piece(line.data(), line.size()), pos, line.size(), RE2::UNANCHORED, &whole, 1)) {
      const size_t begin = whole.data() - line.data();
      const size_t end = begin + whole.size();
      pos = end;
      std::string name = cue.direction == Direction::kAfter ? NameAfter(line.substr(end))
                                                            : NameBefore(line.substr(0, begin));
      if (name.empty()) continue;
      if (cue.strength == Strength::kWeak && !LooksLikeOutlet(name)) continue;
      if (cue.own && !PrecededByAs(line, begin)) {
        if (own->empty()) *own = name;
      } else {
        AddRelay(*relays, name);
      }
    }
  }
  std::vector<std::string> channels;
  ChannelNames(line, channels);
  for (const std::string& c : channels) AddRelay(*relays, c);
}

}  // namespace sitrep
