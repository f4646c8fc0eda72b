// The web site and API as plain functions of a request: routing, the store shared by the
// server's worker threads, the write token and a cache of story views. No sockets here
// (server.h wires this to HTTP), so every route can be tested directly.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "brief/brief.h"
#include "claims/claims.h"
#include "pipeline/story_desk.h"
#include "store/store.h"

namespace sitrep::serve {

struct Request {
  std::string method = "GET";
  std::string path;                            // decoded, without the query
  std::map<std::string, std::string> query;    // decoded parameters
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  std::string Param(const std::string& name, const std::string& fallback = "") const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// A story with what the story-level stages make of it, built once per store state.
struct StoryView {
  StoryArticles story;
  brief::Brief brief;
  std::vector<claims::Claim> claims;
};

class Site;
using Handler = std::function<Response(Site&, const Request&, const std::smatch&)>;

// Method + path pattern → handler. Adding an endpoint is one Add call.
class Router {
 public:
  void Add(std::string method, const std::string& pattern, Handler handler);
  // The handler's response; 404 when no pattern matches, 405 when only the method is wrong.
  Response Dispatch(Site& site, const Request& req) const;

 private:
  struct Route {
    std::string method;
    std::regex pattern;
    Handler handler;
  };
  std::vector<Route> routes_;
};

class Site {
 public:
  // `token` empty: writes are refused. The store must outlive the site.
  Site(Store& store, std::string token);

  Response Handle(const Request& req);

  // Runs `fn(store)` holding the store's lock: the SQLite store caches prepared statements
  // and is not for concurrent use.
  template <class F>
  auto WithStore(F&& fn) {
    std::lock_guard<std::mutex> lock(store_mutex_);
    return fn(store_);
  }
  // Runs `fn(store, desk)` holding the store's lock, with a story desk that has seen every
  // stored article: kept between posts, rebuilt (a replay of the store) only when another
  // process has added articles since.
  template <class F>
  auto WithDesk(F&& fn) {
    std::lock_guard<std::mutex> lock(store_mutex_);
    PrepareDesk();
    try {
      auto result = fn(store_, *desk_);
      desk_articles_ = store_.Count();
      return result;
    } catch (...) {
      desk_.reset();  // it may have placed articles that were never stored
      throw;
    }
  }
  // Whether the request carries the write token ("Authorization: Bearer T" or "X-Sitrep-Token").
  bool Authorised(const Request& req) const;
  bool writable() const { return !token_.empty(); }

  // The story's view, or null when there is no such story. Cached until the store changes.
  // Its articles name speakers story-wide, as the brief, the claims and `sitrep quotes` do.
  std::shared_ptr<const StoryView> View(StoryId id);
  // A stored article as its story reads it (speakers named story-wide: "Roe" in one article
  // is the "Jane Roe" of another), with where it was placed; nothing when there is no such
  // article. An article in no story reads as stored.
  struct ArticleRead {
    Article article;
    std::optional<Placement> placement;
  };
  std::optional<ArticleRead> ReadArticle(const std::string& id);
  // Stories with at least one claim that is both asserted and denied, most contested first,
  // among the `scan` largest stories (claims cost a pass over each story).
  std::vector<std::pair<StorySummary, size_t>> ContestedStories(size_t scan = 200);

 private:
  void PrepareDesk();  // with the store's lock held

  Store& store_;
  std::unique_ptr<StoryDesk> desk_;
  size_t desk_articles_ = 0;  // the store's article count when the desk last saw it
  std::mutex store_mutex_;
  std::string token_;
  Router router_;
  std::mutex cache_mutex_;
  size_t cache_generation_ = 0;  // the store's article count the cache was built at
  std::map<StoryId, std::shared_ptr<const StoryView>> views_;
};

// Adds the JSON API (api.cc) and the HTML pages (pages.cc).
void AddApiRoutes(Router& router);
void AddPageRoutes(Router& router);

// Helpers the routes share.
Response Json(const nlohmann::json& body, int status = 200);
Response Error(int status, const std::string& message);  // JSON {"error": message}
// A non-negative integer parameter, clamped to [0, most]; `fallback` when absent or bad.
size_t SizeParam(const Request& req, const std::string& name, size_t fallback, size_t most);

}  // namespace sitrep::serve
