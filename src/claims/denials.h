// Denials: the claim a denial answers. A denial rarely repeats the words it denies, so it
// joins the claim that says most of what it calls false (the words after "reports that X" /
// "claims about X", or the sentence before it that tells "these reports"), capitals,
// peoples and seats of government read as their country, one term a kind of deed; a claim
// whose event frame the denial negates comes first.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "claims/anchors.h"
#include "claims/draft.h"
#include "claims/frames.h"

namespace sitrep::claims {

// The group a denial (`drafts[i]`) answers, and why; -1 when none is close enough (`bar`: the
// share of what it calls false that the claim must say).
std::pair<int, std::string> DeniedClaim(const StoryArticles& story, const std::vector<Draft>& drafts,
                                        const std::vector<Group>& groups, size_t i, double bar,
                                        dedup::Vocabulary& vocab, const TermWeights& weights,
                                        const DeedTerms& deeds, const Actors& actors,
                                        EventConflicts& conflicts);

}  // namespace sitrep::claims
