#include "ingest/page_date.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include "ingest/page_date_scan.h"
#include "ingest/page_date_text.h"
#include "time/date_parse.h"

namespace sitrep {

namespace {

using page_date::Hint;
using page_date::Label;

// How much each kind of evidence is trusted: the publisher's own statement of the
// publication date first, then the URL, then dates the reader sees, then modified dates.
enum Score : int {
  kPublishedMeta = 100,   // article:published_time, JSON-LD datePublished of an article
  kPublishedAttr = 95,    // <time pubdate>, itemprop=datePublished
  kGenericMeta = 90,      // <meta name=date>, dc.date
  kScriptState = 85,      // "datePublished" in a script's state object
  kUrl = 80,              // /2022/12/19/
  kPublishedText = 78,    // text of an element marked as the publication date
  kOtherLd = 75,          // datePublished of something else on the page (a video, an image)
  kTimeElement = 70,      // <time datetime> without a hint
  kHintedText = 60,       // text of a class="date" element
  kLabelledText = 55,     // "Published: 19.12.2022" in the text
  kScriptCreated = 50,    // "createdAt" in a script's state object
  kModified = 40,         // dateModified and friends: often the same day, never earlier
  kPageImage = 35,        // the upload day in the path of og:image, the page's own picture
  kPlainText = 30,        // a date somewhere in the text
  kTextImage = 25,        // the upload day in the path of a picture in the text
  kAsideText = 20,        // a date in a sidebar or footer, when the text has none
};

// Nothing on the web predates this; a date before it is a birthday, a law, a citation.
constexpr int kEarliestYear = 1995;

struct Candidate {
  DateTime when;
  int score = 0;
  std::string source, detail;
  size_t order = 0;  // discovery order, for stable ties
  std::optional<DateTime> swapped;  // the other reading of an ambiguous numeric date
};

int64_t NowSeconds() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

std::string Clip(std::string_view s, size_t n) {
  std::string out(s.substr(0, n));
  for (char& c : out) c = (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  return out;
}

bool Has(std::string_view hay, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view n) { return hay.find(n) != std::string_view::npos; });
}

class Weigher {
 public:
  Weigher(std::string_view lang)
      : now_(NowSeconds()),
        options_{lang.rfind("en-us", 0) == 0 ? NumericOrder::kMonthFirst
                                             : NumericOrder::kDayFirst} {}

  const DateParseOptions& options() const { return options_; }

  // A metadata value: a date string, a Unix time, or text with a date in it.
  std::optional<DateTime> ParseValue(std::string_view value) const {
    if (value.size() > 300) value = value.substr(0, 300);
    if (auto d = ParseDate(value, options_)) return d;
    if (auto d = ParseEpoch(value)) return d;
    auto found = page_date::FindTextDates(value, options_, 1);
    if (!found.empty()) return found[0].when;
    return std::nullopt;
  }

  void Add(const std::optional<DateTime>& when, int score, std::string_view source,
           std::string_view detail) {
    if (!when || !Plausible(*when)) return;
    candidates_.push_back({*when, score, std::string(source), Clip(detail, 120),
                           candidates_.size(), std::nullopt});
  }

  // A metadata value, remembering the other reading of an all-numeric day and month
  // ("11/01/2023"): templates print dates in their authors' order, not the page language's.
  void AddValue(std::string_view value, int score, std::string_view source,
                std::string_view detail) {
    size_t before = candidates_.size();
    Add(ParseValue(value), score, source, detail);
    if (candidates_.size() == before) return;
    DateParseOptions other = options_;
    other.order = options_.order == NumericOrder::kDayFirst ? NumericOrder::kMonthFirst
                                                            : NumericOrder::kDayFirst;
    auto swapped = ParseDate(value.substr(0, 300), other);
    if (swapped && Plausible(*swapped) && !SameDay(*swapped, candidates_.back().when)) {
      candidates_.back().swapped = swapped;
    }
  }

  // Days the reader sees on the page, to read a UTC timestamp in the publisher's zone.
  void AddVisibleDay(const DateTime& d) { visible_.push_back(d); }

  PublicationTime Decide() const {
    if (candidates_.empty()) return {};
    // The strongest kind of evidence decides; among equals the first found, since the
    // page's own date precedes those of the pieces it lists or embeds.
    const Candidate* best = &candidates_[0];
    for (const Candidate& c : candidates_) {
      if (c.score > best->score) best = &c;
    }
    best = BeforeModified(best);
    best = CheckedAgainstUrl(best);
    const DateTime when = Disambiguated(*best);
    PublicationTime out;
    out.when = best->source == "url" ? when : LocalDay(when);
    out.evidence = {best->source, best->detail};
    out.confidence = Confidence(*best);
    return out;
  }

