// sitrep report PATH...: the main job. Ingests into a temporary store (or --db) and prints
// the brief of every story the articles read sit in.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <algorithm>

#include "brief/render.h"
#include "cli/commands.h"
#include "cli/ingest_options.h"
#include "cli/output.h"

namespace sitrep::cli {

namespace {

// A store file that disappears with the command, for a report without --db.
class TemporaryStore {
 public:
  TemporaryStore() {
    auto dir = std::filesystem::temp_directory_path();
    path_ = (dir / ("sitrep-report-" + std::to_string(getpid()) + ".db")).string();
  }
  ~TemporaryStore() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The stories the ingested articles sit in, in the order they first appear.
std::vector<StoryId> StoriesOf(Store& store, const std::vector<std::string>& ids) {
  std::vector<StoryId> order;
  for (const std::string& id : ids) {
    auto p = store.PlacementOf(id);
    if (p && std::find(order.begin(), order.end(), p->story.story) == order.end())
      order.push_back(p->story.story);
  }
  return order;
}

}  // namespace

void AddReport(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("report", "Ingest and print the report (the main job)");
  static std::vector<std::string> paths;
  static std::string db;
  static IngestOptions opt;
  static std::string format = "md", out;
  cmd->add_option("paths", paths, "Files or folders (recursed); - for stdin")->required();
  cmd->add_option("--db", db, "Keep the articles in this store (default: a temporary one)");
  cmd->add_flag("--json", g.json, "The same as --format json (articles and briefs)");
  cmd->add_option("--format", format, "md, json or html (one page a story)")
      ->check(CLI::IsMember({"md", "json", "html"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", out, "HTML: write the first story's page here, the rest beside it");
  AddIngestFlags(*cmd, opt);
  cmd->callback([&g] {
    TemporaryStore temporary;
    auto store = Store::Open(db.empty() ? temporary.path() : db);
    IngestStats stats = Ingest(*store, paths, opt);
    if (stats.failed_files > 0 || stats.record_errors > 0) ExitCode() = 1;
    std::vector<brief::Brief> briefs;
    for (StoryId s : StoriesOf(*store, stats.ids))
      if (auto story = store->ReadStory(s)) briefs.push_back(brief::BuildBrief(*story));
    if (g.json || format == "json") {
      nlohmann::json articles = nlohmann::json::array(), stories = nlohmann::json::array();
      for (const std::string& id : stats.ids)
        if (auto a = store->Get(id)) articles.push_back(ToJson(*a, false));
      for (const auto& b : briefs) stories.push_back(brief::ToJson(b));
      printf("%s\n", nlohmann::json{{"articles", articles}, {"briefs", stories}}.dump(2).c_str());
      return;
    }
    PrintIngestSummary(stats, false);
    if (format == "html") {
      // One page a story: the first to -o (or stdout), the rest beside it numbered.
      for (size_t i = 0; i < briefs.size(); ++i) {
        std::string path = out;
        if (i > 0 && !out.empty() && out != "-") path = out + "." + std::to_string(i + 1) + ".html";
        if (!PrintBrief(briefs[i], "html", path)) ExitCode() = 1;
      }
      return;
    }
    printf("# Report: %zu article%s in %zu stor%s\n\n", stats.ids.size(),
           stats.ids.size() == 1 ? "" : "s", briefs.size(), briefs.size() == 1 ? "y" : "ies");
    for (const auto& b : briefs) printf("%s", brief::ToMarkdown(b, 2).c_str());
  });
}

}  // namespace sitrep::cli
