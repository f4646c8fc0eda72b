#include <algorithm>
#include <map>

#include "brief/render.h"
#include "util/strings.h"

namespace sitrep::brief {

namespace {

std::string Cite(size_t source) {
  const std::string n = std::to_string(source + 1);
  return "<a class=cite href=\"#source-" + n + "\">" + n + "</a>";
}

constexpr const char* kStyle = R"(
body{font:16px/1.5 Georgia,'Times New Roman',serif;color:#1b1b1b;background:#f6f4ef;margin:0}
main{max-width:860px;margin:0 auto;padding:32px 24px 64px;background:#fff;box-shadow:0 0 24px #0001}
h1{font-size:30px;line-height:1.2;margin:0 0 8px}
h2{font:600 13px/1 system-ui,sans-serif;letter-spacing:.08em;text-transform:uppercase;color:#8a1c1c;
   border-top:2px solid #1b1b1b;padding-top:10px;margin:32px 0 12px}
h3{font:600 16px system-ui,sans-serif;margin:18px 0 6px}
.overview{font:14px system-ui,sans-serif;color:#555}
.summary li{margin-bottom:8px}
.cite{font:600 11px system-ui,sans-serif;vertical-align:super;text-decoration:none;color:#8a1c1c;margin-left:2px}
.actors{display:flex;flex-wrap:wrap;gap:8px;padding:0;list-style:none}
.actors li{font:14px system-ui,sans-serif;border:1px solid #ddd;border-radius:6px;padding:6px 10px}
.actors .type{color:#777;font-size:12px}.actors .roles{display:block;color:#444;font-size:13px}
blockquote{margin:6px 0 10px;padding:4px 12px;border-left:3px solid #8a1c1c;background:#faf8f4}
.chain{display:block;font:12px system-ui,sans-serif;color:#666;margin-top:2px}
table{border-collapse:collapse;width:100%;font:13px system-ui,sans-serif}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e4e4e4;vertical-align:top}
th{color:#555;font-weight:600}
svg text{font:11px system-ui,sans-serif;fill:#333}
.claims li{margin-bottom:12px}.timeline li{margin-bottom:6px}.forecast{color:#6b4f2a}.support{height:6px;background:#eee;border-radius:3px;margin:4px 0;max-width:320px}
.support .bar{display:block;height:6px;background:#2f6f4f;border-radius:3px}
.contested{display:inline-block;font:600 12px system-ui,sans-serif;color:#b3261e;margin-left:8px}
)";

// Days since 1970 of an ISO date's first ten characters; -1 when it is no date.
long DayNumber(const std::string& iso) {
  int y, m, d;
  if (iso.size() < 10 || sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return -1;
  DateTime t;
  t.year = y, t.month = m, t.day = d, t.precision = Precision::kDay;
  return static_cast<long>(t.UnixSeconds() / 86400);
}

// The sources on a line of days: when the story broke and how coverage followed.
std::string SourceChart(const Brief& b) {
  std::map<long, std::vector<size_t>> by_day;
  for (size_t i = 0; i < b.sources.size(); ++i)
    if (long day = DayNumber(b.sources[i].published); day >= 0) by_day[day].push_back(i);
  if (by_day.empty()) return "";
  const long first = by_day.begin()->first, last = by_day.rbegin()->first;
  size_t tallest = 0;
  for (auto& [day, ids] : by_day) tallest = std::max(tallest, ids.size());
  const int width = 800, left = 40, right = 40, row = 22;
  const int height = 40 + static_cast<int>(tallest) * row;
  auto x = [&](long day) {
    return last == first ? width / 2 : left + (day - first) * (width - left - right) / (last - first);
  };
  std::string svg = "<svg role=img aria-label=\"Sources by publication date\" viewBox=\"0 0 " +
                    std::to_string(width) + " " + std::to_string(height) +
                    "\" width=\"100%\"><line x1=\"" + std::to_string(left) + "\" x2=\"" +
                    std::to_string(width - right) + "\" y1=\"" + std::to_string(height - 24) +
                    "\" y2=\"" + std::to_string(height - 24) + "\" stroke=\"#999\"/>";
  for (auto& [day, ids] : by_day) {
    const std::string cx = std::to_string(x(day));
    svg += "<text x=\"" + cx + "\" y=\"" + std::to_string(height - 8) +
           "\" text-anchor=\"middle\">" + EscapeHtml(b.sources[ids[0]].published.substr(0, 10)) +
           "</text>";
    for (size_t k = 0; k < ids.size(); ++k) {
      const Source& s = b.sources[ids[k]];
      const std::string cy = std::to_string(height - 36 - static_cast<int>(k) * row);
      svg += "<circle cx=\"" + cx + "\" cy=\"" + cy + "\" r=\"6\" fill=\"" +
             (s.copy_of.empty() ? "#8a1c1c" : "#c9a3a3") + "\"><title>" +
             EscapeHtml(s.outlet.empty() ? s.title : s.outlet) + "</title></circle>";
      // Labels go on the side with room: right of a dot in the left half, left of it otherwise.
      const bool left_side = x(day) > width / 2;
      svg += "<text x=\"" + std::to_string(x(day) + (left_side ? -10 : 10)) + "\" y=\"" +
             std::to_string(height - 32 - static_cast<int>(k) * row) + "\"" +
             (left_side ? " text-anchor=\"end\"" : "") + ">" +
             std::to_string(ids[k] + 1) + " " + EscapeHtml(s.outlet.empty() ? "unknown outlet" : s.outlet) +
             "</text>";
    }
  }
  return svg + "</svg>";
}

// The first day a TIMEX3-style value covers ("2022-12", "2022-12-19T21:40"), -1 if none.
long FirstDay(const std::string& value) {
  if (value.size() == 7) return DayNumber(value + "-01");
  if (value.size() == 4) return DayNumber(value + "-01-01");
  return DayNumber(value);
}

// The last day of a value: a month's last day for "2023-03".
long LastDay(const std::string& value) {
  if (value.size() == 7) return FirstDay(value) + 27;  // the axis needs no exact month length
  if (value.size() == 4) return FirstDay(value) + 364;
  return FirstDay(value);
}

// Events as dots on a line of days and forecast windows as pale bars above it.
std::string EventChart(const Brief& b) {
  struct Mark { long from, to; bool forecast; std::string label; };
  std::vector<Mark> marks;
  for (const TimelineLine& t : b.timeline) {
    const size_t slash = t.when.find('/');
    const std::string from = t.when.substr(0, slash), to = slash == std::string::npos ? from : t.when.substr(slash + 1);
    if (FirstDay(from) < 0 || LastDay(to) < 0) continue;
    std::string label = t.what.size() > 48 ? t.what.substr(0, t.what.rfind(' ', 48)) + " …" : t.what;
    marks.push_back({FirstDay(from), LastDay(to), t.forecast, label});
  }
  if (marks.empty()) return "";
  long first = marks[0].from, last = marks[0].to;
  for (const Mark& m : marks) first = std::min(first, m.from), last = std::max(last, m.to);
  const int width = 800, left = 20, right = 20, row = 20;
  const int height = 36 + static_cast<int>(marks.size()) * row;
  auto x = [&](long day) {
    return last == first ? width / 2 : left + static_cast<int>((day - first) * (width - left - right) / (last - first));
  };
  std::string svg = "<svg role=img aria-label=\"Timeline\" viewBox=\"0 0 " + std::to_string(width) + " " +
                    std::to_string(height) + "\" width=\"100%\">";
  for (size_t i = 0; i < marks.size(); ++i) {
    const Mark& m = marks[i];
    const int y = 12 + static_cast<int>(i) * row;
    const int x0 = x(m.from), x1 = std::max(x(m.to), x0 + 6);
    svg += m.forecast ? "<rect x=\"" + std::to_string(x0) + "\" y=\"" + std::to_string(y - 6) + "\" width=\"" +
                            std::to_string(x1 - x0) + "\" height=\"12\" rx=\"4\" fill=\"#e8c9a0\"/>"
                      : "<circle cx=\"" + std::to_string(x0) + "\" cy=\"" + std::to_string(y) + "\" r=\"5\" fill=\"#8a1c1c\"/>";
    const bool flip = x0 > width / 2;
    svg += "<text x=\"" + std::to_string(flip ? x0 - 10 : x1 + 8) + "\" y=\"" + std::to_string(y + 4) + "\"" +
           (flip ? " text-anchor=\"end\"" : "") + ">" + EscapeHtml(m.label) + "</text>";
  }
  const int axis = height - 14;
  svg += "<line x1=\"" + std::to_string(left) + "\" x2=\"" + std::to_string(width - right) + "\" y1=\"" +
         std::to_string(axis) + "\" y2=\"" + std::to_string(axis) + "\" stroke=\"#999\"/>";
  for (long day : {first, last}) {
    for (const TimelineLine& t : b.timeline)
      if (FirstDay(t.when.substr(0, t.when.find('/'))) == day || LastDay(t.when.substr(t.when.find('/') + 1)) == day) {
        svg += "<text x=\"" + std::to_string(x(day)) + "\" y=\"" + std::to_string(height - 2) +
               "\" text-anchor=\"" + (day == first ? "start" : "end") + "\">" +
               EscapeHtml(day == first ? t.when.substr(0, t.when.find('/')) : t.when.substr(t.when.find('/') + 1)) + "</text>";
        break;
      }
  }
  return svg + "</svg>";
}

void Timeline(const Brief& b, std::string& h) {
  if (b.timeline.empty()) return;
  h += "<h2>Timeline</h2>" + EventChart(b) + "<ul class=timeline>";
  for (const TimelineLine& t : b.timeline) {
    std::string cites;
    for (size_t s : t.sources) cites += Cite(s);
    h += "<li" + std::string(t.forecast ? " class=forecast" : "") + "><b>" + EscapeHtml(t.when) + "</b> " +
         (t.forecast ? "<span class=contested>forecast</span> " : "") + EscapeHtml(t.what) + cites + "</li>";
  }
  h += "</ul>";
}

void Actors(const Brief& b, std::string& h) {
  if (b.actors.empty()) return;
  h += "<h2>Key actors</h2><ul class=actors>";
  for (const Actor& a : b.actors) {
    h += "<li><b>" + EscapeHtml(a.name) + "</b> <span class=type>" + EscapeHtml(a.type) + " · " +
         std::to_string(a.mentions) + "×</span>";
    if (!a.roles.empty()) {
      h += "<span class=roles>" + EscapeHtml(Join(a.roles, "; ")) + "</span>";
    }
    h += "</li>";
  }
  h += "</ul>";
}

void Quotes(const Brief& b, std::string& h) {
  if (b.quotes.empty()) return;
  h += "<h2>Who said what</h2>";
  std::string speaker;
  for (const QuoteLine& q : b.quotes) {
    if (q.speaker != speaker) h += "<h3>" + EscapeHtml(speaker = q.speaker) + "</h3>";
    std::string chain;
    for (const auto& c : q.chain) chain += (chain.empty() ? "" : " → ") + EscapeHtml(c);
    h += "<blockquote>" + EscapeHtml(q.direct ? "“" + q.text + "”" : q.text) + Cite(q.source) +
         (q.chain.size() > 1 ? "<span class=chain>" + chain + "</span>" : "") + "</blockquote>";
  }
  if (b.quotes_not_shown > 0)
    h += "<p class=more>" + std::to_string(b.quotes_not_shown) + " more statement" +
         (b.quotes_not_shown == 1 ? "" : "s") + ": <code>sitrep quotes --story " + std::to_string(b.story) + "</code></p>";
}

// Which source backs (filled) or denies (ringed) which claim: independence at a glance.
std::string ClaimMatrix(const Brief& b) {
  const int cell = 22, label = 40, top = 24;
  const int width = label + static_cast<int>(b.sources.size()) * cell + 8;
  const int height = top + static_cast<int>(b.claims.size()) * cell + 4;
  std::string svg = "<svg role=img aria-label=\"Sources by claim\" viewBox=\"0 0 " +
                    std::to_string(width) + " " + std::to_string(height) + "\" width=\"" +
                    std::to_string(width) + "\">";
  for (size_t j = 0; j < b.sources.size(); ++j)
    svg += "<text x=\"" + std::to_string(label + static_cast<int>(j) * cell + cell / 2) +
           "\" y=\"14\" text-anchor=\"middle\">" + std::to_string(j + 1) + "</text>";
  for (size_t i = 0; i < b.claims.size(); ++i) {
    const int y = top + static_cast<int>(i) * cell;
    svg += "<text x=\"4\" y=\"" + std::to_string(y + 15) + "\">C" + std::to_string(i + 1) + "</text>";
    for (size_t j = 0; j < b.sources.size(); ++j) {
      const auto& c = b.claims[i];
      const bool backs = std::find(c.for_sources.begin(), c.for_sources.end(), j) != c.for_sources.end();
      const bool denies = std::find(c.against_sources.begin(), c.against_sources.end(), j) != c.against_sources.end();
      const std::string x = std::to_string(label + static_cast<int>(j) * cell + 3);
      std::string fill = backs ? "#2f6f4f" : "#f0eee9";
      svg += "<rect x=\"" + x + "\" y=\"" + std::to_string(y + 3) + "\" width=\"16\" height=\"16\" rx=\"3\" fill=\"" +
             fill + "\"" + (denies ? " stroke=\"#b3261e\" stroke-width=\"3\"" : "") + "/>";
    }
  }
  return svg + "</svg>";
}

void Claims(const Brief& b, std::string& h) {
  if (b.claims.empty()) return;
  h += "<h2>Claims</h2><ol class=claims>";
  size_t most = 1;
  for (const ClaimLine& c : b.claims) most = std::max(most, c.origins);
  for (const ClaimLine& c : b.claims) {
    const std::string who = EscapeHtml(Join(c.asserted_by, ", ")), against = EscapeHtml(Join(c.denied_by, ", "));
    std::string cites;
    for (size_t s : c.for_sources) cites += Cite(s);
    h += "<li><q>" + EscapeHtml(c.wording) + "</q>" + cites + "<div class=support><span class=bar style=\"width:" +
         std::to_string(static_cast<int>(100 * c.origins / most)) + "%\"></span></div><span class=chain>" +
         std::to_string(c.origins) + " independent origin" + (c.origins == 1 ? "" : "s") + " · " +
         std::to_string(c.articles) + " article" + (c.articles == 1 ? "" : "s") +
         (who.empty() ? "" : " · asserted by " + who) + "</span>";
    if (c.contested) h += "<span class=contested>Contested: denied by " + against + "</span>";
    h += "</li>";
  }
  h += "</ol><h3>Sources by claim</h3>" + ClaimMatrix(b) +
       "<p class=chain>Filled: the source backs the claim (C1 is the first above); red ring: it carries a denial.</p>";
}

void Sources(const Brief& b, std::string& h) {
  h += "<h2>Sources</h2>" + SourceChart(b) +
       "<table><tr><th>#</th><th>date</th><th>outlet</th><th>title</th><th>relays</th><th>copy "
       "of</th></tr>";
  for (size_t i = 0; i < b.sources.size(); ++i) {
    const Source& s = b.sources[i];
    const std::string relays = Join(s.relays, ", ");
    std::string copy;
    for (size_t j = 0; j < b.sources.size() && !s.copy_of.empty(); ++j)
      if (b.sources[j].article_id == s.copy_of) copy = std::to_string(j + 1);
    std::string title = EscapeHtml(s.title.empty() ? "(untitled)" : s.title);
    // Only web addresses become links: a "javascript:" URL in a hostile page must not.
    if (s.url.starts_with("http://") || s.url.starts_with("https://")) title = "<a href=\"" + EscapeHtml(s.url) + "\" rel=\"noopener noreferrer\">" + title + "</a>";
    h += "<tr id=\"source-" + std::to_string(i + 1) + "\"><td>" + std::to_string(i + 1) +
         "</td><td>" + (s.inferred_evidence.empty() ? "" : "<span title=\"" + EscapeHtml(s.inferred_evidence) + "\">") +
         EscapeHtml(s.DateShown()) + (s.inferred_evidence.empty() ? "" : "</span>") + "</td><td>" +
         EscapeHtml(s.outlet.empty() ? "unknown" : s.outlet) + "</td><td>" + title + "</td><td>" +
         EscapeHtml(relays) + "</td><td>" + EscapeHtml(copy) + "</td></tr>";
  }
  h += "</table>";
}

}  // namespace

std::string ToHtml(const Brief& b) {
  std::string h = "<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport "
                  "content=\"width=device-width,initial-scale=1\"><title>" +
                  EscapeHtml(b.headline) + "</title><style>" + kStyle + "</style><main><h1>" +
                  EscapeHtml(b.headline) + "</h1><div class=overview>Story " + std::to_string(b.story) +
                  " · " + std::to_string(b.sources.size()) + (b.sources.size() == 1 ? " article · " : " articles · ") +
                  std::to_string(b.outlets) + (b.outlets == 1 ? " named outlet" : " named outlets") +
                  (b.first_seen.empty() ? "" : " · " + EscapeHtml(b.first_seen) +
                                                   (b.last_seen != b.first_seen ? " to " + EscapeHtml(b.last_seen) : "")) +
                  "</div>";
  if (!b.summary.empty()) {
    h += "<h2>Summary</h2><ul class=summary>";
    for (const SummaryLine& s : b.summary) h += "<li>" + EscapeHtml(s.text) + Cite(s.source) + "</li>";
    h += "</ul>";
  }
  Actors(b, h);
  Quotes(b, h);
  Claims(b, h);
  Timeline(b, h);
  if (!b.open_questions.empty()) {
    h += "<h2>Open questions</h2><ul>";
    for (const auto& q : b.open_questions) h += "<li>" + EscapeHtml(q) + "</li>";
    h += "</ul>";
  }
  Sources(b, h);
  return h + "</main></html>\n";
}

}  // namespace sitrep::brief
