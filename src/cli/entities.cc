// sitrep entities [--story ID]: the people, organisations and places of each story, resolved
// across its articles from the mentions the store holds (entities/identity.h).
#include <cstdio>

#include "cli/commands.h"
#include "cli/output.h"
#include "entities/identity.h"

namespace sitrep::cli {

namespace {

const char* TypeWord(EntityType t) {
  switch (t) {
    case EntityType::kPerson: return "person";
    case EntityType::kOrganisation: return "organisation";
    case EntityType::kPlace: return "place";
    default: return "other";
  }
}

nlohmann::json ToJson(const Entity& e) {
  nlohmann::json roles = nlohmann::json::array();
  for (const auto& r : e.roles) roles.push_back({{"role", r.role}, {"article", r.article}});
  return {{"key", e.key},         {"type", TypeWord(e.type)}, {"name", e.name},
          {"variants", e.variants}, {"roles", roles},         {"mentions", e.mentions},
          {"articles", e.articles}, {"merges", e.merges}};
}

void PrintText(StoryId id, const std::string& label, const std::vector<Entity>& entities) {
  printf("Story %u: %s\n", id, label.c_str());
  if (entities.empty()) printf("  (no mentions stored for its articles)\n");
  for (const auto& e : entities) {
    printf("  %-12s %-32s %3zu mentions in %zu articles\n", TypeWord(e.type), e.name.c_str(),
           e.mentions, e.articles.size());
    if (e.variants.size() > 1) {
      std::string v;
      for (size_t i = 1; i < e.variants.size(); ++i) v += (i > 1 ? "; " : "") + e.variants[i];
      printf("      also: %s\n", v.c_str());
    }
    for (const auto& r : e.roles) printf("      role: %s (%s)\n", r.role.c_str(), r.article.c_str());
    for (const auto& m : e.merges) printf("      why:  %s\n", m.c_str());
  }
  printf("\n");
}

}  // namespace

void AddEntities(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand(
      "entities", "People, organisations and places of each story, spellings merged, with roles");
  static StoryId story = 0;
  static size_t limit = 20;
  cmd->add_option("--story", story, "Only this story");
  cmd->add_option("--limit", limit, "At most this many stories, largest first")->capture_default_str();
  AddDbOption(cmd, g);
  cmd->add_flag("--json", g.json, "Print JSON");
  cmd->callback([&g] {
    auto store = Store::Open(g.db);
    std::vector<StorySummary> stories;
    if (story != 0) {
      auto s = store->Story(story);
      if (!s) {
        fprintf(stderr, "sitrep: no story %u\n", story);
        ExitCode() = 1;
        return;
      }
      stories.push_back(*s);
    } else {
      stories = store->Stories(limit, 0);
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : stories) {
      auto story = store->ReadStory(s.id);
      if (!story) continue;
      auto entities = ResolveEntities(story->articles);
      if (!g.json) {
        PrintText(s.id, s.label, entities);
        continue;
      }
      nlohmann::json list = nlohmann::json::array();
      for (const auto& e : entities) list.push_back(ToJson(e));
      out.push_back({{"story", s.id}, {"label", s.label}, {"entities", list}});
    }
    if (g.json) {
      auto text = nlohmann::json{{"stories", out}}.dump(
          2, ' ', false, nlohmann::json::error_handler_t::replace);  // a tagger's odd span
      printf("%s\n", text.c_str());
    }
  });
}

}  // namespace sitrep::cli
