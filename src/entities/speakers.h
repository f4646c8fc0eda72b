// Speakers as entities: once a story's mentions are resolved, each attribution's speaker
// ("he" → "Jane Roe" by the quotes stage, or "Roe", or a role) becomes the name of the entity
// it refers to, so one person quoted under three spellings is one speaker everywhere after.
#pragma once

#include <span>
#include <vector>

#include "article.h"
#include "story.h"

namespace sitrep {

// Sets Attribution::speaker to the entity's name where the source span holds a resolved
// mention, or the speaker as written matches one; leaves it as it was otherwise.
void ResolveSpeakers(std::span<Article> articles, const std::vector<Entity>& entities);

// Both steps of a story's identity: ResolveEntities, then ResolveSpeakers.
std::vector<Entity> ResolveStory(std::span<Article> articles);

}  // namespace sitrep
