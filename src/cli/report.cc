// sitrep report PATH...: the main job. Ingests into a temporary store (or --db) and prints
// the report on what was read. For now: each article with its metadata and clean text;
// the story briefs take this place as the later stages land.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>

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

// The articles grouped by story, stories in the order they first appear.
void PrintByStory(Store& store, const std::vector<Article>& articles) {
  std::vector<StoryId> order;
  std::map<StoryId, std::vector<const Article*>> members;
  for (const Article& a : articles) {
    auto p = store.PlacementOf(a.id);
    StoryId s = p ? p->story.story : 0;
    if (!members.count(s)) order.push_back(s);
    members[s].push_back(&a);
  }
  printf("# Report: %zu article%s in %zu stor%s\n\n", articles.size(),
         articles.size() == 1 ? "" : "s", order.size(), order.size() == 1 ? "y" : "ies");
  for (StoryId s : order) {
    auto story = store.Story(s);
    std::string label = story && !story->label.empty() ? story->label : "(unlabelled)";
    printf("## Story %u: %s (%zu article%s)\n\n", s, label.c_str(), members[s].size(),
           members[s].size() == 1 ? "" : "s");
    for (const Article* a : members[s]) printf("%s\n", ToMarkdown(*a, 3).c_str());
  }
}

}  // namespace

void AddReport(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("report", "Ingest and print the report (the main job)");
  static std::vector<std::string> paths;
  static std::string db;
  static IngestOptions opt;
  cmd->add_option("paths", paths, "Files or folders (recursed); - for stdin")->required();
  cmd->add_option("--db", db, "Keep the articles in this store (default: a temporary one)");
  cmd->add_flag("--json", g.json, "Print JSON");
  AddIngestFlags(*cmd, opt);
  cmd->callback([&g] {
    TemporaryStore temporary;
    auto store = Store::Open(db.empty() ? temporary.path() : db);
    IngestStats stats = Ingest(*store, paths, opt);
    if (stats.failed_files > 0 || stats.record_errors > 0) ExitCode() = 1;
    std::vector<Article> articles;
    for (const std::string& id : stats.ids)
      if (auto a = store->Get(id)) articles.push_back(std::move(*a));
    if (g.json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& a : articles) out.push_back(ToJson(a, false));
      printf("%s\n", nlohmann::json{{"articles", out}}.dump(2).c_str());
      return;
    }
    PrintIngestSummary(stats, false);
    PrintByStory(*store, articles);
  });
}

}  // namespace sitrep::cli
