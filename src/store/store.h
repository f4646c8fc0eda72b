// The store: where Articles (and later stories, entities, quotes, claims) persist. One
// interface, so PostgreSQL can sit beside the embedded SQLite default.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "article.h"

namespace sitrep {

// A store that cannot be opened or written: the message names the file and the reason.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One line of a listing.
struct ArticleSummary {
  std::string id, url, outlet, title, published, origin;
  size_t chars = 0;
};

struct SearchHit {
  ArticleSummary article;
  std::string snippet;  // the best passage, matches marked with [ and ]
  double score = 0;     // higher is better
};

class Store {
 public:
  // `spec` is a file path (SQLite, created when missing). Throws StoreError.
  static std::unique_ptr<Store> Open(const std::string& spec);
  virtual ~Store() = default;

  // Stores a batch in one transaction: all of it or none. Articles already stored (same
  // id) are left as they are. Returns how many were new.
  virtual size_t Put(const std::vector<Article>& batch) = 0;
  // By id or by a unique id prefix.
  virtual std::optional<Article> Get(const std::string& id) = 0;
  virtual std::vector<ArticleSummary> List(size_t limit, size_t offset) = 0;
  // Full-text search over titles and text; `query` in plain words ("Lukashenko troops") or
  // FTS5 syntax when it uses quotes or operators.
  virtual std::vector<SearchHit> Search(const std::string& query, size_t limit, size_t offset) = 0;
  virtual size_t Count() = 0;
  // Checks that the indexes agree with the articles; empty when all is well.
  virtual std::vector<std::string> Check() = 0;
};

}  // namespace sitrep
