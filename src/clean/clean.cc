// Cleaning runs in passes over the lines of the text: characters (NFC, spaces, look-alike
// letters), then what each line is (boilerplate or content), then what the kept lines say
// about the article (dates, URLs, outlets), then paragraphs rebuilt from the lines.
#include "clean/clean.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "clean/boilerplate.h"
#include "clean/text_metadata.h"
#include "clean/unicode_clean.h"

namespace sitrep {

namespace {

struct Line {
  std::string text;       // trimmed, single spaces
  int blanks_before = 0;  // empty lines between this one and the previous non-empty one
  bool indented = false;  // started with two spaces or more (a new paragraph in wrapped text)
  bool removed = false;
};

// Collapses runs of spaces and drops spaces before , ; : . ! ? when a word precedes them
// ("Petrenko  , the" → "Petrenko, the"; `"coin"  .` → `"coin".`).
std::string TidySpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ' ') {
      if (out.empty() || out.back() == ' ') continue;
      size_t j = i;
      while (j < s.size() && s[j] == ' ') ++j;
      const bool before_punct =
          j < s.size() && std::string_view(",;:.!?").find(s[j]) != std::string_view::npos &&
          (j + 1 == s.size() || s[j + 1] == ' ' || s[j + 1] == '\n') &&
          !(s[j] == '.' && j + 1 < s.size() && s[j + 1] == '.');
      if (before_punct) continue;
    }
    out.push_back(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  int blanks = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(start, end - start);
    start = end + 1;
    Line line;
    line.indented = raw.starts_with("  ");
    line.text = TidySpaces(raw);
    if (line.text.empty()) {
      ++blanks;
      continue;
    }
    line.blanks_before = lines.empty() ? 0 : blanks;
    blanks = 0;
    lines.push_back(std::move(line));
  }
  return lines;
}

void Remove(Line& line, const char* why, CleanText& out) {
  line.removed = true;
  out.removed.push_back(std::string(why) + ": " + line.text);
}

// Headline-like: what a link list under "Read also:" is made of.
bool LooksLikeHeadline(const Line& line) {
  return !EndsSentence(line.text) || (line.text.size() <= 160 && CountWords(line.text) <= 25);
}

// Boilerplate lines and the context rules around them.
void RemoveBoilerplate(std::vector<Line>& lines, CleanText& out) {
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].removed) continue;
    const LineKind kind = ClassifyLine(lines[i].text);
    if (kind == LineKind::kContent) continue;
    Remove(lines[i], LineKindName(kind), out);
    if (kind == LineKind::kLinkHeader) {
      // The links listed under the header: bullets, or a few bare headlines.
      for (size_t j = i + 1, n = 0; j < lines.size() && n < 12; ++j, ++n) {
        if (!IsBulletItem(lines[j].text) && !(LooksLikeHeadline(lines[j]) && !EndsSentence(lines[j].text)))
          break;
        Remove(lines[j], "link list", out);
      }
    }
    if (kind == LineKind::kPhotoCredit && lines[i].blanks_before == 0 && i > 0) {
      // A caption sits right above its credit: a short line without a full stop.
      Line& above = lines[i - 1];
      if (!above.removed && CountWords(above.text) <= 8 && !EndsSentence(above.text) && i - 1 > 0)
        Remove(above, "caption", out);
    }
  }
}

// A headline printed twice (scraped pages repeat the title above the body): the later
// copies go, and the first becomes the title when it comes early.
void RemoveDuplicates(std::vector<Line>& lines, CleanText& out) {
  // Each line's first appearance, with how many kept lines came up to it; a hash lookup a
  // line keeps this linear on huge inputs.
  std::unordered_map<std::string_view, size_t> first_seen;
  size_t kept_seen = 0;
  for (Line& line : lines) {
    if (line.removed) continue;
    if (line.text.size() < 12) {
      ++kept_seen;
      continue;
    }
    auto [it, fresh] = first_seen.try_emplace(line.text, kept_seen + 1);
    if (fresh) {
      ++kept_seen;
      continue;
    }
    const std::string_view first = it->first;  // the kept line's text, not this copy's
    Remove(line, "duplicate", out);
    if (out.title.empty() && it->second <= 3 && !EndsSentence(first)) out.title = std::string(first);
  }
}

