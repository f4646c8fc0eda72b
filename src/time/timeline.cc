// Building the timeline: date each article (stated, else inferred with the others' dates as
// context), tag its times, turn each dated sentence into a candidate event, then merge
// candidates that share a day (or, for forecasts, an overlapping window) and enough words.
#include "time/timeline.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_set>

#include "time/article_date.h"
#include "time/timex.h"

namespace sitrep {

namespace {

constexpr size_t kMaxWhat = 180;  // bytes of a shortened clause

bool IsDay(const std::string& v) {
  if (v.size() < 10 || v[4] != '-' || v[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(v[i]))) return false;
  return true;
}

// A calendar month or day value ("2023-02", "2023-02-14"): the month it falls in.
std::string MonthOf(const std::string& v) {
  if (v.size() < 7 || v[4] != '-' || !std::isdigit(static_cast<unsigned char>(v[5]))) return "";
  for (size_t i : {0, 1, 2, 3, 5, 6})
    if (!std::isdigit(static_cast<unsigned char>(v[i]))) return "";
  return v.substr(0, 7);
}

std::vector<Span> SentencesOf(const Article& a) {
  std::vector<Span> out;
  for (const Sentence& s : a.sentences) out.push_back(s.span);
  if (!out.empty()) return out;
  // no sentence layer: lines, cut after ". " before a capital
  uint32_t b = 0;
  const std::string& t = a.text;
  for (uint32_t i = 0; i <= t.size(); ++i) {
    bool end = i == t.size() || t[i] == '\n' ||
               ((t[i] == '.' || t[i] == '!' || t[i] == '?') && i + 2 < t.size() && t[i + 1] == ' ' &&
                std::isupper(static_cast<unsigned char>(t[i + 2])));
    if (!end) continue;
    uint32_t e = i < t.size() && t[i] != '\n' ? i + 1 : i;
    if (e > b) out.push_back({b, e});
    b = i + 1;
  }
  return out;
}

// Without the quotes, dashes and punctuation a clause cut from a sentence keeps at its ends.
std::string_view Trim(std::string_view s) {
  static constexpr std::string_view kJunk[] = {" ", "\t", "\n", "\"", "'", ",", ";", ":", "-",
                                               "“", "”", "«", "»", "‘", "’", "–", "—"};
  for (bool again = true; again && !s.empty();) {
    again = false;
    for (std::string_view j : kJunk) {
      if (s.starts_with(j)) s.remove_prefix(j.size()), again = true;
      if (s.ends_with(j)) s.remove_suffix(j.size()), again = true;
    }
  }
  return s;
}

// Where the text after the last full stop ('.', '!', '?', '…', a closing quote after one) in
// s[from, to) begins, or `from` when there is none.
size_t AfterLastStop(std::string_view s, size_t from, size_t to) {
  static constexpr std::string_view kStops[] = {". ", "! ", "? ", "… ", ".” ", "…” ", ".\" ", "!” ", "?” "};
  size_t best = from;
  for (std::string_view stop : kStops)
    for (size_t at = s.find(stop, from); at != std::string_view::npos && at + stop.size() <= to;
         at = s.find(stop, at + 1))
      best = std::max(best, at + stop.size());
  return best;
}

// The sentence, or when it runs long the comma-delimited clauses around the date, widened
// until it says something (at least ~80 bytes) and cut at a word boundary.
std::string Shorten(std::string_view text, Span sentence, Span at) {
  std::string_view s = text.substr(sentence.begin, sentence.size());
  if (s.size() <= kMaxWhat) return std::string(Trim(s));
  size_t rel = at.begin - sentence.begin;
  std::vector<size_t> cuts = {0};
  for (size_t i = 0; i + 1 < s.size(); ++i)
    if ((s[i] == ',' || s[i] == ';') && s[i + 1] == ' ') cuts.push_back(i + 1);
  cuts.push_back(s.size());
  size_t k = 0;
  while (k + 1 < cuts.size() && cuts[k + 1] <= rel) ++k;
  size_t b = cuts[k], e = cuts[std::min(k + 1, cuts.size() - 1)];
  size_t lo = k, hi = std::min(k + 1, cuts.size() - 1);
  while (e - b < 80 && (lo > 0 || hi + 1 < cuts.size())) {
    if (hi + 1 < cuts.size()) e = cuts[++hi];
    else b = cuts[--lo];
  }
  // still too long: start at the last sentence end before the date, so that the words kept
  // are those nearest to it ("... with every tide…” Quoted from the interview of 14 May 2021")
  if (e - b > kMaxWhat) b = std::max(b, AfterLastStop(s, b, rel));
  std::string_view clause = s.substr(b, e - b);
  std::string out(Trim(clause));
  if (out.size() > kMaxWhat) {
    size_t cut = out.rfind(' ', kMaxWhat - 3);
    out = out.substr(0, cut == std::string::npos ? kMaxWhat - 3 : cut) + "...";
  }
  return out;
}

std::unordered_set<std::string> Words(std::string_view s) {
  static const std::unordered_set<std::string> kStop = {
      "that", "this", "with", "from", "will", "have", "been", "were", "their", "there", "about",
      "would", "which", "when", "what", "into", "also", "said", "says", "they", "them", "than",
      "during", "after", "before", "monday", "tuesday", "wednesday", "thursday", "friday",
      "saturday", "sunday", "today", "yesterday", "tomorrow"};
  std::unordered_set<std::string> out;
  std::string w;
  auto flush = [&] {
    if (w.size() >= 4 && !kStop.count(w)) out.insert(w.size() > 6 ? w.substr(0, 6) : w);
    w.clear();
  };
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) || (unsigned char)c >= 0x80) w += char(std::tolower((unsigned char)c));
    else flush();
  }
  flush();
  return out;
}

