// `sitrep eval extraction --html DIR --gold FILE`: main-text extraction scored against a
// benchmark's gold article bodies, printed as one JSON object.
#include <iostream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "ingest/html_eval.h"

namespace sitrep::cli {

namespace {

struct ExtractionOptions {
  std::string html_dir, gold;
};

void RunEvalExtraction(const ExtractionOptions& o) {
  ExtractionRun run;
  try {
    run = EvaluateExtraction(o.html_dir, o.gold);
  } catch (const std::exception& e) {
    std::cerr << "sitrep eval extraction: " << e.what() << "\n";
    ExitCode() = 1;
    return;
  }
  const ExtractionTally& t = run.tally;
  nlohmann::json out = {
      {"pages", t.pages()},
      {"precision", t.precision()},
      {"recall", t.recall()},
      {"f1", t.f1()},
      {"accuracy", t.accuracy()},
      {"pages_per_s", run.seconds > 0 ? t.pages() / run.seconds : 0.0},
  };
  if (!run.missing.empty()) out["missing"] = run.missing;
  std::cout << out.dump(2) << "\n";
  // A run that scored nothing measured nothing: say so through the exit code.
  if (t.pages() == 0) ExitCode() = 1;
}

}  // namespace

void AddEvalExtraction(CLI::App& eval) {
  auto options = std::make_shared<ExtractionOptions>();
  CLI::App* cmd = eval.add_subcommand(
      "extraction", "Score main-text extraction against gold article bodies (4-token shingles)");
  cmd->add_option("--html", options->html_dir, "Folder of <id>.html.gz pages")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--gold", options->gold, "Gold file: {id: {articleBody, url}}")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->callback([options] { RunEvalExtraction(*options); });
}

}  // namespace sitrep::cli
