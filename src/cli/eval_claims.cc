// sitrep eval claims --gold FILE: do claims stay within one event? The articles of each
// group (ECB+: a topic, two look-alike events) are analysed and put into one story, the
// hardest case for claims: a story that wrongly holds both events. A claim that joins
// statements from articles of two gold events is a false merge.
#include <chrono>
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "claims/claims.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "pipeline/analyse.h"
#include "pipeline/pipeline.h"

namespace sitrep::cli {

namespace {

struct Options {
  std::string gold, text_field = "text", title_field = "title", gold_field = "gold_cluster",
                    group_field = "topic";
  int half = -1;  // 0 or 1: only the events whose id hashes to it; -1: all
};

// FNV-1a: a fixed split of the gold events into halves that no tuning can choose.
int HalfOf(const std::string& event) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : event) h = (h ^ c) * 1099511628211ull;
  return static_cast<int>(h % 2);
}

struct Group {
  StoryArticles story;
  std::vector<std::string> gold;  // per article
};

std::map<std::string, Group> Load(const Options& o) {
  const Analyser& analyser = Analyser::Shared();
  std::map<std::string, Group> groups;
  ForEachJsonLine(o.gold, [&](const nlohmann::json& row, size_t line_no) {
    if (o.half >= 0 && HalfOf(JsonField(row, o.gold_field)) != o.half) return;
    Document doc;
    doc.origin = o.gold + "#line-" + std::to_string(line_no);
    doc.container = "jsonl";
    doc.body = JsonField(row, o.text_field);
    doc.title = JsonField(row, o.title_field);
    Article a = BuildArticle(std::move(doc));
    analyser.Analyse(a);
    Group& g = groups[JsonField(row, o.group_field)];
    g.story.articles.push_back(std::move(a));
    g.story.upstream.push_back("");
    g.gold.push_back(JsonField(row, o.gold_field));
  });
  return groups;
}

}  // namespace

void AddEvalClaims(CLI::App& eval) {
  auto* cmd = eval.add_subcommand(
      "claims",
      "Claim merge precision: each group's articles (--group-field, ECB+'s topic: two "
      "look-alike events) form one story; a claim joining two gold events is a false merge");
  static Options o;
  static bool show_misses = false;
  cmd->add_flag("--misses", show_misses, "List the claims that join two events, with why each statement joined");
  cmd->add_option("--gold", o.gold, "JSON Lines with text and gold event")->required();
  cmd->add_option("--text-field", o.text_field)->capture_default_str();
  cmd->add_option("--title-field", o.title_field)->capture_default_str();
  cmd->add_option("--gold-field", o.gold_field)->capture_default_str();
  cmd->add_option("--group-field", o.group_field)->capture_default_str();
  cmd->add_option("--half", o.half, "Only the gold events whose id hashes (FNV-1a) to this half, 0 or 1")
      ->check(CLI::Range(0, 1));
  cmd->callback([] {
    try {
      auto start = std::chrono::steady_clock::now();
      auto groups = Load(o);
      nlohmann::json misses = nlohmann::json::array();
      size_t articles = 0, statements = 0, claims = 0, multi = 0, mixed = 0, pairs = 0, good_pairs = 0;
      for (auto& [name, g] : groups) {
        articles += g.story.articles.size();
        for (const claims::Claim& c : claims::FindClaims(g.story)) {
          ++claims;
          statements += c.statements.size();
          std::map<std::string, size_t> events;
          for (const auto& s : c.statements) ++events[g.gold[s.article]];
          for (size_t i = 0; i < c.statements.size(); ++i)
            for (size_t j = i + 1; j < c.statements.size(); ++j) {
              if (c.statements[i].article == c.statements[j].article) continue;
              ++pairs;
              good_pairs += g.gold[c.statements[i].article] == g.gold[c.statements[j].article];
            }
          std::map<size_t, bool> in_articles;
          for (const auto& s : c.statements) in_articles[s.article] = true;
          if (in_articles.size() > 1) ++multi;
          if (events.size() > 1) {
            ++mixed;
            if (show_misses) {
              nlohmann::json miss = nlohmann::json::array();
              for (const auto& st : c.statements)
                miss.push_back({{"event", g.gold[st.article]}, {"why", st.why}, {"text", st.text}});
              misses.push_back(miss);
            }
          }
        }
      }
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      nlohmann::json j = {
          {"groups", groups.size()},
          {"articles", articles},
          {"statements", statements},
          {"claims", claims},
          {"claims_across_articles", multi},
          {"claims_joining_two_events", mixed},
          {"claim_precision", multi ? 1.0 - double(mixed) / multi : 1.0},
          // The recall side: what true merges across articles are kept.
          {"claims_across_articles_within_one_event", multi - mixed},
          {"merge_pairs", pairs},
          {"merge_pairs_within_one_event", good_pairs},
          {"merge_precision", pairs ? double(good_pairs) / pairs : 1.0},
          {"articles_per_s", s > 0 ? articles / s : 0.0}};
      if (o.half >= 0) j["half"] = o.half;
      if (show_misses) j["misses"] = misses;
      std::printf("%s\n", j.dump().c_str());
      if (articles == 0) ExitCode() = 1;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "eval claims: %s\n", e.what());
      ExitCode() = 1;
    }
  });
}

}  // namespace sitrep::cli
