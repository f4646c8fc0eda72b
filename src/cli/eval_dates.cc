// sitrep eval dates --gold FILE: how often FindPageDate finds a page's publication day.
#include <cstdio>
#include <exception>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "ingest/page_date_eval.h"

namespace sitrep::cli {

namespace {

nlohmann::json Summary(const page_date::DateEval& ev, size_t show_misses) {
  auto ratio = [](size_t a, size_t b) { return b ? double(a) / double(b) : 0.0; };
  nlohmann::json j = {{"pages", ev.pages},
                      {"accuracy", ratio(ev.correct, ev.pages)},
                      {"found", ratio(ev.found, ev.pages)},
                      {"precision", ratio(ev.correct, ev.found)},
                      {"pages_per_s", ev.seconds > 0 ? ev.pages / ev.seconds : 0.0}};
  if (show_misses) {
    nlohmann::json misses = nlohmann::json::array();
    for (size_t i = 0; i < ev.misses.size() && i < show_misses; ++i) {
      const auto& m = ev.misses[i];
      misses.push_back({{"file", m.file}, {"gold", m.gold}, {"found", m.found},
                        {"evidence", m.evidence}});
    }
    j["misses"] = misses;
  }
  return j;
}

}  // namespace

void AddEvalDates(CLI::App& eval) {
  auto* cmd = eval.add_subcommand("dates", "Score publication-date finding against gold pages");
  static std::string gold;
  static size_t show_misses = 0;
  cmd->add_option("--gold", gold, "JSON Lines of {file, url, date}")->required();
  cmd->add_option("--misses", show_misses, "List up to N pages dated wrongly");
  cmd->callback([] {
    try {
      auto pages = page_date::LoadGoldPages(gold);
      auto ev = page_date::EvaluatePageDates(pages);
      std::printf("%s\n", Summary(ev, show_misses).dump().c_str());
      if (ev.pages == 0) ExitCode() = 1;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "eval dates: %s\n", e.what());
      ExitCode() = 1;
    }
  });
}

}  // namespace sitrep::cli