struct DateCandidate {
  DateMention date;
  std::string detail;
  int rank;  // 3 marked, 2 dateline at the start, 1 elsewhere
};

// Dates, URLs and outlets from the kept lines; strips the metadata that is not prose
// (credit URLs, a leading "date 2022-12-20", a date stamp after a headline).
void CollectMetadata(std::vector<Line>& lines, CleanText& out) {
  std::vector<DateCandidate> dates;
  bool first = true;
  size_t last_kept = lines.size();
  for (size_t i = 0; i < lines.size(); ++i)
    if (!lines[i].removed) last_kept = i;
  for (size_t i = 0; i < lines.size(); ++i) {
    Line& line = lines[i];
    if (line.removed) continue;
    // URLs: a credit at a line's end goes to the metadata; the text's last one is its own.
    std::vector<UrlMention> urls = FindUrls(line.text);
    for (auto it = urls.rbegin(); it != urls.rend(); ++it) {
      if (!IsCreditUrl(line.text, *it)) continue;
      const bool own = i == last_kept && it == urls.rbegin();
      if (own) {
        out.url = it->url;
        out.outlet = it->host;
      }
      out.removed.push_back("source URL: " + it->url);
      // "Excerpted from ... <url>": the text relays that site.
      static const std::string_view kCredits[] = {"xcerpted from", "dapted from", "eprinted from",
                                                  "republished from", "riginally published"};
      bool credited = !own;
      for (std::string_view c : kCredits) credited |= line.text.find(c) != std::string::npos;
      if (credited) AddRelay(out.relays, it->host);
      line.text = TidySpaces(line.text.substr(0, it->begin) + line.text.substr(it->end));
    }
    // Dates.
    std::vector<DateMention> found = FindDates(line.text);
    for (const DateMention& d : found) {
      const bool dateline = first && (d.begin < 40 || !EndsSentence(line.text));
      // A bare day in the body is usually an event's ("through December 31, 1986"); a
      // stamp with a time is a publication's.
      if (!d.marked && !dateline && d.when.precision < Precision::kMinute) continue;
      dates.push_back({d, line.text.substr(d.begin, d.end - d.begin), d.marked ? 3 : dateline ? 2 : 1});
    }
    // "date 2022-12-20 The council ...": a marked date that opens the line.
    if (!found.empty() && found.front().marked && found.front().begin == 0) {
      out.removed.push_back("date: " + line.text.substr(0, found.front().end));
      line.text = TidySpaces(line.text.substr(found.front().end));
      found = FindDates(line.text);  // offsets moved
    }
    if (!found.empty() && found.back().end == line.text.size() && found.back().begin > 0 &&
        !EndsSentence(line.text.substr(0, found.back().begin))) {
      // "<headline> 19.12.2022 21:40": a date stamp after a headline.
      out.removed.push_back("date: " + line.text.substr(found.back().begin));
      line.text = TidySpaces(line.text.substr(0, found.back().begin));
    }
    if (line.text.empty()) line.removed = true;
    FindOutlets(line.text, &out.outlet, &out.relays);
    first = false;
  }
  if (dates.empty()) return;
  // The best: a marked date, then a dateline, then the latest with a time.
  auto better = [](const DateCandidate& a, const DateCandidate& b) {
    if (a.rank != b.rank) return a.rank > b.rank;
    if (a.rank == 3 || a.rank == 2) return false;  // the first one of its rank
    return a.date.when.UnixSeconds() > b.date.when.UnixSeconds();
  };
  const DateCandidate* best = &dates.front();
  for (const DateCandidate& d : dates)
    if (better(d, *best)) best = &d;
  out.published.when = best->date.when;
  out.published.evidence = {"text", best->detail};
  const bool timed = best->date.when.precision >= Precision::kMinute;
  out.published.confidence = best->rank == 3 ? 0.9f : best->rank == 2 ? (timed ? 0.7f : 0.6f) : 0.5f;
}

