// Claims: the same statement across a story's articles, how many independent sources back
// it, and who denies it.
//
// Statements are the attributions the quotes stage found (and, for articles where it found
// none, the article's lead sentence as its outlet's own report). Two statements make one
// claim when their content words match (tf-idf cosine over stems, names by their consonant
// skeleton so transliterations meet) or when the copies stage finds one passage reused in
// both (translations of one statement). A denial rarely repeats the words it denies, so it
// joins the claim that best matches what it denies: the object it calls false ("reports that
// X", "such claims": then the sentences before it), with a country's capital standing for its
// government, at a lower bar. Each statement has an origin: its speaker,
// else the agency it was relayed from, else its outlet; copies carry their upstream's
// origin, so syndicated text and relays of one statement count once.
#pragma once

#include <string>
#include <vector>

#include "story.h"

namespace sitrep::claims {

enum class Stance {
  kAsserts,  // the speaker states it
  kReports,  // an outlet or a relay states it, or the speaker tells of what others say
  kHedges,   // belief, forecast, plan: "believes", "may", "will"
  kDenies,   // "denied", "not true", "baseless fiction"
};
const char* StanceName(Stance s);

// How a statement relates to its claim's content, from the cue and the words around it.
Stance StanceOf(std::string_view cue, std::string_view content);
// A word that rejects what it speaks of ("baseless", "denied").
bool IsDenyingWord(std::string_view word);

struct Statement {
  size_t article = 0;    // index into the story's articles
  Span span;             // the statement's content in that article
  std::string text;
  std::string speaker;   // as resolved or written; empty for an outlet's own report
  std::vector<std::string> chain;  // speaker → venue → relays → the article's outlet
  std::string origin;    // what makes it independent of the others
  Stance stance = Stance::kAsserts;
  std::string why;       // why it joined its claim ("shares passage", "cosine 0.42: ...")
};

struct Claim {
  std::string wording;   // the most central statement's text
  std::vector<Statement> statements;
  size_t articles = 0, outlets = 0, origins = 0;  // distinct, over statements for it
  size_t against = 0;    // statements that deny it
  bool contested = false;  // both asserted and denied in the story
};

struct ClaimOptions {
  double join = 0.30;       // cosine for two statements to be one claim
  double deny_join = 0.12;  // a denial's bar to attach to the claim it answers
};

// The story's claims, best supported first (independent origins, then statements).
std::vector<Claim> FindClaims(const StoryArticles& story, const ClaimOptions& options = {});

}  // namespace sitrep::claims
