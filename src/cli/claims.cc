// sitrep claims STORY: the story's claims, each with the statements for and against it,
// who made them and how they reached the reader, the independent origins behind it, and why
// each statement was merged.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "claims/claims.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "entities/speakers.h"
#include "store/store.h"
#include "util/strings.h"

namespace sitrep::cli {

namespace {

void Print(const StoryArticles& story, const std::vector<claims::Claim>& claims) {
  printf("Story %u: %zu claim%s\n", story.id, claims.size(), claims.size() == 1 ? "" : "s");
  for (size_t i = 0; i < claims.size(); ++i) {
    const claims::Claim& c = claims[i];
    printf("\n%zu. %s\n   %zu statement%s, %zu article%s, %zu outlet%s, %zu independent origin%s%s\n",
           i + 1, c.wording.c_str(), c.statements.size(), c.statements.size() == 1 ? "" : "s",
           c.articles, c.articles == 1 ? "" : "s", c.outlets, c.outlets == 1 ? "" : "s", c.origins,
           c.origins == 1 ? "" : "s", c.contested ? "; CONTESTED" : "");
    for (const auto& s : c.statements) {
      const Article& a = story.articles[s.article];
      printf("   - [%s] %s: %s\n     via %s (article %.8s)\n", claims::StanceName(s.stance),
             s.speaker.empty() ? "(the outlet)" : s.speaker.c_str(), s.text.c_str(),
             s.chain.empty() ? "-" : Join(s.chain, " → ").c_str(), a.id.c_str());
      if (!s.why.empty()) printf("     merged: %s\n", s.why.c_str());
    }
  }
}

}  // namespace

void AddClaims(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("claims", "A story's claims: support, independent origins, denials");
  static StoryId id = 0;
  cmd->add_option("story", id, "Story number")->required();
  AddDbOption(cmd, g);
  cmd->add_flag("--json", g.json, "Print JSON");
  cmd->callback([&g] {
    auto story = ReadStoryOrSay(g.db, id);
    if (!story) return;
    ResolveStory(story->articles);  // speakers and mention types as the brief sees them
    const auto claims = claims::FindClaims(*story);
    if (g.json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& c : claims) out.push_back(ToJson(*story, c));
      printf("%s\n", nlohmann::json{{"story", id}, {"claims", out}}.dump(2).c_str());
      return;
    }
    Print(*story, claims);
  });
}

}  // namespace sitrep::cli
