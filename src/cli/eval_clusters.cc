// sitrep eval clusters --gold FILE.jsonl: online story clustering against gold event labels.
// Each row becomes an Article through the real pipeline, then the rows are fed to the
// clusterer in date order (stable; undated rows keep their places) and scored with
// B-cubed and pairwise precision, recall and F1.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "eval/clustering.h"
#include "pipeline/pipeline.h"
#include "stories/stories.h"

namespace sitrep::cli {

namespace {

struct ClusterEvalOptions {
  std::string gold;
  std::string text_field = "text", title_field = "title", date_field = "date";
  std::string gold_field = "gold_cluster";
  std::vector<std::string> skip_fields;
  std::string assignments;  // JSON Lines of what each row was assigned, for reading errors
  StoryOptions stories;
};

bool Skipped(const nlohmann::json& row, const std::vector<std::string>& fields) {
  for (const std::string& f : fields) {
    auto it = row.find(f);
    if (it != row.end() && it->is_boolean() && it->get<bool>()) return true;
  }
  return false;
}

struct Row {
  Article article;
  std::string gold;
};

std::vector<Row> LoadRows(const ClusterEvalOptions& o) {
  std::vector<Row> rows;
  ForEachJsonLine(o.gold, [&](const nlohmann::json& row, size_t line_no) {
    if (Skipped(row, o.skip_fields)) return;
    Document doc;
    doc.origin = o.gold + "#line-" + std::to_string(line_no);
    doc.container = "jsonl";
    doc.body = JsonField(row, o.text_field);
    doc.title = JsonField(row, o.title_field);
    doc.date = JsonField(row, o.date_field);
    rows.push_back({BuildArticle(std::move(doc)), JsonField(row, o.gold_field)});
  });
  return rows;
}

// Arrival order: dated rows sorted by date among the places dated rows hold, undated rows
// where they are, so a stream with a few undated items keeps its shape.
std::vector<size_t> ArrivalOrder(const std::vector<Row>& rows) {
  std::vector<size_t> order(rows.size()), dated;
  for (size_t i = 0; i < rows.size(); ++i) {
    order[i] = i;
    if (rows[i].article.published.stated()) dated.push_back(i);
  }
  std::vector<size_t> sorted = dated;
  std::stable_sort(sorted.begin(), sorted.end(), [&](size_t a, size_t b) {
    return rows[a].article.published.when.UnixSeconds() < rows[b].article.published.when.UnixSeconds();
  });
  for (size_t k = 0; k < dated.size(); ++k) order[dated[k]] = sorted[k];
  return order;
}

void WriteAssignments(const std::string& path, const std::vector<Row>& rows,
                      const std::vector<StoryAssignment>& assigned,
                      const std::vector<StoryId>& final_story, const StoryClusterer& c) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write " + path);
  for (size_t i = 0; i < rows.size(); ++i) {
    const StoryAssignment& a = assigned[i];
    const StoryId story = final_story[i];
    const nlohmann::json j = {{"origin", rows[i].article.origin},
                              {"date", rows[i].article.published.when.Iso()},
                              {"gold", rows[i].gold},
                              {"story", story},
                              {"label", c.Label(story)},
                              {"joined", a.story},
                              {"similarity", a.similarity},
                              {"shared_terms", a.shared_terms},
                              {"shared_entities", a.shared_entities},
                              {"merged", a.merged},
                              {"moved", a.moved.size()}};
    out << j.dump() << "\n";
  }
}

void Run(const ClusterEvalOptions& o) {
  std::vector<Row> rows = LoadRows(o);
  StoryClusterer clusterer(o.stories);
  std::vector<StoryAssignment> assigned(rows.size());
  const auto start = std::chrono::steady_clock::now();
  const std::vector<size_t> order = ArrivalOrder(rows);
  for (size_t i : order) assigned[i] = clusterer.Add(rows[i].article);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // The final clustering: where each row is now, after later merges and splits.
  std::vector<StoryId> final_story(rows.size());
  for (size_t k = 0; k < order.size(); ++k) final_story[order[k]] = clusterer.StoryOf(k);
  if (!o.assignments.empty())
    WriteAssignments(o.assignments, rows, assigned, final_story, clusterer);
  std::vector<std::string> predicted, gold;
  for (size_t i = 0; i < rows.size(); ++i) {
    predicted.push_back(std::to_string(final_story[i]));
    gold.push_back(rows[i].gold);
  }
  const eval::ClusterScores s = eval::ScoreClusters(predicted, gold);
  const nlohmann::json j = {{"articles", s.items},
                            {"clusters", s.clusters},
                            {"gold_clusters", s.gold_clusters},
                            {"bcubed_precision", s.bcubed_precision},
                            {"bcubed_recall", s.bcubed_recall},
                            {"bcubed_f1", s.bcubed_f1},
                            {"pairwise_precision", s.pairwise_precision},
                            {"pairwise_recall", s.pairwise_recall},
                            {"pairwise_f1", s.pairwise_f1},
                            {"articles_per_s", seconds > 0 ? s.items / seconds : 0.0}};
  std::printf("%s\n", j.dump().c_str());
  if (s.items == 0) ExitCode() = 1;
}

}  // namespace

void AddEvalClusters(CLI::App& eval) {
  auto* cmd = eval.add_subcommand("clusters", "Score online story clustering against gold events");
  static ClusterEvalOptions o;
  cmd->add_option("--gold", o.gold, "JSON Lines, one article a row with its gold event")->required();
  cmd->add_option("--text-field", o.text_field, "Field with the article text")->capture_default_str();
  cmd->add_option("--title-field", o.title_field, "Field with the title")->capture_default_str();
  cmd->add_option("--date-field", o.date_field, "Field with the date")->capture_default_str();
  cmd->add_option("--gold-field", o.gold_field, "Field with the gold event label")->capture_default_str();
  cmd->add_option("--skip-field", o.skip_fields, "Skip rows where this field is true (repeatable)");
  cmd->add_option("--assignments", o.assignments, "Write each row's story to this JSON Lines file");
  cmd->add_option("--threshold", o.stories.threshold, "Similarity to join a story (0: default)");
  cmd->add_option("--merge-threshold", o.stories.merge_threshold, "Similarity to merge stories (0: default)");
  cmd->add_option("--window-days", o.stories.window_days, "Time window in days (0: default)");
  cmd->callback([] {
    try {
      Run(o);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "eval clusters: %s\n", e.what());
      ExitCode() = 1;
    }
  });
}

}  // namespace sitrep::cli
