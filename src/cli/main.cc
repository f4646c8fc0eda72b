// sitrep: news articles in, verified situation reports out. See README.md.
#include <cstdio>

#include "cli/commands.h"
#include "store/store.h"

int main(int argc, char** argv) {
  using namespace sitrep::cli;
  CLI::App app{"sitrep: turns scraped news articles into verified situation reports"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "sitrep 0.1");
  Globals g;
  AddIngest(app, g);
  AddArticles(app, g);
  AddShow(app, g);
  AddSearch(app, g);
  AddReport(app, g);
  AddStories(app, g);
  AddStory(app, g);
  AddWhy(app, g);
  AddBrief(app, g);
  AddClaims(app, g);
  AddTimeline(app, g);
  AddEntities(app, g);
  AddQuotes(app, g);
  AddServe(app, g);
  AddWatch(app, g);
  CLI::App* eval = app.add_subcommand("eval", "Measure a stage on a labelled data set (prints JSON)");
  eval->require_subcommand(1);
  AddEvalExtraction(*eval);
  AddEvalDates(*eval);
  AddEvalClusters(*eval);
  AddEvalTime(*eval);
  AddEvalSummary(*eval);
  AddEvalNames(*eval);
  AddEvalNer(*eval);
  AddEvalQuotes(*eval);
  AddEvalClaims(*eval);
  CLI::App* train = app.add_subcommand("train", "Build a model from labelled data");
  train->require_subcommand(1);
  AddTrainNer(*train);
  AddTrainQuotes(*train);
  AddTrainPlaces(*train);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const sitrep::StoreError& e) {
    fprintf(stderr, "sitrep: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    fprintf(stderr, "sitrep: %s\n", e.what());
    return 1;
  }
  return ExitCode();
}