// Two tellings of one event: enough of the shorter one's words in the other.
bool SameTelling(const std::unordered_set<std::string>& a, const std::unordered_set<std::string>& b) {
  size_t shared = 0;
  for (const auto& w : a) shared += b.count(w);
  size_t smaller = std::min(a.size(), b.size());
  return shared >= 2 && shared * 3 >= smaller;
}

struct Candidate {
  TimelineEvent event;
  std::unordered_set<std::string> words;
  std::string from, to;  // the window, for the outlook (months or days)
};

// Merge candidates into events: same day (or overlapping window) and the same telling.
std::vector<TimelineEvent> Merge(std::vector<Candidate> cands) {
  std::stable_sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
    return a.from != b.from ? a.from < b.from : a.to < b.to;
  });
  std::vector<Candidate> merged;
  for (Candidate& c : cands) {
    Candidate* into = nullptr;
    for (Candidate& m : merged)
      if (c.from <= m.to && m.from <= c.to && (c.from == m.from || c.event.tense == Tense::kFuture) &&
          (SameTelling(c.words, m.words) || (c.event.tense == Tense::kFuture &&
                                             c.event.sources[0].article == m.event.sources[0].article))) {
        into = &m;
        break;
      }
    if (!into) {
      merged.push_back(std::move(c));
      continue;
    }
    for (auto& s : c.event.sources) {
      bool known = false;
      for (auto& t : into->event.sources) known |= t.article == s.article && t.quote == s.quote;
      if (!known) into->event.sources.push_back(std::move(s));
    }
    into->words.insert(c.words.begin(), c.words.end());
    into->from = std::min(into->from, c.from);
    into->to = std::max(into->to, c.to);
    into->event.report = into->event.report && c.event.report;
  }
  std::vector<TimelineEvent> out;
  for (Candidate& m : merged) {
    m.event.when = m.from == m.to ? m.from : m.from + "/" + m.to;
    out.push_back(std::move(m.event));
  }
  return out;
}

// A date written as a numeric stamp closing its line ("... an interview” 19.12.2022, 10:15.
// https://..."; "Harbour Times, 03.04.2021") dates the text it ends, a byline or a credit,
// not an event the text tells of. Only a time and a web address may follow it.
bool IsDateStamp(std::string_view text, Span at) {
  auto stamp_char = [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '/' || c == '-' || c == ':' || c == ',' || c == ' ';
  };
  std::string_view date = text.substr(at.begin, at.end - at.begin);
  if (!std::all_of(date.begin(), date.end(), stamp_char)) return false;
  size_t end = text.find('\n', at.end);
  std::string_view rest = text.substr(at.end, end == std::string_view::npos ? std::string_view::npos : end - at.end);
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest.substr(i).starts_with("http://") || rest.substr(i).starts_with("https://")) {
      i = std::min(rest.find(' ', i), rest.size());  // the address, to its end
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(rest[i]))) return false;
  }
  return true;
}

