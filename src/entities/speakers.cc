#include "entities/speakers.h"

#include <cctype>
#include <unordered_map>

#include "entities/identity.h"
#include "entities/names.h"

namespace sitrep {

namespace {

bool Within(Span inner, Span outer) { return inner.begin >= outer.begin && inner.end <= outer.end; }

// Whether `span` ends the source, but for punctuation and spaces after it.
bool EndsSource(const Article& a, Span span, Span source) {
  for (uint32_t i = span.end; i < source.end && i < a.text.size(); ++i)
    if (std::isalnum(static_cast<unsigned char>(a.text[i])) || (a.text[i] & 0x80)) return false;
  return true;
}

// Each person's and organisation's spellings, romanised once for the whole story.
struct Known {
  const Entity* entity;
  names::NameForm form;
};

std::vector<Known> SpeakerCandidates(const std::vector<Entity>& entities) {
  std::vector<Known> out;
  for (const Entity& e : entities)
    if (e.type == EntityType::kPerson || e.type == EntityType::kOrganisation)
      for (const std::string& v : e.variants) out.push_back({&e, names::Analyse(v)});
  return out;
}

// The entity a speaker refers to. The name the quotes stage gave (it follows "he" and "as X
// put it" back to a name) comes first; else a resolved mention inside the source span,
// people before organisations ("the ministry spokesman Jan Roe").
const Entity* SpeakerEntity(const Article& a, const Attribution& at,
                            const std::unordered_map<std::string, const Entity*>& by_key,
                            const std::vector<Known>& known) {
  const Entity* found = nullptr;
  double best = 0;
  if (!at.speaker.empty()) {
    const names::NameForm speaker = names::Analyse(at.speaker);
    for (const Known& k : known) {
      const double s = names::NameSimilarity(speaker, k.form);
      if (s >= names::kSameName && s > best) best = s, found = k.entity;
    }
  }
  if (found) return found;
  for (const Mention& m : a.mentions) {
    if (m.entity.empty() || !Within(m.span, at.source)) continue;
    auto it = by_key.find(m.entity);
    if (it == by_key.end()) continue;
    // A people's or a place's name before the noun that speaks ("the Veloran underground",
    // "Kelby officials") describes the speaker; it is the speaker only as the source's head.
    const EntityType type = it->second->type;
    if (type != EntityType::kPerson && type != EntityType::kOrganisation && !EndsSource(a, m.span, at.source))
      continue;
    if (!found || (it->second->type == EntityType::kPerson && found->type != EntityType::kPerson))
      found = it->second;
  }
  return found;
}

}  // namespace

void ResolveSpeakers(std::span<Article> articles, const std::vector<Entity>& entities) {
  std::unordered_map<std::string, const Entity*> by_key;
  for (const Entity& e : entities) by_key[e.key] = &e;
  const std::vector<Known> known = SpeakerCandidates(entities);
  for (Article& a : articles)
    for (Attribution& at : a.attributions)
      if (const Entity* e = SpeakerEntity(a, at, by_key, known)) at.speaker = e->name;
}

std::vector<Entity> ResolveStory(std::span<Article> articles) {
  std::vector<Entity> entities = ResolveEntities(articles);
  ResolveSpeakers(articles, entities);
  return entities;
}

}  // namespace sitrep
