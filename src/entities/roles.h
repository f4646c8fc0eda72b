// Titles and roles: what a text says someone is ("Harbour mayor Mykola Petrenko", "Olena
// Kovalenko, the secretary of the Port Council", "Petrenko's spokesman"), found beside a
// name, or standing alone for a person ("the Harbour mayor said").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace sitrep::roles {

struct Role {
  Span span;                    // the phrase in the article's text
  std::string text;             // as a reader says it: "spokesman of Petrenko", "Lt. Gen."
  std::string head;             // the role word, lower case: "spokesman", "dictator"
  // What narrows the role down, each as a short lower-case stem: "canad" for "Canada" and
  // "Canadian", "petre" for "Petrenko's"; function words and the head left out.
  std::vector<std::string> qualifiers;
};

// True for a role word ("president", "spokesman", "Commander-in-Chief"), any case.
bool IsRoleWord(std::string_view word);

// The role written next to the name at `name`: before it ("Harbour mayor Mykola Petrenko",
// "the Mayor of Harbour, Mykola Petrenko") or after it, set off by a comma ("Kovalenko, the
// secretary of the Council,"). Empty vector when there is none; at most one each side.
std::vector<Role> RolesAround(const Article& a, Span name);

// Role phrases that stand for a person without naming one: "the Harbour mayor",
// "Petrenko's spokesman" (when no name follows). `names` are the article's name mentions,
// which such a phrase must not overlap or run into.
std::vector<Role> BareRoles(const Article& a, const std::vector<Span>& names);

// Whether a bare role can be the same role as `known` (one an entity was given): same head,
// and each of the bare role's qualifiers among the known role's (owners compared by the
// caller, who knows which names are one entity).
bool Compatible(const Role& bare, const Role& known);

// The stem a qualifier is compared by: lower case, its first five letters, so a country
// and its adjective meet ("Ukraine", "Ukrainian" → "ukrai").
std::string QualifierStem(std::string_view word);

}  // namespace sitrep::roles
