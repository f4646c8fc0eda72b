#include "serve/api.h"

#include <algorithm>

#include "brief/render.h"
#include "cli/output.h"
#include "ingest/readers.h"
#include "pipeline/ingest_job.h"

namespace sitrep::serve {

namespace {

constexpr size_t kPage = 20, kMostPerPage = 100;

nlohmann::json Page(nlohmann::json items, size_t limit, size_t offset, bool more) {
  return {{"items", std::move(items)}, {"limit", limit}, {"offset", offset}, {"more", more}};
}

nlohmann::json SpanJson(Span s) { return {s.begin, s.end}; }

// The article with the layers later stages left on it (entities, quotes, time expressions).
nlohmann::json ArticleJson(const Article& a) {
  nlohmann::json j = cli::ToJson(a, /*layers=*/false);
  nlohmann::json mentions = nlohmann::json::array(), quotes = nlohmann::json::array(),
                 times = nlohmann::json::array();
  for (const Mention& m : a.mentions)
    mentions.push_back({{"span", SpanJson(m.span)}, {"text", a.Text(m.span)},
                        {"type", EntityTypeName(m.type)}, {"entity", m.entity}});
  for (const Attribution& q : a.attributions)
    quotes.push_back({{"content", SpanJson(q.content)}, {"text", a.Text(q.content)},
                      {"source", SpanJson(q.source)}, {"speaker", q.speaker},
                      {"venue", q.venue}, {"relays", q.relays}, {"direct", q.direct}});
  for (const TimeExpression& t : a.times)
    times.push_back({{"span", SpanJson(t.span)}, {"text", a.Text(t.span)}, {"type", t.type},
                     {"value", t.value}});
  j["mentions"] = mentions;
  j["quotes"] = quotes;
  j["times"] = times;
  return j;
}

StoryId StoryParam(const std::smatch& m) {
  const std::string digits = m[1];
  return digits.size() > 9 ? 0 : static_cast<StoryId>(std::stoul(digits));
}

// The stories in the order asked for: "largest" (the store's order), "newest" (last seen)
// or "contested".
Response Stories(Site& site, const Request& req, const std::smatch&) {
  const size_t limit = SizeParam(req, "limit", kPage, kMostPerPage);
  const size_t offset = SizeParam(req, "offset", 0, 1u << 30);
  const std::string sort = req.Param("sort", "largest");
  nlohmann::json items = nlohmann::json::array();
  bool more = false;
  if (sort == "largest") {
    auto page = site.WithStore([&](Store& s) { return s.Stories(limit + 1, offset); });
    more = page.size() > limit;
    for (size_t i = 0; i < std::min(limit, page.size()); ++i) items.push_back(cli::ToJson(page[i]));
  } else if (sort == "newest") {
    auto all = site.WithStore([](Store& s) { return s.Stories(SIZE_MAX >> 1, 0); });
    std::stable_sort(all.begin(), all.end(), [](const StorySummary& a, const StorySummary& b) {
      return a.last_seen > b.last_seen;
    });
    more = all.size() > offset + limit;
    for (size_t i = offset; i < std::min(all.size(), offset + limit); ++i) items.push_back(cli::ToJson(all[i]));
  } else if (sort == "contested") {
    auto contested = site.ContestedStories();
    more = contested.size() > offset + limit;
    for (size_t i = offset; i < std::min(contested.size(), offset + limit); ++i) {
      nlohmann::json j = cli::ToJson(contested[i].first);
      j["contested_claims"] = contested[i].second;
      items.push_back(j);
    }
  } else {
    return Error(400, "sort must be largest, newest or contested");
  }
  return Json(Page(items, limit, offset, more));
}

Response Story(Site& site, const Request&, const std::smatch& m) {
  const StoryId id = StoryParam(m);
  auto summary = site.WithStore([id](Store& s) { return s.Story(id); });
  if (!summary) return Error(404, "no story " + std::string(m[1]));
  auto members = site.WithStore([id](Store& s) { return s.StoryMembers(id); });
  nlohmann::json j = cli::ToJson(*summary), list = nlohmann::json::array();
  for (const StoryMember& member : members) {
    nlohmann::json a = cli::ToJson(member.article);
    a["copy_of"] = member.upstream;
    list.push_back(a);
  }
  j["members"] = list;
  return Json(j);
}

// A part of a story's view as JSON; 404 when there is no such story.
template <class F>
Response FromView(Site& site, const std::smatch& m, F&& part) {
  auto view = site.View(StoryParam(m));
  if (!view) return Error(404, "no story " + std::string(m[1]));
  return Json(part(*view));
}

Response Brief(Site& site, const Request&, const std::smatch& m) {
  return FromView(site, m, [](const StoryView& v) { return brief::ToJson(v.brief); });
}

Response Claims(Site& site, const Request&, const std::smatch& m) {
  return FromView(site, m, [](const StoryView& v) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& c : v.claims) items.push_back(cli::ToJson(v.story, c));
    return nlohmann::json{{"story", v.story.id}, {"claims", items}};
  });
}

