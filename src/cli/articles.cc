// sitrep articles / show / search: look at what the store holds.
#include <cstdio>

#include "cli/commands.h"
#include "cli/output.h"

namespace sitrep::cli {

namespace {

std::string Clip(std::string s, size_t n) {
  if (s.size() <= n) return s;
  size_t cut = n;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return s.substr(0, cut) + "…";
}

void PrintSummaryLine(const ArticleSummary& a) {
  printf("%s  %-10.10s  %-20s  %s\n", a.id.c_str(),
         a.published.empty() ? "-" : a.published.c_str(),
         Clip(a.outlet.empty() ? "-" : a.outlet, 20).c_str(),
         Clip(a.title.empty() ? a.origin : a.title, 90).c_str());
}

}  // namespace

void AddArticles(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("articles", "List stored articles, oldest first");
  static size_t limit = 100, offset = 0;
  AddDbOption(cmd, g);
  cmd->add_flag("--json", g.json, "Print JSON");
  cmd->add_option("--limit", limit, "At most this many")->capture_default_str();
  cmd->add_option("--offset", offset, "Skip this many")->capture_default_str();
  cmd->callback([&g] {
    auto store = Store::Open(g.db);
    auto list = store->List(limit, offset);
    if (g.json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& a : list) out.push_back(ToJson(a));
      printf("%s\n", nlohmann::json{{"total", store->Count()}, {"articles", out}}.dump(2).c_str());
      return;
    }
    for (const auto& a : list) PrintSummaryLine(a);
  });
}

void AddShow(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("show", "Print one article with its metadata and clean text");
  static std::string id;
  static bool layers = false;
  cmd->add_option("id", id, "Article id or a unique prefix of it")->required();
  AddDbOption(cmd, g);
  cmd->add_flag("--json", g.json, "Print JSON");
  cmd->add_flag("--layers", layers, "With --json: include paragraph, sentence and token spans");
  cmd->callback([&g] {
    auto store = Store::Open(g.db);
    auto article = store->Get(id);
    if (!article) {
      fprintf(stderr, "sitrep: no article with id '%s'\n", id.c_str());
      ExitCode() = 1;
      return;
    }
    if (g.json) printf("%s\n", ToJson(*article, layers).dump(2).c_str());
    else printf("%s", ToMarkdown(*article).c_str());
  });
}

void AddSearch(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("search", "Full-text search over titles and text, best first");
  static std::string query;
  static size_t limit = 20, offset = 0;
  cmd->add_option("query", query, "Words (all must match, else any), or FTS5 syntax (PostgreSQL: websearch_to_tsquery syntax)")->required();
  AddDbOption(cmd, g);
  cmd->add_flag("--json", g.json, "Print JSON");
  cmd->add_option("--limit", limit, "At most this many")->capture_default_str();
  cmd->add_option("--offset", offset, "Skip this many")->capture_default_str();
  cmd->callback([&g] {
    auto store = Store::Open(g.db);
    auto hits = store->Search(query, limit, offset);
    if (g.json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& h : hits) {
        nlohmann::json j = ToJson(h.article);
        j["snippet"] = h.snippet;
        j["score"] = h.score;
        out.push_back(j);
      }
      printf("%s\n", nlohmann::json{{"query", query}, {"hits", out}}.dump(2).c_str());
      return;
    }
    for (const auto& h : hits) {
      PrintSummaryLine(h.article);
      printf("    %s\n", h.snippet.c_str());
    }
    if (hits.empty()) fprintf(stderr, "no matches\n");
  });
}

}  // namespace sitrep::cli
