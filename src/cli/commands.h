// The subcommands. main.cc builds the CLI11 app and each Add* registers one subcommand
// (one file each under src/cli/); a subcommand's callback sets the process exit code.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "brief/brief.h"

namespace sitrep::cli {

// Options every subcommand shares.
struct Globals {
  std::string db = "sitrep.db";  // --db PATH
  bool json = false;             // --json
};

// The exit code main() returns; subcommands set it (0 ok, 1 failure, 2 usage).
int& ExitCode();

// The --db option of a subcommand that reads or writes the store, into `g.db`.
void AddDbOption(CLI::App* cmd, Globals& g);

void AddIngest(CLI::App& app, Globals& g);
void AddArticles(CLI::App& app, Globals& g);
void AddShow(CLI::App& app, Globals& g);
void AddSearch(CLI::App& app, Globals& g);
void AddReport(CLI::App& app, Globals& g);
void AddStories(CLI::App& app, Globals& g);
void AddStory(CLI::App& app, Globals& g);
void AddWhy(CLI::App& app, Globals& g);
void AddBrief(CLI::App& app, Globals& g);
void AddClaims(CLI::App& app, Globals& g);
void AddTimeline(CLI::App& app, Globals& g);
void AddEntities(CLI::App& app, Globals& g);
void AddQuotes(CLI::App& app, Globals& g);
void AddServe(CLI::App& app, Globals& g);
void AddWatch(CLI::App& app, Globals& g);

// Prints a brief as "md", "json" or "html" to stdout or `out_path`; false when it cannot write.
bool PrintBrief(const brief::Brief& b, const std::string& format, const std::string& out_path);

// `sitrep eval ...`: each prints one JSON object.
void AddEvalExtraction(CLI::App& eval);
void AddEvalDates(CLI::App& eval);
void AddEvalClusters(CLI::App& eval);
void AddEvalTime(CLI::App& eval);
void AddEvalSummary(CLI::App& eval);
void AddEvalNames(CLI::App& eval);
void AddEvalNer(CLI::App& eval);
void AddEvalQuotes(CLI::App& eval);
void AddEvalClaims(CLI::App& eval);

// `sitrep train ...`: builds a model file from labelled data.
void AddTrainNer(CLI::App& train);
void AddTrainQuotes(CLI::App& train);
void AddTrainPlaces(CLI::App& train);

}  // namespace sitrep::cli
