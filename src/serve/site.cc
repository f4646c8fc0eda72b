#include "serve/site.h"

#include <algorithm>

#include "entities/speakers.h"

namespace sitrep::serve {

std::string Request::Param(const std::string& name, const std::string& fallback) const {
  auto it = query.find(name);
  return it == query.end() ? fallback : it->second;
}

Response Json(const nlohmann::json& body, int status) {
  // Invalid UTF-8 cannot reach the store (ingest repairs it), but a reply must never throw.
  return {status, "application/json",
          body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

Response Error(int status, const std::string& message) {
  return Json({{"error", message}}, status);
}

size_t SizeParam(const Request& req, const std::string& name, size_t fallback, size_t most) {
  std::string v = req.Param(name);
  if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
    return fallback;
  return std::min<size_t>(std::stoul(v), most);
}

void Router::Add(std::string method, const std::string& pattern, Handler handler) {
  routes_.push_back({std::move(method), std::regex(pattern), std::move(handler)});
}

Response Router::Dispatch(Site& site, const Request& req) const {
  bool path_known = false;
  std::smatch m;
  for (const Route& r : routes_) {
    if (!std::regex_match(req.path, m, r.pattern)) continue;
    path_known = true;
    if (r.method == req.method || (r.method == "GET" && req.method == "HEAD"))
      return r.handler(site, req, m);
  }
  return path_known ? Error(405, "method not allowed") : Error(404, "not found");
}

Site::Site(Store& store, std::string token) : store_(store), token_(std::move(token)) {
  AddApiRoutes(router_);
  AddPageRoutes(router_);
}

Response Site::Handle(const Request& req) {
  // Nothing is served from the file system, but a path that climbs is refused outright so
  // no later route can be tricked by one.
  if (req.path.find("..") != std::string::npos || req.path.find('\\') != std::string::npos ||
      req.path.find('\0') != std::string::npos)
    return Error(400, "bad path");
  try {
    return router_.Dispatch(*this, req);
  } catch (const StoreError& e) {
    return Error(400, e.what());
  } catch (const std::exception& e) {
    return Error(500, e.what());
  }
}

void Site::PrepareDesk() {
  // Articles only ever get added, so an unchanged count means nobody else wrote.
  if (desk_ && store_.Count() == desk_articles_) return;
  desk_ = std::make_unique<StoryDesk>(store_);
  desk_articles_ = store_.Count();
}

bool Site::Authorised(const Request& req) const {
  if (token_.empty()) return false;
  std::string given;
  if (auto it = req.headers.find("authorization"); it != req.headers.end() &&
                                                    it->second.starts_with("Bearer "))
    given = it->second.substr(7);
  else if (auto t = req.headers.find("x-sitrep-token"); t != req.headers.end())
    given = t->second;
  // Compared in constant time, so the reply's timing does not reveal how much matched.
  unsigned char diff = given.size() != token_.size();
  for (size_t i = 0; i < token_.size(); ++i)
    diff |= static_cast<unsigned char>(token_[i] ^ (i < given.size() ? given[i] : 0));
  return diff == 0;
}

std::shared_ptr<const StoryView> Site::View(StoryId id) {
  const size_t generation = WithStore([](Store& s) { return s.Count(); });
  {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    if (generation != cache_generation_) {
      views_.clear();
      cache_generation_ = generation;
    }
    if (auto it = views_.find(id); it != views_.end()) return it->second;
  }
  auto story = WithStore([id](Store& s) { return s.ReadStory(id); });
  if (!story) return nullptr;
  ResolveStory(story->articles);
  auto view = std::make_shared<StoryView>();
  view->brief = brief::BuildBrief(*story);
  view->claims = claims::FindClaims(*story);
  view->story = std::move(*story);
  std::lock_guard<std::mutex> lock(cache_mutex_);
  if (views_.size() >= 256) views_.clear();  // a crude bound; views rebuild on demand
  if (generation == cache_generation_) views_[id] = view;
  return view;
}

std::optional<Site::ArticleRead> Site::ReadArticle(const std::string& id) {
  auto article = WithStore([&](Store& s) { return s.Get(id); });
  if (!article) return std::nullopt;
  ArticleRead read{std::move(*article), {}};
  read.placement = WithStore([&](Store& s) { return s.PlacementOf(read.article.id); });
  if (!read.placement || !read.placement->story.story) return read;
  if (auto view = View(read.placement->story.story))
    for (const Article& a : view->story.articles)
      if (a.id == read.article.id) read.article = a;
  return read;
}

std::vector<std::pair<StorySummary, size_t>> Site::ContestedStories(size_t scan) {
  auto stories = WithStore([scan](Store& s) { return s.Stories(scan, 0); });
  std::vector<std::pair<StorySummary, size_t>> out;
  for (const StorySummary& s : stories) {
    auto view = View(s.id);
    if (!view) continue;
    size_t contested = std::count_if(view->claims.begin(), view->claims.end(),
                                     [](const claims::Claim& c) { return c.contested; });
    if (contested) out.emplace_back(s, contested);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace sitrep::serve
