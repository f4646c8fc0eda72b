// Who is who across a story: the mentions of its articles (Article::mentions, typed spans
// from the tagger) resolved to entities, so "Petrenka", "Mykola Petrenko", "Петренко" and
// "the Harbour mayor" are one person, and "NHA" is the National Harbour Authority.
//
// Promises:
// - Every person, organisation and place mention gets Mention::entity set to its entity's key.
// - Role phrases that stand for a person ("Petrenko's spokesman", "the Harbour mayor") are
//   added as person mentions when exactly one entity in the story holds a fitting role.
// - Two people never merge on a shared given name alone; a lone given name or surname joins
//   a full name only when one person in the story has it.
// - The tagger's slips are mended per story first: a span run across a place and a person's
//   name ("Mayor of Veloria Mykola") is split where the name begins, and each surface form
//   takes one type (votes of its mentions; a surname counts its full name's).
// - A one-word organisation or place name alike to several longer ones ("Harbours" beside
//   "Ministry of Harbours" and "Harbours Council") joins none of them.
// - Each entity keeps, for every variant that joined it, the reason ("same surname",
//   "acronym of", "role 'spokesman of Petrenko'").
// - Cost grows with the distinct names, not with their pairs: names are compared only
//   within blocks that share a surname key, an initial trigram or an acronym.
#pragma once

#include <span>
#include <vector>

#include "article.h"
#include "story.h"

namespace sitrep {

// Resolves the mentions of a story's articles (sets Mention::entity, may add role mentions)
// and returns its entities, those mentioned most first.
std::vector<Entity> ResolveEntities(std::span<Article> story_articles);

}  // namespace sitrep
