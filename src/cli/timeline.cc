// sitrep timeline STORY: the story's dated events and, apart, its plans and forecasts, each
// with the articles that tell it. Times are found afresh from the stored text and dates.
#include <cstdio>

#include "cli/commands.h"
#include "cli/output.h"
#include "time/timeline.h"

namespace sitrep::cli {

namespace {

const char* TenseName(Tense t) {
  return t == Tense::kFuture ? "future" : t == Tense::kPast ? "past" : "unknown";
}

nlohmann::json ToJson(const TimelineEvent& e) {
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& s : e.sources)
    sources.push_back({{"article", s.article}, {"outlet", s.outlet}, {"quote", s.quote},
                       {"when_text", s.when_text}, {"ahead", s.ahead}});
  return {{"when", e.when}, {"what", e.what}, {"tense", TenseName(e.tense)},
          {"report", e.report}, {"sources", sources}};
}

void PrintEvents(const std::vector<TimelineEvent>& events) {
  for (const auto& e : events) {
    std::printf("  %-17s %s%s\n", e.when.c_str(), e.report ? "[report] " : "", e.what.c_str());
    for (const auto& s : e.sources)
      std::printf("  %-17s   - %s %s (\"%s\")%s\n", "", s.article.substr(0, 8).c_str(),
                  s.outlet.empty() ? "-" : s.outlet.c_str(),
                  s.when_text.size() > 60 ? (s.when_text.substr(0, 57) + "...").c_str() : s.when_text.c_str(),
                  s.ahead ? ", told ahead" : "");
  }
}

}  // namespace

void AddTimeline(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand(
      "timeline", "One story's timeline: dated events with their sources; plans and forecasts apart");
  static StoryId id = 0;
  cmd->add_option("story", id, "Story number")->required();
  AddDbOption(cmd, g);
  cmd->add_flag("--json", g.json, "Print JSON");
  cmd->callback([&g] {
    auto story = ReadStoryOrSay(g.db, id);
    if (!story) return;
    Timeline t = BuildTimeline(story->articles);
    if (g.json) {
      nlohmann::json events = nlohmann::json::array(), outlook = nlohmann::json::array(),
                     inferred = nlohmann::json::array();
      for (const auto& e : t.events) events.push_back(ToJson(e));
      for (const auto& e : t.outlook) outlook.push_back(ToJson(e));
      for (const auto& [article, p] : t.inferred_dates)
        inferred.push_back({{"article", article}, {"date", p.when.Iso()}, {"confidence", p.confidence},
                            {"evidence", p.evidence.detail}});
      nlohmann::json j = {{"story", id}, {"label", story->label}, {"events", events},
                          {"outlook", outlook}, {"inferred_dates", inferred}};
      std::printf("%s\n", j.dump(2).c_str());
      return;
    }
    std::printf("Story %u: %s\n\nWhat happened\n", id, story->label.c_str());
    PrintEvents(t.events);
    std::printf("\nPlans and forecasts\n");
    if (t.outlook.empty()) std::printf("  (none)\n");
    PrintEvents(t.outlook);
    if (!t.inferred_dates.empty()) {
      std::printf("\nDates inferred from the text\n");
      for (const auto& [article, p] : t.inferred_dates)
        std::printf("  %s  %s  confidence %.2f: %s\n", article.substr(0, 8).c_str(),
                    p.when.Iso().c_str(), p.confidence, p.evidence.detail.c_str());
    }
  });
}

}  // namespace sitrep::cli
