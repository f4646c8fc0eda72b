#include "store/store.h"

#include "store/backends.h"

#include <unordered_set>

namespace sitrep {

std::unique_ptr<Store> Store::Open(const std::string& spec) {
  if (IsPostgresSpec(spec)) return OpenPostgres(spec);
  return OpenSqlite(spec);
}

std::string Store::Name(const std::string& spec) {
  if (!IsPostgresSpec(spec)) return spec;
  const size_t host = spec.find("://") + 3;
  const size_t at = spec.find('@', host), slash = spec.find('/', host);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return spec;
  const size_t colon = spec.find(':', host);
  if (colon == std::string::npos || colon > at) return spec;
  return spec.substr(0, colon + 1) + "***" + spec.substr(at);
}

std::optional<StoryArticles> Store::ReadStory(StoryId id) {
  auto story = Story(id);
  if (!story) return std::nullopt;
  StoryArticles out;
  out.id = id;
  out.label = story->label;
  for (const StoryMember& m : StoryMembers(id)) {
    auto article = Get(m.article.id);
    if (!article) continue;  // Check() reports such a gap; a brief can do without it
    out.articles.push_back(std::move(*article));
    out.upstream.push_back(m.upstream);
  }
  return out;
}

std::vector<bool> Store::NewIn(const std::vector<Article>& batch) {
  std::vector<std::string> ids;
  for (const Article& a : batch) ids.push_back(a.id);
  const std::vector<bool> stored = Contains(ids);
  std::unordered_set<std::string> seen;
  std::vector<bool> is_new(batch.size());
  for (size_t i = 0; i < batch.size(); ++i)
    is_new[i] = !stored[i] && seen.insert(batch[i].id).second;
  return is_new;
}

}  // namespace sitrep