// Text hard-wrapped at a fixed width (wire copy: lines of ~65 characters, paragraphs
// marked by indentation or blank lines), where a line break is not a paragraph break.
bool IsHardWrapped(const std::vector<Line>& lines) {
  size_t content = 0, short_lines = 0, open_breaks = 0, breaks = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].removed) continue;
    ++content;
    short_lines += lines[i].text.size() <= 90;
    if (i + 1 < lines.size() && lines[i + 1].blanks_before == 0 && !lines[i + 1].indented) {
      ++breaks;
      open_breaks += !EndsSentence(lines[i].text);
    }
  }
  return content >= 5 && short_lines * 10 >= content * 8 && breaks >= 3 && open_breaks * 2 >= breaks;
}

// Whether `next` continues the paragraph that `prev` ends: a line cut mid-sentence, as
// scraped text often breaks one across blank lines ("believes that\n\nthe mayor will ...").
bool Continues(const std::string& prev, const Line& next, bool hard_wrapped) {
  if (IsBulletItem(next.text)) return false;
  if (hard_wrapped && next.blanks_before == 0 && !next.indented) return true;
  if (EndsSentence(prev)) return false;
  return StartsContinuation(next.text) || EndsMidPhrase(prev);
}

void AppendJoined(std::string& paragraph, std::string_view next) {
  // "well-" + "known": a word hyphenated at the line end.
  const bool hyphen = paragraph.size() >= 2 && paragraph.back() == '-' && paragraph[paragraph.size() - 2] != ' ' &&
                      !next.empty() && next[0] >= 'a' && next[0] <= 'z';
  const bool punct = !next.empty() && std::string_view(",;:.)").find(next[0]) != std::string_view::npos;
  if (!hyphen && !punct) paragraph += ' ';
  paragraph += next;
}

std::vector<std::string> BuildParagraphs(const std::vector<Line>& lines, CleanText& out) {
  const bool wrapped = IsHardWrapped(lines);
  std::vector<std::string> paragraphs;
  std::vector<bool> joined;
  for (const Line& line : lines) {
    if (line.removed) continue;
    if (!paragraphs.empty() && Continues(paragraphs.back(), line, wrapped)) {
      AppendJoined(paragraphs.back(), line.text);
      joined.back() = true;
    } else {
      paragraphs.push_back(line.text);
      joined.push_back(false);
    }
  }
  // A short line cut mid-phrase that nothing continued is a truncated fragment.
  std::vector<std::string> kept;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    std::string p = TidySpaces(paragraphs[i]);
    if (!joined[i] && CountWords(p) <= 12 && EndsMidPhrase(p)) {
      out.removed.push_back("fragment: " + p);
      continue;
    }
    kept.push_back(std::move(p));
  }
  return kept;
}

}  // namespace

CleanText Clean(std::string_view raw) {
  CleanText out;
  std::string text = NormalizeUnicode(raw);
  std::vector<std::string> examples;
  if (size_t n = RepairLookalikes(text, &examples); n > 0) {
    std::string warning = "look-alike letters from another script repaired (" + std::to_string(n) + "):";
    for (const std::string& e : examples) warning += " " + e + ";";
    warning.pop_back();
    out.warnings.push_back(warning);
  }
  std::vector<Line> lines = SplitLines(text);
  RemoveBoilerplate(lines, out);
  RemoveDuplicates(lines, out);
  CollectMetadata(lines, out);
  for (std::string& p : BuildParagraphs(lines, out)) {
    if (!out.text.empty()) out.text += "\n\n";
    const auto begin = static_cast<uint32_t>(out.text.size());
    out.text += p;
    out.paragraphs.push_back({begin, static_cast<uint32_t>(out.text.size())});
  }
  return out;
}

}  // namespace sitrep
