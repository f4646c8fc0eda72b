// sitrep eval summary --docs FILE --refs FILE: the story summariser against human summaries
// (MultiLing style), with the plain centroid baseline scored by the same command.
#include <chrono>
#include <cstdio>
#include <exception>
#include <map>

#include <nlohmann/json.hpp>

#include "brief/brief.h"
#include "brief/summary.h"
#include "claims/claims.h"
#include "entities/speakers.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "eval/rouge.h"
#include "pipeline/analyse.h"
#include "pipeline/pipeline.h"

namespace sitrep::cli {

namespace {

struct Instance {
  std::vector<Article> articles;
  std::vector<std::string> references;
  std::vector<brief::SameStatement> same;  // what the claims say in several articles
};

// What the brief does before its summary: analyse the articles, resolve their entities
// and find the claims, so the summary is scored as the brief gives it.
void FindSameStatements(Instance& inst) {
  for (Article& a : inst.articles) Analyser::Shared().Analyse(a);
  StoryArticles story{0, "", inst.articles, {}};
  ResolveStory(story.articles);
  inst.same = brief::SameStatements(claims::FindClaims(story));
}

std::string JoinLines(const nlohmann::json& lines, const char* separator) {
  std::string out;
  for (const auto& line : lines) {
    if (!out.empty()) out += separator;
    out += line.get<std::string>();
  }
  return out;
}

// Documents: {instance_id, documents: [{filename, text: [title, paragraph...]}]}.
// References: {instance_id, summarizer_type: "reference", summary: {text: [sentence...]}}.
std::map<std::string, Instance> Load(const std::string& docs, const std::string& refs) {
  std::map<std::string, Instance> out;
  ForEachJsonLine(docs, [&](const nlohmann::json& row, size_t) {
    Instance& inst = out[row.at("instance_id").get<std::string>()];
    for (const auto& d : row.at("documents")) {
      const auto& lines = d.at("text");
      Document doc;
      doc.origin = docs + "#" + d.value("filename", "");
      doc.container = "jsonl";
      if (!lines.empty()) doc.title = lines[0].get<std::string>();
      doc.body = JoinLines(nlohmann::json(lines.begin() + (lines.empty() ? 0 : 1), lines.end()),
                           "\n\n");
      inst.articles.push_back(BuildArticle(std::move(doc)));
    }
  });
  for (auto& [id, inst] : out) FindSameStatements(inst);
  ForEachJsonLine(refs, [&](const nlohmann::json& row, size_t) {
    if (row.value("summarizer_type", "") != "reference") return;
    auto it = out.find(row.at("instance_id").get<std::string>());
    if (it != out.end()) it->second.references.push_back(JoinLines(row.at("summary").at("text"), " "));
  });
  return out;
}

// The summary's text cut at `words` ROUGE tokens, as ROUGE's -l option does, so a method
// cannot win by running long.
std::string SummaryText(const Instance& inst, const brief::SummaryOptions& opt) {
  std::string text;
  for (const auto& s : brief::Summarize(inst.articles, opt, inst.same)) {
    if (!text.empty()) text += ' ';
    text += inst.articles[s.article].Text(s.span);
  }
  auto tokens = eval::RougeTokens(text);
  if (tokens.size() <= opt.max_words) return text;
  tokens.resize(opt.max_words);
  std::string cut;
  for (const auto& t : tokens) cut += t + " ";
  return cut;
}

nlohmann::json ScoreJson(const eval::RougeScore& s) {
  return {{"p", s.precision}, {"r", s.recall}, {"f1", s.f1}};
}

nlohmann::json RougeJson(eval::Rouge r, double n) {
  return {{"rouge1", ScoreJson({r.rouge1.precision / n, r.rouge1.recall / n, r.rouge1.f1 / n})},
          {"rouge2", ScoreJson({r.rouge2.precision / n, r.rouge2.recall / n, r.rouge2.f1 / n})},
          {"rougeL", ScoreJson({r.rougeL.precision / n, r.rougeL.recall / n, r.rougeL.f1 / n})}};
}

void Accumulate(eval::Rouge& sum, const eval::Rouge& r) {
  for (auto [to, from] : {std::pair{&sum.rouge1, &r.rouge1}, std::pair{&sum.rouge2, &r.rouge2},
                          std::pair{&sum.rougeL, &r.rougeL}}) {
    to->precision += from->precision;
    to->recall += from->recall;
    to->f1 += from->f1;
  }
}

// ours / baseline - 1 for each F1, both summed over the same instances.
nlohmann::json Gain(const eval::Rouge& ours, const eval::Rouge& baseline) {
  auto gain = [](double a, double b) { return b > 0 ? a / b - 1 : 0.0; };
  return {{"rouge1", gain(ours.rouge1.f1, baseline.rouge1.f1)},
          {"rouge2", gain(ours.rouge2.f1, baseline.rouge2.f1)},
          {"rougeL", gain(ours.rougeL.f1, baseline.rougeL.f1)}};
}

// The weights the cross-validation chooses among: coverage against relevance, the lead's
// share of relevance (LexRank and centroid split the rest), and how hard length counts.
std::vector<brief::SummaryOptions> WeightGrid(size_t words) {
  std::vector<brief::SummaryOptions> grid;
  for (double coverage : {0.0, 0.5, 1.0, 2.0, 4.0})
    for (double lead : {0.2, 0.4, 0.6, 0.8})
      for (double exponent : {0.0, 0.5, 1.0}) {
        brief::SummaryOptions opt;
        opt.max_words = words;
        opt.coverage_weight = coverage;
        opt.lead_weight = lead;
        opt.lexrank_weight = opt.centroid_weight = (1 - lead) / 2;
        opt.length_exponent = exponent;
        grid.push_back(opt);
      }
  return grid;
}

double Mean(const eval::Rouge& r) { return (r.rouge1.f1 + r.rouge2.f1 + r.rougeL.f1) / 3; }

nlohmann::json WeightsJson(const brief::SummaryOptions& o) {
  return {{"coverage", o.coverage_weight}, {"lead", o.lead_weight},
          {"lexrank", o.lexrank_weight}, {"centroid", o.centroid_weight},
          {"length_exponent", o.length_exponent}};
}

// Two-fold cross-validation over instances (alternate instances in id order): the weights
// best on one half (mean of the three ROUGE F1s) are scored on the other, both ways, so
// every instance is scored by weights chosen without it.
// `held_out` gets the sums of the instances' scores.
nlohmann::json CrossValidation(const std::vector<const Instance*>& instances, size_t words,
                               eval::Rouge& held_out) {
  const auto grid = WeightGrid(words);
  std::vector<std::vector<eval::Rouge>> score(grid.size());  // [weights][instance]
  for (size_t g = 0; g < grid.size(); ++g)
    for (const Instance* inst : instances)
      score[g].push_back(eval::Score(SummaryText(*inst, grid[g]), inst->references));
  nlohmann::json folds = nlohmann::json::array();
  for (size_t fold = 0; fold < 2; ++fold) {
    size_t best = 0;
    double best_mean = -1;
    for (size_t g = 0; g < grid.size(); ++g) {
      eval::Rouge train;
      for (size_t i = 0; i < instances.size(); ++i)
        if (i % 2 != fold) Accumulate(train, score[g][i]);
      if (Mean(train) > best_mean) best = g, best_mean = Mean(train);
    }
    eval::Rouge test;
    size_t n = 0;
    for (size_t i = 0; i < instances.size(); ++i)
      if (i % 2 == fold) Accumulate(test, score[best][i]), Accumulate(held_out, score[best][i]), ++n;
    nlohmann::json f = n ? RougeJson(test, static_cast<double>(n)) : nlohmann::json::object();
    f["instances"] = n;
    f["chosen"] = WeightsJson(grid[best]);
    folds.push_back(std::move(f));
  }
  nlohmann::json j = RougeJson(held_out, instances.empty() ? 1.0 : double(instances.size()));
  j["folds"] = std::move(folds);
  j["weights_tried"] = grid.size();
  return j;
}

}  // namespace

void AddEvalSummary(CLI::App& eval) {
  auto* cmd = eval.add_subcommand(
      "summary",
      "Score story summaries against reference summaries with ROUGE-1, ROUGE-2 and ROUGE-L "
      "(mean over references, then over instances), beside a plain centroid baseline");
  static std::string docs, refs;
  static size_t words = 250;
  cmd->add_option("--docs", docs, "JSON Lines: {instance_id, documents: [{text: [lines]}]}")
      ->required();
  cmd->add_option("--refs", refs, "JSON Lines: {instance_id, summarizer_type, summary: {text}}")
      ->required();
  cmd->add_option("--words", words, "Summary length in words (MultiLing: 250)");
  static bool cross_validate = false;
  cmd->add_flag("--cross-validate", cross_validate,
                "Also choose the summariser's weights on half the instances and score them on "
                "the other half, both ways (2-fold cross-validation)");
  cmd->callback([] {
    try {
      auto instances = Load(docs, refs);
      eval::Rouge ours, baseline;
      size_t scored = 0, documents = 0;
      double seconds = 0;
      for (const auto& [id, inst] : instances) {
        if (inst.references.empty()) continue;
        ++scored;
        documents += inst.articles.size();
        brief::SummaryOptions opt;
        opt.max_words = words;
        auto start = std::chrono::steady_clock::now();
        const std::string summary = SummaryText(inst, opt);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        Accumulate(ours, eval::Score(summary, inst.references));
        opt.method = brief::SummaryMethod::kCentroid;
        Accumulate(baseline, eval::Score(SummaryText(inst, opt), inst.references));
      }
      const double n = scored ? static_cast<double>(scored) : 1.0;
      std::vector<const Instance*> with_refs;
      for (const auto& [id, inst] : instances)
        if (!inst.references.empty()) with_refs.push_back(&inst);
      nlohmann::json j = RougeJson(ours, n);
      j["instances"] = scored;
      j["words"] = words;
      j["baseline_centroid"] = RougeJson(baseline, n);
      j["gain_over_baseline"] = Gain(ours, baseline);
      if (cross_validate) {
        eval::Rouge held_out;
        auto cv = CrossValidation(with_refs, words, held_out);
        cv["gain_over_baseline"] = Gain(held_out, baseline);
        j["cross_validation"] = std::move(cv);
      }
      j["documents_per_s"] = seconds > 0 ? documents / seconds : 0.0;
      std::printf("%s\n", j.dump().c_str());
      if (scored == 0) ExitCode() = 1;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "eval summary: %s\n", e.what());
      ExitCode() = 1;
    }
  });
}

}  // namespace sitrep::cli
