// Claims: the same statement across a story's articles, how many independent sources back
// it, and who denies it.
//
// Statements are the attributions the quotes stage found (and, for articles where it found
// none, the article's lead sentence as its outlet's own report). Two statements make one
// claim when their content words match (tf-idf cosine over stems, names by their consonant
// skeleton so transliterations meet) or when the copies stage finds one passage reused in
// both (translations of one statement), or when a reporter's paraphrase is followed by the
// quote that bears it out, or when they tell one event frame in other words (the same kind of
// deed by the same agent to the same patient, about the same thing: "X pressed Y to send
// troops" / "X demands Y join the war"; claims/frames.h). Statements that tell a deed of one
// kind by or to other actors, or only other deeds, do not join on shared words. Statements
// join only if their articles agree on the event's anchors (the places and people their
// opening names, the person and place they name most, the years they open on; claims/anchors.h):
// look-alike events told in the same words stay apart. Joined on words alone, two articles'
// statements must also come from articles that tell one occurrence as far as the story shows
// (each among the other's nearer half of the story, by the words particular to them; not
// published years apart), and share three words besides the verbs and days any statement uses.
//
// A denial rarely repeats the words it denies, so it joins the claim that tells the deed it
// calls false (its frame), else the claim that says most of what it calls false
// (claims/denials.h): the words after "reports that X" / "claims about X", or, when it points
// back ("these reports"), the sentence before it that tells them; a country's capital,
// people or seat of government standing for the country, one term a kind of deed ("forced",
// "pressed"); among claims that say about as much of it, the most widely told.
//
// Each statement has an origin: its speaker, else the agency it was relayed from, else its
// outlet; copies carry their upstream's origin, so syndicated text and relays of one
// statement count once, and an agency credited with a statement its article quotes the
// speaker for (relayed by that agency) is that speaker.
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
  // A denial's bar to attach to the claim it answers: the share of what it calls false (its
  // tf-idf weight) that the claim's words say.
  double deny_join = 0.12;
};

// The story's claims, best supported first (independent origins, then statements).
std::vector<Claim> FindClaims(const StoryArticles& story, const ClaimOptions& options = {});

}  // namespace sitrep::claims
