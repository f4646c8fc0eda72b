// sitrep ingest PATH...: read files, folders or stdin into the store.
#include <cstdio>

#include "cli/commands.h"
#include "cli/ingest_options.h"
#include "cli/output.h"

namespace sitrep::cli {

namespace {

// Flags that map other people's JSON Lines field names onto ours.
void AddJsonlFlags(CLI::App& cmd, JsonlFields& f) {
  cmd.add_option("--text-field", f.text, "JSON Lines field holding the article text")->capture_default_str();
  cmd.add_option("--html-field", f.html, "JSON Lines field holding the article HTML")->capture_default_str();
  cmd.add_option("--title-field", f.title, "JSON Lines field holding the title")->capture_default_str();
  cmd.add_option("--url-field", f.url, "JSON Lines field holding the URL")->capture_default_str();
  cmd.add_option("--date-field", f.date, "JSON Lines field holding the date")->capture_default_str();
  cmd.add_option("--outlet-field", f.outlet, "JSON Lines field holding the outlet")->capture_default_str();
}

}  // namespace

void PrintIngestSummary(const IngestStats& s, bool json) {
  double rate = s.seconds > 0 ? s.documents / s.seconds : 0;
  if (json) {
    nlohmann::json j = {{"files", s.files},           {"failed_files", s.failed_files},
                        {"record_errors", s.record_errors}, {"documents", s.documents}, {"without_text", s.empty},
                        {"added", s.added},           {"already_stored", s.ids.size() - s.added},
                        {"seconds", s.seconds},       {"articles_per_s", rate}};
    printf("%s\n", j.dump().c_str());
    return;
  }
  fprintf(stderr,
          "ingested %zu file%s: %zu article%s (%zu new, %zu already stored), %zu without text, "
          "%zu failed file%s, %zu record error%s, %.2fs (%.0f articles/s)\n",
          s.files, s.files == 1 ? "" : "s", s.ids.size(), s.ids.size() == 1 ? "" : "s", s.added,
          s.ids.size() - s.added, s.empty,
          s.failed_files, s.failed_files == 1 ? "" : "s", s.record_errors,
          s.record_errors == 1 ? "" : "s", s.seconds, rate);
}

void AddIngestFlags(CLI::App& cmd, IngestOptions& opt) {
  AddJsonlFlags(cmd, opt.read.fields);
  cmd.add_option("--threads", opt.threads, "Threads building articles (0: one a core)");
  cmd.add_option("--batch", opt.batch_size, "Articles a transaction")->capture_default_str();
}

void AddIngest(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("ingest", "Read text, HTML, JSON Lines, WARC or RSS/Atom into the store");
  static std::vector<std::string> paths;
  static IngestOptions opt;
  cmd->add_option("paths", paths, "Files or folders (recursed); - for stdin")->required();
  AddDbOption(cmd, g);
  cmd->add_flag("--json", g.json, "Print the summary as JSON");
  AddIngestFlags(*cmd, opt);
  cmd->callback([&g] {
    auto store = Store::Open(g.db);
    IngestStats stats = Ingest(*store, paths, opt);
    PrintIngestSummary(stats, g.json);
    if (stats.failed_files > 0 || stats.record_errors > 0) ExitCode() = 1;
  });
}

}  // namespace sitrep::cli
