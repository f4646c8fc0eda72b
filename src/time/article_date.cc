// Publication date from the text: every day-precise date the text names gives a bound. A day
// told as done (or told plainly: news reports what has happened) means the article came out
// on or after it; a day told as ahead ("will open the bridge on June 9") means before it. A weekday
// told as done names one of the last seven days, so it binds only when a known date (the
// text's own or a related article's) falls on that weekday. The earliest day within the
// bounds is taken: news is published on the day or soon after.
#include "time/article_date.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include "time/timex.h"
#include "time/timex_calendar.h"

namespace sitrep {

namespace {

using namespace timex_cal;

// "2022-12-19..." -> day number; "XXXX-12-19" -> month and day only (year < 0).
struct DayValue {
  int y = -1, m = 0, d = 0;
};

std::optional<DayValue> ReadDay(const std::string& v) {
  auto digits = [&](size_t at, size_t n) {
    if (v.size() < at + n) return false;
    for (size_t i = at; i < at + n; ++i)
      if (!std::isdigit(static_cast<unsigned char>(v[i]))) return false;
    return true;
  };
  if (v.size() < 10 || v[4] != '-' || v[7] != '-' || !digits(5, 2) || !digits(8, 2)) return std::nullopt;
  if (v.size() > 10 && v[10] != 'T') return std::nullopt;
  DayValue r{-1, std::stoi(v.substr(5, 2)), std::stoi(v.substr(8, 2))};
  if (digits(0, 4)) r.y = std::stoi(v.substr(0, 4));
  else if (v.compare(0, 4, "XXXX") != 0) return std::nullopt;
  if (r.m < 1 || r.m > 12 || r.d < 1 || r.d > 31) return std::nullopt;
  return r;
}

// "XXXX-WXX-1" (a bare weekday) -> 1..7.
int ReadWeekday(const std::string& v) {
  if (v.size() == 10 && v.compare(0, 9, "XXXX-WXX-") == 0 && v[9] >= '1' && v[9] <= '7') return v[9] - '0';
  return 0;
}

int64_t DayOf(const DateTime& t) { return DaysFromCivil(t.year, t.month, t.day); }

struct Bound {
  int64_t day = 0;
  std::string why;
  bool strong = false;  // stated with a tense, not merely plain
};

// The year that puts month/day nearest to `near`.
int64_t NearestYear(int m, int d, int64_t near) {
  int y0 = CivilFromDays(near).y;
  int64_t best = 0, best_dist = INT64_MAX;
  for (int y = y0 - 1; y <= y0 + 1; ++y) {
    int64_t day = DaysFromCivil(y, m, std::min(d, DaysInMonth(y, m)));
    int64_t dist = day > near ? day - near : near - day;
    if (dist < best_dist) best_dist = dist, best = day;
  }
  return best;
}

std::string Quote(std::string_view text, Span s) {
  return "\"" + std::string(text.substr(s.begin, s.size())) + "\"";
}

}  // namespace

std::optional<PublicationTime> InferPublicationTime(std::string_view text,
                                                    std::span<const DateTime> context) {
  // Tagged without an anchor, relative expressions stay open ("XXXX-WXX-1") and tense comes
  // from the words alone, not from a date compared with a guessed anchor.
  std::vector<Timex> found = FindTimexes(text, DateTime{});
  std::vector<int64_t> known;  // days the text states with a year, then related articles' days
  for (const Timex& t : found)
    if (auto d = ReadDay(t.value); d && d->y > 0) known.push_back(DaysFromCivil(d->y, d->m, d->d));
  const bool own_year = !known.empty();
  std::vector<int64_t> related;
  for (const DateTime& c : context)
    if (c.precision >= Precision::kDay) related.push_back(DayOf(c));
  if (known.empty() && related.empty()) return std::nullopt;
  // Where the text's time lies, to place bare dates: its latest dated day, else the middle
  // of the related articles' days.
  int64_t near;
  if (own_year) {
    near = *std::max_element(known.begin(), known.end());
  } else {
    std::vector<int64_t> r = related;
    std::nth_element(r.begin(), r.begin() + r.size() / 2, r.end());
    near = r[r.size() / 2];
  }
  std::vector<int64_t> events = known;  // days a weekday may name
  events.insert(events.end(), related.begin(), related.end());

  std::vector<Bound> lower, upper;
  bool borrowed = false;  // a bound rests on the related articles' dates
  for (const Timex& t : found) {
    if (t.type == "DURATION" || t.type == "SET") continue;
    bool ahead = t.tense == Tense::kFuture, done = t.tense == Tense::kPast;
    if (auto d = ReadDay(t.value)) {
      int64_t day = d->y > 0 ? DaysFromCivil(d->y, d->m, d->d) : NearestYear(d->m, d->d, near);
      if (d->y < 0 && !own_year) borrowed = true;
      std::string when = Date(day);
      if (ahead) upper.push_back({day - 1, "before " + when + ": " + Quote(text, t.span) + " told as ahead", true});
      else lower.push_back({day, "on or after " + when + ": " + Quote(text, t.span) + (done ? " told as done" : " reported"), done});
      continue;
    }
    int wd = ReadWeekday(t.value);
    if (!wd) continue;
    // the known day on that weekday nearest the text's time
    int64_t best = 0, best_dist = INT64_MAX;
    for (int64_t e : events) {
      int64_t dist = e > near ? e - near : near - e;
      if (Weekday(e) == wd && dist < best_dist) best = e, best_dist = dist;
    }
    if (best_dist > 7) continue;
    borrowed |= std::find(known.begin(), known.end(), best) == known.end();
    std::string q = Quote(text, t.span) + " read as " + Date(best);
    if (ahead) {
      upper.push_back({best - 1, "before " + Date(best) + ": " + q + ", told as ahead", true});
      lower.push_back({best - 6, "", false});
    } else {
      lower.push_back({best, "on or after " + Date(best) + ": " + q, true});
      upper.push_back({best + 6, "within a week of " + Date(best) + ": a weekday names one of the last seven days", true});
    }
  }
  if (lower.empty() && upper.empty()) return std::nullopt;

  auto latest = [](const std::vector<Bound>& b, bool strong_only) -> const Bound* {
    const Bound* r = nullptr;
    for (const Bound& x : b)
      if ((!strong_only || x.strong) && (!r || x.day > r->day)) r = &x;
    return r;
  };
  auto earliest = [](const std::vector<Bound>& b) -> const Bound* {
    const Bound* r = nullptr;
    for (const Bound& x : b)
      if (!r || x.day < r->day) r = &x;
    return r;
  };
  const Bound* lo = latest(lower, false);
  const Bound* hi = earliest(upper);
  // Conflicting bounds: a plainly reported date may be a plan the tense cues missed; then
  // trust only dates told with a tense, and failing that, the days reported as done.
  if (lo && hi && lo->day > hi->day) lo = latest(lower, true);
  if (lo && hi && lo->day > hi->day) hi = nullptr;

  PublicationTime out;
  int64_t day = lo ? lo->day : hi->day;
  Ymd c = CivilFromDays(day);
  out.when.year = c.y, out.when.month = c.m, out.when.day = c.d;
  out.when.precision = Precision::kDay;
  std::string detail;
  if (lo && !lo->why.empty()) detail = lo->why;
  if (hi && !hi->why.empty()) detail += (detail.empty() ? "" : "; ") + hi->why;
  if (!lo) detail = "written " + detail + " (no earlier bound)";
  out.evidence = {"inferred", detail};
  // Surest when both ends close in; least when only a plan bounds it or the year is borrowed.
  float confidence = !lo ? 0.25f : hi && hi->day - lo->day <= 1 ? 0.45f : 0.4f;
  if (borrowed) confidence -= 0.05f;
  out.confidence = confidence;
  return out;
}

std::optional<PublicationTime> InferPublicationTime(const Article& article,
                                                    std::span<const DateTime> context) {
  return InferPublicationTime(std::string_view(article.text), context);
}

}  // namespace sitrep