// The article's candidates: its report, its dated sentences, its forecasts (one window per
// sentence: "repairs may start in May, or in June at the latest" is 2023-05/2023-06).
void CandidatesOf(const Article& a, const DateTime& anchor, const std::string& dated_by,
                  std::vector<Candidate>& past, std::vector<Candidate>& ahead) {
  std::vector<Span> sentences = SentencesOf(a);
  auto sentence_of = [&](Span s) -> size_t {
    for (size_t i = 0; i < sentences.size(); ++i)
      if (sentences[i].begin <= s.begin && s.begin < sentences[i].end) return i;
    return SIZE_MAX;
  };
  auto source = [&](std::string quote, std::string when_text) {
    return TimelineSource{a.id, a.outlet, std::move(quote), std::move(when_text)};
  };
  std::vector<Timex> times = FindTimexes(a.text, anchor);
  if (anchor.precision >= Precision::kDay && !sentences.empty()) {
    // the title, else the first of the opening sentences that names no other day (a lead
    // that dates an earlier event is that event's, not the report's)
    std::string day = anchor.Iso().substr(0, 10);
    size_t lead = 0;
    for (size_t k = 0; k < std::min<size_t>(3, sentences.size()); ++k) {
      bool other_day = false;
      for (const Timex& t : times)
        other_day |= sentence_of(t.span) == k && IsDay(t.value) && t.value.substr(0, 10) != day;
      if (!other_day) {
        lead = k;
        break;
      }
    }
    std::string what = a.title.empty() ? Shorten(a.text, sentences[lead], sentences[lead]) : a.title;
    Candidate c;
    c.event.what = what;
    c.event.report = true;
    c.event.sources.push_back(source(what, dated_by));
    c.words = Words(what);
    c.from = c.to = anchor.Iso().substr(0, 10);
    past.push_back(std::move(c));
  }
  std::vector<std::pair<size_t, std::string>> seen;  // (sentence, day) already taken
  for (size_t i = 0; i < times.size(); ++i) {
    const Timex& t = times[i];
    if (t.type != "DATE" && t.type != "TIME") continue;
    size_t si = sentence_of(t.span);
    if (si == SIZE_MAX) continue;
    std::string words(a.Text(t.span));
    if (t.tense == Tense::kFuture) {
      std::string from = MonthOf(t.value);
      if (from.empty()) continue;
      std::string to = from;
      std::string when_words = words;
      // the sentence's other forecast times widen the window
      while (i + 1 < times.size() && sentence_of(times[i + 1].span) == si &&
             times[i + 1].tense == Tense::kFuture && !MonthOf(times[i + 1].value).empty()) {
        ++i;
        std::string m = MonthOf(times[i].value);
        from = std::min(from, m), to = std::max(to, m);
        when_words += ", " + std::string(a.Text(times[i].span));
      }
      // a single day keeps its day; a window is told in months
      if (from == to && IsDay(t.value)) from = to = t.value.substr(0, 10);
      // a "plan" for a day already come is a misread tense, not a forecast
      if (anchor.precision >= Precision::kDay && to <= anchor.Iso().substr(0, to.size())) continue;
      Candidate c;
      c.event.what = Shorten(a.text, sentences[si], t.span);
      c.event.tense = Tense::kFuture;
      c.event.sources.push_back(source(c.event.what, when_words));
      c.words = Words(c.event.what);
      c.from = from, c.to = to;
      ahead.push_back(std::move(c));
      continue;
    }
    if (!IsDay(t.value) || IsDateStamp(a.text, t.span)) continue;
    // "until today", "since Monday", "by December 1" bound a stretch; they date no event
    std::string_view before = std::string_view(a.text).substr(0, t.span.begin);
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    size_t word = before.find_last_of(" \n");
    std::string_view prev = before.substr(word == std::string_view::npos ? 0 : word + 1);
    if (prev == "until" || prev == "Until" || prev == "since" || prev == "Since" || prev == "by") continue;
    std::string day = t.value.substr(0, 10);
    if (std::find(seen.begin(), seen.end(), std::make_pair(si, day)) != seen.end()) continue;
    seen.emplace_back(si, day);
    Candidate c;
    c.event.what = Shorten(a.text, sentences[si], t.span);
    c.event.sources.push_back(source(c.event.what, words));
    c.words = Words(c.event.what);
    c.from = c.to = day;
    past.push_back(std::move(c));
  }
}

}  // namespace

Timeline BuildTimeline(std::span<const Article> articles) {
  Timeline out;
  std::vector<DateTime> stated;
  for (const Article& a : articles)
    if (a.published.when.precision >= Precision::kDay) stated.push_back(a.published.when);
  std::vector<Candidate> past, ahead;
  for (const Article& a : articles) {
    DateTime anchor = a.published.when;
    // the hour too when the source gives it: two items of one day told apart ("published 21:40")
    std::string dated_by = anchor.precision >= Precision::kMinute ? "published " + anchor.Iso().substr(11, 5) : "published";
    if (anchor.precision < Precision::kDay) {
      if (auto inferred = InferPublicationTime(a, stated)) {
        anchor = inferred->when;
        dated_by = "published (inferred: " + inferred->evidence.detail + ")";
        out.inferred_dates.emplace_back(a.id, *inferred);
      }
    }
    CandidatesOf(a, anchor, dated_by, past, ahead);
  }
  out.events = Merge(std::move(past));
  std::vector<TimelineEvent> outlook = Merge(std::move(ahead));
  // A plan for a day the story has since reported on, told in the same words, belongs with
  // what happened that day (marked as told ahead); the rest stays in the outlook.
  for (TimelineEvent& plan : outlook) {
    TimelineEvent* done = nullptr;
    if (IsDay(plan.when))
      for (TimelineEvent& e : out.events)
        if (e.when == plan.when && SameTelling(Words(e.what), Words(plan.what))) done = &e;
    if (!done) {
      out.outlook.push_back(std::move(plan));
      continue;
    }
    for (TimelineSource& s : plan.sources) {
      s.ahead = true;
      done->sources.push_back(std::move(s));
    }
  }
  return out;
}

}  // namespace sitrep
