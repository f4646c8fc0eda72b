// The store's backends, for Store::Open (internal to store/).
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace sitrep {

std::unique_ptr<Store> OpenSqlite(const std::string& path);
// A libpq URI: "postgresql://..." or "postgres://...".
bool IsPostgresSpec(const std::string& spec);
std::unique_ptr<Store> OpenPostgres(const std::string& uri);

// Checks that the links agree with the articles, in SQL both backends speak: each counts
// the rows that break the rule `what` names.
struct LinkCheck {
  const char* sql;
  const char* what;
};
inline constexpr LinkCheck kLinkChecks[] = {
    {"SELECT count(*) FROM placements p JOIN stories s ON s.id = p.story WHERE s.merged_into IS NOT NULL",
     "articles placed in a story that was merged away"},
    {"SELECT count(*) FROM placements p WHERE p.upstream IS NOT NULL AND "
     "NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = p.upstream)",
     "copies of an article that is not stored"},
    {"SELECT count(*) FROM passages p WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = p.other)",
     "reused passages from an article that is not stored"},
};

}  // namespace sitrep
