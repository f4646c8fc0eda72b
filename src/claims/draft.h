// A statement before it is grouped into a claim, as the grouping steps (claims.cc,
// denials.cc) share it.
#pragma once

#include <optional>
#include <set>
#include <vector>

#include "claims/claims.h"
#include "claims/frames.h"
#include "claims/terms.h"

namespace sitrep::claims {

// A statement before grouping: what it says as terms and as event frames, and which other
// statements share a reused passage with it.
struct Draft {
  Statement statement;
  TermVector terms;
  std::vector<uint32_t> names, numbers;  // sorted term ids: who and how many, what tells events apart
  std::set<size_t> passage_links;
  std::optional<uint32_t> speaker_key;  // the speaker's surname as a term
  std::vector<Frame> frames;            // who does what to whom, as the statement tells it
  std::vector<std::string> people;      // the people it names, by surname, sorted
};

// A claim as it grows: indices into the drafts.
struct Group {
  std::vector<size_t> members;
};

}  // namespace sitrep::claims
