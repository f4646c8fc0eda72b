#include "cli/output.h"

#include <fstream>

#include "cli/commands.h"

namespace sitrep::cli {

int& ExitCode() {
  static int code = 0;
  return code;
}

void AddDbOption(CLI::App* cmd, Globals& g) {
  cmd->add_option("--db", g.db, "Store: an SQLite file, or postgresql://... (a PostgreSQL server)")
      ->capture_default_str();
}

std::optional<StoryArticles> ReadStoryOrSay(const std::string& db, StoryId id) {
  auto story = Store::Open(db)->ReadStory(id);
  if (!story) {
    fprintf(stderr, "sitrep: no story %u in %s\n", id, Store::Name(db).c_str());
    ExitCode() = 1;
  }
  return story;
}

std::string Headline(const Article& a) {
  if (!a.title.empty()) return a.title;
  if (a.sentences.empty()) return "(untitled)";
  std::string first(a.Text(a.sentences.front().span));
  if (first.size() > 100) {
    size_t cut = first.rfind(' ', 100);
    first = first.substr(0, cut == std::string::npos ? 100 : cut) + " …";
  }
  return "(untitled) " + first;
}

namespace {

nlohmann::json SpansJson(const std::vector<Span>& spans) {
  nlohmann::json out = nlohmann::json::array();
  for (const Span& s : spans) out.push_back({s.begin, s.end});
  return out;
}
}  // namespace

nlohmann::json ToJson(const ArticleSummary& a) {
  return {{"id", a.id},       {"url", a.url},       {"outlet", a.outlet}, {"title", a.title},
          {"published", a.published}, {"origin", a.origin}, {"chars", a.chars}};
}

nlohmann::json ToJson(const StorySummary& s) {
  return {{"id", s.id},           {"label", s.label},           {"articles", s.articles},
          {"outlets", s.outlets}, {"copies", s.copies},         {"first_seen", s.first_seen},
          {"last_seen", s.last_seen}};
}

nlohmann::json ToJson(const StoryArticles& story, const claims::Claim& c) {
  nlohmann::json statements = nlohmann::json::array();
  for (const auto& s : c.statements) {
    const Article& a = story.articles[s.article];
    statements.push_back({{"text", s.text}, {"speaker", s.speaker}, {"stance", claims::StanceName(s.stance)},
                          {"article", a.id}, {"outlet", a.outlet}, {"chain", s.chain},
                          {"origin", s.origin}, {"span", {s.span.begin, s.span.end}}, {"why", s.why}});
  }
  return {{"wording", c.wording}, {"statements", statements}, {"articles", c.articles},
          {"outlets", c.outlets}, {"independent_origins", c.origins}, {"denials", c.against},
          {"contested", c.contested}};
}

nlohmann::json ToJson(const Article& a, bool layers) {
  nlohmann::json j = {
      {"id", a.id},
      {"url", a.url},
      {"outlet", a.outlet},
      {"title", a.title},
      {"byline", a.byline},
      {"language", a.language},
      {"published",
       {{"value", a.published.when.Iso()},
        {"source", a.published.evidence.source},
        {"evidence", a.published.evidence.detail},
        {"confidence", a.published.confidence}}},
      {"relays", a.relays},
      {"origin", a.origin},
      {"format", a.format},
      {"warnings", a.warnings},
      {"text", a.text},
      {"counts",
       {{"paragraphs", a.paragraphs.size()},
        {"sentences", a.sentences.size()},
        {"tokens", a.tokens.size()}}},
  };
  if (layers) {
    j["paragraphs"] = SpansJson(a.paragraphs);
    nlohmann::json sentences = nlohmann::json::array();
    for (const Sentence& s : a.sentences) sentences.push_back({s.span.begin, s.span.end, s.paragraph});
    j["sentences"] = sentences;
    j["tokens"] = SpansJson(a.tokens);
  }
  return j;
}

std::string ToMarkdown(const Article& a, int level) {
  std::string md = std::string(level, '#') + " " + Headline(a) + "\n\n";
  auto line = [&](const char* key, const std::string& value) {
    if (!value.empty()) md += std::string("- **") + key + "**: " + value + "\n";
  };
  line("id", a.id);
  line("outlet", a.outlet.empty() ? "unknown" : a.outlet);
  std::string date = a.published.when.known() ? a.published.when.Iso() : "unknown";
  if (!a.published.evidence.source.empty()) {
    date += " (from " + a.published.evidence.source;
    if (!a.published.evidence.detail.empty()) date += ": \"" + a.published.evidence.detail + "\"";
    date += ")";
  }
  line("published", date);
  line("url", a.url);
  line("byline", a.byline);
  line("language", a.language);
  std::string relays;
  for (const auto& r : a.relays) relays += (relays.empty() ? "" : ", ") + r;
  line("relays", relays);
  line("source", a.origin);
  line("size", std::to_string(a.paragraphs.size()) + " paragraphs, " +
                   std::to_string(a.sentences.size()) + " sentences, " +
                   std::to_string(a.tokens.size()) + " tokens");
  for (const auto& w : a.warnings) line("warning", w);
  md += "\n" + a.text + "\n";
  return md;
}

std::string JsonField(const nlohmann::json& row, const std::string& name) {
  auto it = row.find(name);
  if (it == row.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

void ForEachJsonLine(const std::string& path,
                     const std::function<void(const nlohmann::json&, size_t)>& row) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  size_t line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto object = nlohmann::json::parse(line, nullptr, false);
    if (object.is_discarded() || !object.is_object())
      throw std::runtime_error(path + ":" + std::to_string(line_no) + ": not a JSON object");
    row(object, line_no);
  }
}

}  // namespace sitrep::cli