  // An ambiguous "11/01/2023" is read the other way when only that reading is confirmed
  // elsewhere on the page ("Erstellt am: 01.11.2023").
  DateTime Disambiguated(const Candidate& best) const {
    if (!best.swapped) return best.when;
    auto named = [&](const DateTime& d) {
      return std::any_of(candidates_.begin(), candidates_.end(), [&](const Candidate& c) {
        return c.order != best.order && SameDay(c.when, d);
      });
    };
    return named(*best.swapped) && !named(best.when) ? *best.swapped : best.when;
  }

  // A page is published before it is modified: when only a modified date is certain, a
  // date in the text that is not later is the better guess.
  const Candidate* BeforeModified(const Candidate* best) const {
    if (best->score > kModified) return best;
    for (const Candidate& c : candidates_) {
      if (c.score < best->score && c.source == "text" &&
          c.when.UnixSeconds() / 86400 <= best->when.UnixSeconds() / 86400) {
        return &c;
      }
    }
    return best;
  }

  // A URL's date is set when the story is created, so publication falls on it or soon
  // after. Metadata that agrees (allowing for the zone of a UTC time) or comes within a
  // week stands; an earlier or much later date is some other date (a print edition, an
  // embedded item, a modification).
  const Candidate* CheckedAgainstUrl(const Candidate* best) const {
    auto url = std::find_if(candidates_.begin(), candidates_.end(),
                            [](const Candidate& c) { return c.source == "url"; });
    if (url == candidates_.end() || best->source == "url") return best;
    const int64_t url_day = url->when.UnixSeconds() / 86400;
    int64_t from = 0, to = 0;
    if (best->when.precision >= Precision::kMinute && best->when.utc_offset_minutes) {
      // Where the publisher lives is unknown: any zone from UTC-8 to UTC+10.
      int64_t t = best->when.UnixSeconds();
      from = (t - 8 * 3600) / 86400;
      to = (t + 10 * 3600) / 86400;
    } else {
      from = to = best->when.UnixSeconds() / 86400;
    }
    if (url_day >= from && url_day <= to) return &*url;
    if (from > url_day && from - url_day <= 7) return best;
    return &*url;
  }

 private:
  bool Plausible(const DateTime& d) const {
    return d.precision >= Precision::kDay && d.year >= kEarliestYear &&
           d.UnixSeconds() <= now_ + 2 * 86400;
  }

  // A UTC time late or early in the day falls on the neighbouring day where the publisher
  // lives; when the page shows that neighbour and not the UTC day, the page is right.
  DateTime LocalDay(const DateTime& d) const {
    if (d.precision < Precision::kMinute || d.utc_offset_minutes != 0) return d;
    // Zones run from UTC-12 to UTC+14; the first of the candidate days the page shows wins.
    std::vector<DateTime> days{d};
    if (d.hour >= 24 - 14) days.push_back(Shifted(d, 1));
    if (d.hour < 12) days.push_back(Shifted(d, -1));
    for (const DateTime& v : visible_) {
      for (const DateTime& day : days) {
        if (SameDay(v, day)) return day.precision == Precision::kDay ? day : d;
      }
    }
    return d;
  }

  static DateTime Shifted(DateTime d, int days) {
    d.day += days;
    if (d.day < 1) {
      if (--d.month < 1) d.month = 12, --d.year;
      d.day = DaysIn(d.year, d.month);
    } else if (d.day > DaysIn(d.year, d.month)) {
      d.day = 1;
      if (++d.month > 12) d.month = 1, ++d.year;
    }
    d.precision = Precision::kDay;
    d.utc_offset_minutes.reset();
    return d;
  }

  static int DaysIn(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
  }

  static std::optional<DateTime> ParseEpoch(std::string_view v) {
    if (v.size() != 10 && v.size() != 13) return std::nullopt;
    if (!std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::nullopt;
    }
    int64_t t = std::stoll(std::string(v.substr(0, 10)));
    int64_t days = t / 86400;
    // civil_from_days (Howard Hinnant), enough for post-1970 times.
    int64_t z = days + 719468, era = z / 146097, doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    DateTime d;
    d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2));
    d.hour = static_cast<int>(t % 86400 / 3600);
    d.minute = static_cast<int>(t % 3600 / 60);
    d.second = static_cast<int>(t % 60);
    d.utc_offset_minutes = 0;
    d.precision = Precision::kSecond;
    return d;
  }

  // The score scaled, and raised when other evidence names the same day.
  float Confidence(const Candidate& best) const {
    int agreeing = 0;
    for (const Candidate& c : candidates_) {
      agreeing += c.order != best.order && c.source != best.source && SameDay(c.when, best.when);
    }
    float conf = best.score / 105.0f + 0.05f * std::min(agreeing, 3);
    return std::min(conf, 0.99f);
  }

  static bool SameDay(const DateTime& a, const DateTime& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }

  int64_t now_;
  DateParseOptions options_;
  std::vector<Candidate> candidates_;
  std::vector<DateTime> visible_;
};

