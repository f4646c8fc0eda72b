// sitrep stories / story / why: the stories the store holds and how each article got there.
#include <cstdio>

#include "cli/commands.h"
#include "cli/output.h"

namespace sitrep::cli {

namespace {

std::string Day(const std::string& iso) { return iso.substr(0, 10); }

std::string Joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string Excerpt(const Article& a, Span s) {
  std::string t(a.Text(s));
  if (t.size() > 160) t = t.substr(0, 157) + "...";
  return t;
}

}  // namespace

void AddStories(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("stories", "List stories, largest first");
  static size_t limit = 50, offset = 0;
  AddDbOption(cmd, g);
  cmd->add_flag("--json", g.json, "Print JSON");
  cmd->add_option("--limit", limit, "At most this many")->capture_default_str();
  cmd->add_option("--offset", offset, "Skip this many")->capture_default_str();
  cmd->callback([&g] {
    auto store = Store::Open(g.db);
    auto stories = store->Stories(limit, offset);
    if (g.json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& s : stories) out.push_back(ToJson(s));
      printf("%s\n", nlohmann::json{{"stories", out}}.dump(2).c_str());
      return;
    }
    printf("%6s  %8s  %7s  %-10s  %-10s  %s\n", "story", "articles", "outlets", "first", "last",
           "label");
    for (const auto& s : stories)
      printf("%6u  %8zu  %7zu  %-10s  %-10s  %s\n", s.id, s.articles, s.outlets,
             Day(s.first_seen).c_str(), Day(s.last_seen).c_str(), s.label.c_str());
  });
}

void AddStory(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("story", "One story: its members, copies marked");
  static StoryId id = 0;
  cmd->add_option("id", id, "Story number")->required();
  AddDbOption(cmd, g);
  cmd->add_flag("--json", g.json, "Print JSON");
  cmd->callback([&g] {
    auto store = Store::Open(g.db);
    auto story = store->Story(id);
    if (!story) {
      fprintf(stderr, "sitrep: no story %u\n", id);
      ExitCode() = 1;
      return;
    }
    auto members = store->StoryMembers(id);
    if (g.json) {
      nlohmann::json out = ToJson(*story);
      nlohmann::json list = nlohmann::json::array();
      for (const auto& m : members) {
        nlohmann::json j = cli::ToJson(m.article);
        j["copy_of"] = m.upstream.empty() ? nlohmann::json() : nlohmann::json(m.upstream);
        list.push_back(j);
      }
      out["members"] = list;
      printf("%s\n", out.dump(2).c_str());
      return;
    }
    printf("Story %u: %s\n%zu articles from %zu outlets, %s to %s\n\n", story->id,
           story->label.c_str(), story->articles, story->outlets, Day(story->first_seen).c_str(),
           Day(story->last_seen).c_str());
    for (const auto& m : members) {
      printf("%s  %-10s  %-20s  %s\n", m.article.id.c_str(),
             m.article.published.empty() ? "-" : Day(m.article.published).c_str(),
             (m.article.outlet.empty() ? std::string("-") : m.article.outlet).substr(0, 20).c_str(),
             (m.article.title.empty() ? m.article.origin : m.article.title).c_str());
      if (!m.upstream.empty()) printf("    copy of %s\n", m.upstream.c_str());
    }
  });
}

void AddWhy(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("why", "Why an article is in its story: terms, similarity, threshold");
  static std::string id;
  cmd->add_option("article", id, "Article id or a unique prefix")->required();
  AddDbOption(cmd, g);
  cmd->add_flag("--json", g.json, "Print JSON");
  cmd->callback([&g] {
    auto store = Store::Open(g.db);
    auto article = store->Get(id);
    auto placement = article ? store->PlacementOf(article->id) : std::nullopt;
    if (!placement) {
      fprintf(stderr, "sitrep: no placed article with id '%s'\n", id.c_str());
      ExitCode() = 1;
      return;
    }
    const Placement& p = *placement;
    auto story = store->Story(p.story.story);
    std::string label = story ? story->label : "";
    if (g.json) {
      nlohmann::json passages = nlohmann::json::array();
      for (const auto& r : p.passages)
        passages.push_back({{"here", {r.here.begin, r.here.end}}, {"other", r.other},
                            {"there", {r.there.begin, r.there.end}}, {"similarity", r.similarity},
                            {"text", Excerpt(*article, r.here)}});
      nlohmann::json j = {{"article", p.article}, {"story", p.story.story}, {"label", label},
                          {"first_story", p.first_story}, {"new_story", p.story.new_story},
                          {"similarity", p.story.similarity}, {"threshold", p.story.threshold},
                          {"shared_terms", p.story.shared_terms},
                          {"shared_entities", p.story.shared_entities},
                          {"merged", p.story.merged}, {"passages", passages}};
      j["copy_of"] = p.copy_of ? nlohmann::json{{"upstream", p.copy_of->upstream},
                                                {"similarity", p.copy_of->similarity}}
                               : nlohmann::json();
      printf("%s\n", j.dump(2).c_str());
      return;
    }
    printf("Article %s: %s\n", article->id.c_str(), Headline(*article).c_str());
    printf("Story %u: %s\n", p.story.story, label.c_str());
    if (p.story.new_story) {
      printf("It started story %u: no story was similar enough (best %.3f, threshold %.3f).\n",
             p.first_story, p.story.similarity, p.story.threshold);
    } else {
      printf("It joined story %u: similarity %.3f >= threshold %.3f.\n", p.first_story,
             p.story.similarity, p.story.threshold);
    }
    if (p.first_story != p.story.story) printf("Story %u was later merged into %u.\n", p.first_story, p.story.story);
    if (!p.story.merged.empty()) {
      std::vector<std::string> m;
      for (StoryId s : p.story.merged) m.push_back(std::to_string(s));
      printf("It brought stories %s together.\n", Joined(m).c_str());
    }
    if (!p.story.shared_terms.empty()) printf("Shared terms: %s\n", Joined(p.story.shared_terms).c_str());
    if (!p.story.shared_entities.empty()) printf("Shared names, places, numbers: %s\n", Joined(p.story.shared_entities).c_str());
    if (p.copy_of) printf("Copy of %s (shingle similarity %.3f).\n", p.copy_of->upstream.c_str(), p.copy_of->similarity);
    for (const auto& r : p.passages)
      printf("Reuses a passage of %s (similarity %.2f): \"%s\"\n", r.other.c_str(), r.similarity,
             Excerpt(*article, r.here).c_str());
  });
}

}  // namespace sitrep::cli