// The story's entities and quotes as the brief gathers them (empty until those stages run).
Response Entities(Site& site, const Request& req, const std::smatch& m) {
  return FromView(site, m, [](const StoryView& v) {
    return nlohmann::json{{"story", v.story.id}, {"entities", brief::ToJson(v.brief)["actors"]}};
  });
}

Response Quotes(Site& site, const Request& req, const std::smatch& m) {
  return FromView(site, m, [](const StoryView& v) {
    return nlohmann::json{{"story", v.story.id}, {"quotes", brief::ToJson(v.brief)["quotes"]}};
  });
}

// The brief's timeline: dated events with their sources, forecasts marked.
Response Timeline(Site& site, const Request&, const std::smatch& m) {
  return FromView(site, m, [](const StoryView& v) {
    return nlohmann::json{{"story", v.story.id}, {"timeline", brief::ToJson(v.brief)["timeline"]}};
  });
}

Response Articles(Site& site, const Request& req, const std::smatch&) {
  const size_t limit = SizeParam(req, "limit", kPage, kMostPerPage);
  const size_t offset = SizeParam(req, "offset", 0, 1u << 30);
  auto page = site.WithStore([&](Store& s) { return s.List(limit + 1, offset); });
  nlohmann::json items = nlohmann::json::array();
  for (size_t i = 0; i < std::min(limit, page.size()); ++i) items.push_back(cli::ToJson(page[i]));
  return Json(Page(items, limit, offset, page.size() > limit));
}

Response OneArticle(Site& site, const Request&, const std::smatch& m) {
  const std::string id = m[1];
  auto read = site.ReadArticle(id);
  if (!read) return Error(404, "no article " + id);
  nlohmann::json j = ArticleJson(read->article);
  const auto& placement = read->placement;
  j["story"] = placement ? nlohmann::json(placement->story.story) : nlohmann::json();
  j["copy_of"] = placement && placement->copy_of ? placement->copy_of->upstream : "";
  return Json(j);
}

Response Search(Site& site, const Request& req, const std::smatch&) {
  const std::string q = req.Param("q");
  if (q.find_first_not_of(" \t") == std::string::npos) return Error(400, "q is required");
  const size_t limit = SizeParam(req, "limit", kPage, kMostPerPage);
  const size_t offset = SizeParam(req, "offset", 0, 1u << 30);
  auto hits = site.WithStore([&](Store& s) { return s.Search(q, limit + 1, offset); });
  nlohmann::json items = nlohmann::json::array();
  for (size_t i = 0; i < std::min(limit, hits.size()); ++i) {
    nlohmann::json j = cli::ToJson(hits[i].article);
    j["snippet"] = hits[i].snippet;
    j["score"] = hits[i].score;
    items.push_back(j);
  }
  nlohmann::json page = Page(items, limit, offset, hits.size() > limit);
  page["q"] = q;
  return Json(page);
}

Response Post(Site& site, const Request& req, const std::smatch&) {
  if (!site.writable()) return Error(403, "writes are disabled: start the server with --token or SITREP_TOKEN");
  if (!site.Authorised(req)) return Error(401, "a valid token is required (Authorization: Bearer TOKEN)");
  int status = 201;
  nlohmann::json reply =
      site.WithDesk([&](Store& s, StoryDesk& desk) { return PostArticles(s, desk, req.body, status); });
  return Json(reply, status);
}

Response Health(Site& site, const Request&, const std::smatch&) {
  return Json({{"ok", true}, {"articles", site.WithStore([](Store& s) { return s.Count(); })},
               {"writable", site.writable()}});
}

// The posted body as JSON Lines, so the JSON Lines reader reads it as it would a file.
std::string AsJsonLines(const std::string& body) {
  nlohmann::json whole = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (whole.is_discarded()) return body;  // JSON Lines already, or broken: the reader says which
  if (!whole.is_array()) return whole.dump() + "\n";
  std::string lines;
  for (const auto& row : whole) lines += row.dump() + "\n";
  return lines;
}

}  // namespace