// ---------------------------------------------------------------------------------------
// Metadata.

// The score a <meta> key earns, 0 when it does not name a date of the page.
int MetaScore(std::string_view key) {
  if (Has(key, {"expir", "birth", "event", "start", "end", "valid", "copyright", "image",
                "retrieved", "deadline"})) {
    return 0;
  }
  if (Has(key, {"modif", "updat", "revis", "lastmod", "last-mod"})) return kModified;
  bool dated = Has(key, {"date", "time"});
  if (Has(key, {"publi", "pubdate", "pub_date", "pub-date", "issued", "creat", "release",
                "firstpub", "original", "upload"}) &&
      (dated || Has(key, {"pubdate", "issued", "created", "uploaded"}))) {
    return kPublishedMeta;
  }
  return dated ? kGenericMeta : 0;
}

std::string_view MetaSource(std::string_view key) {
  if (key.rfind("og:", 0) == 0 || key.rfind("article:", 0) == 0) return "og";
  return "meta";
}

void WeighMetas(const page_date::PageSignals& page, Weigher& w) {
  for (const auto& m : page.metas) {
    if (int score = MetaScore(m.key)) {
      w.AddValue(m.value, score, MetaSource(m.key), m.key + " " + m.value);
    }
  }
  for (const auto& m : page.script_dates) {
    // "createdAt" in a state object may be any record's: weaker than a publication key.
    int score = m.key == "datemodified"                       ? kModified
                : m.key == "createdat" || m.key == "created_at" ? kScriptCreated
                                                              : kScriptState;
    w.AddValue(m.value, score, "script", m.key + " " + m.value);
  }
}

// JSON-LD types whose datePublished is the page's own.
bool IsArticleType(const nlohmann::json& type) {
  auto article = [](const std::string& t) {
    return Has(t, {"Article", "Posting", "Report", "WebPage", "Blog", "CreativeWork"});
  };
  if (type.is_string()) return article(type.get<std::string>());
  if (type.is_array()) {
    for (const auto& t : type) {
      if (t.is_string() && article(t.get<std::string>())) return true;
    }
  }
  return type.is_null();
}

void WalkLd(const nlohmann::json& j, Weigher& w, int depth) {
  if (depth > 12) return;
  if (j.is_array()) {
    for (const auto& x : j) WalkLd(x, w, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  bool article = IsArticleType(j.contains("@type") ? j["@type"] : nlohmann::json());
  for (const char* key : {"datePublished", "dateCreated", "uploadDate", "dateModified"}) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) continue;
    std::string v = it->get<std::string>();
    int score = std::string_view(key) == "dateModified" ? kModified
                : article                               ? kPublishedMeta
                                                        : kOtherLd;
    w.AddValue(v, score, "json-ld", std::string(key) + " " + v);
  }
  for (const auto& [key, value] : j.items()) {
    // Comments and reviews carry their own dates.
    if (key == "comment" || key == "review" || key == "citation") continue;
    if (value.is_structured()) WalkLd(value, w, depth + 1);
  }
}

