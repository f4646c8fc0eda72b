#include "brief/render.h"
#include "util/strings.h"

namespace sitrep::brief {

namespace {


// Pipes and line breaks would break a Markdown table row.
std::string Cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

std::string Cite(size_t source) { return "[" + std::to_string(source + 1) + "]"; }

std::string Overview(const Brief& b) {
  std::string line = "Story " + std::to_string(b.story) + " · " +
                     std::to_string(b.sources.size()) + " article" +
                     (b.sources.size() == 1 ? "" : "s") + " · " + std::to_string(b.outlets) +
                     " named outlet" + (b.outlets == 1 ? "" : "s");
  if (b.copies) line += " · " + std::to_string(b.copies) + " cop" + (b.copies == 1 ? "y" : "ies");
  if (!b.first_seen.empty())
    line += " · " + b.first_seen + (b.last_seen != b.first_seen ? " to " + b.last_seen : "");
  return line;
}

void Actors(const Brief& b, const std::string& h2, std::string& md) {
  if (b.actors.empty()) return;
  md += h2 + " Key actors\n\n";
  for (const Actor& a : b.actors) {
    md += "- **" + a.name + "** (" + a.type + ")";
    if (!a.roles.empty()) md += ": " + Join(a.roles, "; ");
    std::vector<std::string> others;
    for (const auto& v : a.variants)
      if (v != a.name) others.push_back(v);
    if (!others.empty()) md += "; also " + Join(others, ", ");
    md += " — " + std::to_string(a.mentions) + " mention" + (a.mentions == 1 ? "" : "s") +
          " in " + std::to_string(a.articles) + " article" + (a.articles == 1 ? "" : "s") + "\n";
  }
  md += "\n";
}

void Quotes(const Brief& b, const std::string& h2, std::string& md) {
  if (b.quotes.empty()) return;
  md += h2 + " Who said what\n\n";
  std::string speaker;
  for (const QuoteLine& q : b.quotes) {
    if (q.speaker != speaker) {
      if (!speaker.empty()) md += "\n";
      speaker = q.speaker;
      md += h2 + "# " + speaker + "\n\n";
    }
    md += "- " + (q.direct ? "“" + q.text + "”" : q.text);
    if (q.chain.size() > 1) md += " — " + Join(q.chain, " → ");
    md += " " + Cite(q.source) + "\n";
  }
  if (b.quotes_not_shown > 0)
    md += "\n" + std::to_string(b.quotes_not_shown) + " more statement" + (b.quotes_not_shown == 1 ? "" : "s") +
          ": `sitrep quotes --story " + std::to_string(b.story) + "`\n";
  md += "\n";
}

std::string Cites(const std::vector<size_t>& sources) {
  std::string out;
  for (size_t s : sources) out += Cite(s);
  return out;
}

void Claims(const Brief& b, const std::string& h2, std::string& md) {
  if (b.claims.empty()) return;
  md += h2 + " Claims\n\n";
  for (const ClaimLine& c : b.claims) {
    md += "- **“" + c.wording + "”** — " + std::to_string(c.origins) + " independent origin" +
          (c.origins == 1 ? "" : "s") + ", " + std::to_string(c.articles) + " article" +
          (c.articles == 1 ? "" : "s");
    if (!c.asserted_by.empty()) md += "; asserted by " + Join(c.asserted_by, ", ");
    md += " " + Cites(c.for_sources);
    if (c.contested) md += "; **contested**: denied by " + Join(c.denied_by, ", ") + " " + Cites(c.against_sources);
    md += "\n";
  }
  md += "\n";
}

void Timeline(const Brief& b, const std::string& h2, std::string& md) {
  if (b.timeline.empty()) return;
  md += h2 + " Timeline\n\n";
  bool outlook = false;
  for (const TimelineLine& t : b.timeline) {
    if (t.forecast && !outlook) md += "\nPlans and forecasts (not events):\n\n", outlook = true;
    md += "- **" + t.when + "** " + t.what + " " + Cites(t.sources) + "\n";
  }
  md += "\n";
}

void Sources(const Brief& b, const std::string& h2, std::string& md) {
  md += h2 + " Sources\n\n| # | date | outlet | title | relays | copy of |\n|---|---|---|---|---|---|\n";
  for (size_t i = 0; i < b.sources.size(); ++i) {
    const Source& s = b.sources[i];
    std::string copy;
    for (size_t j = 0; j < b.sources.size() && !s.copy_of.empty(); ++j)
      if (b.sources[j].article_id == s.copy_of) copy = Cite(j);
    md += "| " + std::to_string(i + 1) + " | " + s.DateShown() +
          " | " + Cell(s.outlet.empty() ? "unknown" : s.outlet) + " | " + Cell(s.title) + " | " +
          Cell(Join(s.relays, ", ")) + " | " + (copy.empty() ? s.copy_of.substr(0, 8) : copy) +
          " |\n";
  }
  md += "\n";
}

}  // namespace

std::string ToMarkdown(const Brief& b, int level) {
  const std::string h2(level + 1, '#');
  std::string md = std::string(level, '#') + " " + b.headline + "\n\n" + Overview(b) + "\n\n";
  if (!b.summary.empty()) {
    md += h2 + " Summary\n\n";
    for (const SummaryLine& s : b.summary) md += "- " + s.text + " " + Cite(s.source) + "\n";
    md += "\n";
  }
  Actors(b, h2, md);
  Quotes(b, h2, md);
  Claims(b, h2, md);
  Timeline(b, h2, md);
  Sources(b, h2, md);
  if (!b.open_questions.empty()) {
    md += h2 + " Open questions\n\n";
    for (const auto& q : b.open_questions) md += "- " + q + "\n";
    md += "\n";
  }
  return md;
}

}  // namespace sitrep::brief