nlohmann::json PostArticles(Store& store, StoryDesk& desk, const std::string& body, int& status) {
  std::vector<Document> docs;
  nlohmann::json problems = nlohmann::json::array();
  auto source = ByteSource::FromString(AsJsonLines(body));
  ReadJsonl(*source, "post", JsonlFields{}, [&](Document&& d) { docs.push_back(std::move(d)); },
            [&](const std::string& where, const std::string& reason) {
              problems.push_back(where + ": " + reason);
            });
  IngestOptions options;
  options.progress = false;
  options.threads = 1;
  options.on_problem = [&](const std::string& line) { problems.push_back(line); };
  IngestStats stats = IngestDocuments(store, desk, std::move(docs), options);
  status = stats.ids.empty() ? 400 : stats.added ? 201 : 200;
  return {{"read", stats.documents}, {"added", stats.added}, {"ids", stats.ids},
          {"problems", problems}};
}

void AddApiRoutes(Router& r) {
  r.Add("GET", "/api/health", Health);
  r.Add("GET", "/api/openapi.json", [](Site&, const Request&, const std::smatch&) { return Json(OpenApi()); });
  r.Add("GET", "/api/stories", Stories);
  r.Add("GET", "/api/stories/([0-9]+)", Story);
  r.Add("GET", "/api/stories/([0-9]+)/brief", Brief);
  r.Add("GET", "/api/stories/([0-9]+)/claims", Claims);
  r.Add("GET", "/api/stories/([0-9]+)/entities", Entities);
  r.Add("GET", "/api/stories/([0-9]+)/quotes", Quotes);
  r.Add("GET", "/api/stories/([0-9]+)/timeline", Timeline);
  r.Add("GET", "/api/articles", Articles);
  r.Add("POST", "/api/articles", Post);
  r.Add("GET", "/api/articles/([0-9a-f]{1,16})", OneArticle);
  r.Add("GET", "/api/search", Search);
}

nlohmann::json OpenApi() {
  auto param = [](const char* name, const char* in, const char* type, const char* what, bool required) {
    return nlohmann::json{{"name", name}, {"in", in}, {"required", required},
                          {"schema", {{"type", type}}}, {"description", what}};
  };
  const nlohmann::json paging = {param("limit", "query", "integer", "at most this many (default 20, most 100)", false),
                                 param("offset", "query", "integer", "skip this many", false)};
  const nlohmann::json story_id = param("id", "path", "integer", "story number", true);
  auto get = [](const char* summary, nlohmann::json params = nlohmann::json::array()) {
    return nlohmann::json{{"get", {{"summary", summary}, {"parameters", params},
                                   {"responses", {{"200", {{"description", "JSON"}}},
                                                  {"404", {{"description", "not found"}}}}}}}};
  };
  nlohmann::json stories_params = paging;
  stories_params.push_back(param("sort", "query", "string", "largest (default), newest or contested", false));
  nlohmann::json search_params = paging;
  search_params.push_back(param("q", "query", "string", "plain words (all must match, else any) or FTS5 syntax", true));
  nlohmann::json paths = {
      {"/api/health", get("Liveness, article count, whether writes are enabled")},
      {"/api/openapi.json", get("This description")},
      {"/api/stories", get("Stories, a page at a time", stories_params)},
      {"/api/stories/{id}", get("A story and its members in arrival order", {story_id})},
      {"/api/stories/{id}/brief", get("The story's brief (the schema of sitrep brief --json)", {story_id})},
      {"/api/stories/{id}/claims", get("The story's claims with statements for and against", {story_id})},
      {"/api/stories/{id}/entities", get("The story's key actors", {story_id})},
      {"/api/stories/{id}/quotes", get("Who said what in the story", {story_id})},
      {"/api/stories/{id}/timeline", get("The story's dated events with their sources; forecasts marked", {story_id})},
      {"/api/articles", get("Articles in arrival order, a page at a time", paging)},
      {"/api/articles/{id}", get("One article (id or unique prefix) with its layers and story",
                                 {param("id", "path", "string", "article id or a unique prefix", true)})},
      {"/api/search", get("Full-text search, best first, with snippets", search_params)},
  };
  paths["/api/articles"]["post"] = {
      {"summary", "Ingest articles: one JSON object, an array, or JSON Lines with title, text or html, url, date, source, author"},
      {"security", {{{"token", nlohmann::json::array()}}}},
      {"requestBody", {{"required", true}, {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}},
      {"responses", {{"201", {{"description", "articles added"}}},
                     {"200", {{"description", "already stored"}}},
                     {"400", {{"description", "nothing readable"}}},
                     {"401", {{"description", "no valid token"}}},
                     {"403", {{"description", "writes disabled"}}},
                     {"413", {{"description", "body too large"}}}}}};
  return {{"openapi", "3.0.3"},
          {"info", {{"title", "sitrep"}, {"version", "0.1"},
                    {"description", "Stories, briefs, claims and articles from a sitrep store"}}},
          {"components", {{"securitySchemes", {{"token", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
          {"paths", paths}};
}

}  // namespace sitrep::serve