void WeighJsonLd(const page_date::PageSignals& page, Weigher& w) {
  for (const std::string& block : page.json_ld) {
    auto j = nlohmann::json::parse(block, nullptr, false);
    if (!j.is_discarded()) {
      WalkLd(j, w, 0);
      continue;
    }
    // Broken JSON (stray commas, raw newlines) still states its dates plainly.
    for (const char* key : {"\"datePublished\"", "\"dateCreated\"", "\"dateModified\""}) {
      size_t p = block.find(key);
      if (p == std::string::npos) continue;
      size_t q1 = block.find('"', block.find(':', p + std::strlen(key)) + 1);
      size_t q2 = q1 == std::string::npos ? q1 : block.find('"', q1 + 1);
      if (q2 == std::string::npos || q2 - q1 > 60) continue;
      std::string v = block.substr(q1 + 1, q2 - q1 - 1);
      int score = std::string_view(key) == "\"dateModified\"" ? kModified : kPublishedMeta;
      w.AddValue(v, score, "json-ld", std::string(key) + " " + v);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Elements and text.

int ElementScore(const page_date::DatedElement& e) {
  bool time_tag = e.what.rfind("time", 0) == 0;
  switch (e.hint) {
    case Hint::kPublished: return e.from_attribute ? kPublishedAttr : kPublishedText;
    case Hint::kModified: return kModified;
    case Hint::kDate: return time_tag && e.from_attribute ? kTimeElement : kHintedText;
    case Hint::kNone: return 0;
  }
  return 0;
}

// Distinct days among the elements marked as publication dates. A page marks its own
// date once or twice (markup and text); many different ones are a list of other pieces.
size_t PublishedDays(const page_date::PageSignals& page, const Weigher& w) {
  std::vector<int64_t> days;
  for (const auto& e : page.elements) {
    if (e.hint != Hint::kPublished || !e.from_attribute) continue;
    if (auto d = w.ParseValue(e.value); d && d->precision >= Precision::kDay) {
      int64_t day = DateTime{d->year, d->month, d->day, 0, 0, 0, std::nullopt,
                             Precision::kDay}.UnixSeconds() / 86400;
      if (std::find(days.begin(), days.end(), day) == days.end()) days.push_back(day);
    }
  }
  return days.size();
}

void WeighElements(const page_date::PageSignals& page, Weigher& w) {
  const bool listing = PublishedDays(page, w) > 2;
  for (const auto& e : page.elements) {
    int score = ElementScore(e);
    if (!score) continue;
    if (listing && e.hint == Hint::kPublished) score = kTimeElement;
    std::string_view source = e.what.rfind("itemprop", 0) == 0 ? "microdata"
                              : e.what.rfind("time", 0) == 0   ? "time-element"
                                                               : "html";
    if (e.from_attribute) {
      w.AddValue(e.value, score, source, e.what + " " + e.value);
      continue;
    }
    // Text such as "Posted 19.12.2022 | Updated 20.12.2022": the labels decide.
    for (const auto& d : page_date::FindTextDates(e.value, w.options(), 4)) {
      if (d.label == Label::kOther) continue;
      w.AddVisibleDay(d.when);
      int s = d.label == Label::kModified    ? kModified
              : d.label == Label::kPublished ? std::max(score, int(kPublishedText))
                                             : score;
      w.Add(d.when, s, source, e.what + " " + d.match);
    }
  }
}

// The page's picture (og:image, twitter:image) and those in its text, when their path is
// dated to the day; WordPress's "/uploads/2017/05/" month alone dates nothing.
void WeighImages(const page_date::PageSignals& page, Weigher& w) {
  auto add = [&](const std::string& src, int score) {
    if (auto d = page_date::UrlDate(src); d && d->precision >= Precision::kDay) {
      w.Add(d, score, "image", src);
    }
  };
  for (const auto& m : page.metas) {
    if (m.key == "og:image" || m.key == "twitter:image" || m.key == "twitter:image:src") {
      add(m.value, kPageImage);
    }
  }
  // A picture in the text may be an older one reused: below the text's own dates.
  for (const std::string& src : page.images) add(src, kTextImage);
}

void WeighText(const page_date::PageSignals& page, Weigher& w) {
  auto dates = page_date::FindTextDates(page.text, w.options(), 200);
  if (dates.empty()) {
    // Some sites put the article's details in a "sidebar"; better than nothing.
    for (const auto& d : page_date::FindTextDates(page.aside_text, w.options(), 1)) {
      w.Add(d.when, kAsideText, "text", d.match);
    }
    return;
  }
  bool first_plain = true;
  for (const auto& d : dates) {
    if (d.label == Label::kOther) continue;
    w.AddVisibleDay(d.when);
    if (d.label == Label::kPublished) {
      w.Add(d.when, kLabelledText, "text", d.match);
    } else if (d.label == Label::kModified) {
      w.Add(d.when, kModified - 5, "text", d.match);
    } else if (first_plain) {
      // The first date in the article's text is most often its dateline.
      w.Add(d.when, kPlainText, "text", d.match);
      first_plain = false;
    }
  }
}

}  // namespace

PublicationTime FindPageDate(const GumboNode* root, std::string_view url) {
  page_date::PageSignals page = page_date::ScanPage(root);
  Weigher w(page.lang);
  WeighMetas(page, w);
  WeighJsonLd(page, w);
  if (auto d = page_date::UrlDate(url); d && d->precision >= Precision::kDay) {
    w.Add(d, kUrl, "url", url);
  }
  WeighElements(page, w);
  WeighText(page, w);
  WeighImages(page, w);
  return w.Decide();
}

}  // namespace sitrep
