// Event frames: who does what to whom, as a statement tells it. "Ruritania pressed Borduria
// to send its army into the war" and "Ruritania's leader demands that Borduria join the
// fighting" say one thing in other words: agent Ruritania, patient Borduria, a deed of
// coercion, about war and the military. Frames let such statements meet as one claim, let a
// denial find the claim it negates, and keep apart look-alike statements whose agents or
// patients differ ("A attacked B" / "C attacked B").
//
// Actors are read as the country they stand for where the text says so: a capital, a people
// or a seat of government ("Warsaw", "Polish", "the Kremlin"), and a person the story calls
// that country's leader ("Polish president Jan Nowak", "the President of Poland, Jan Nowak");
// any other person, place or body is itself. The deeds and objects are a small lexicon of
// general news language, not of any one story.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "article.h"
#include "dedup/words.h"

namespace sitrep::claims {

// Kinds of deed a statement can tell.
enum class Deed : uint8_t { kCoerce, kJoin, kAttack, kMeet, kKill, kArrest, kHire, kOust, kOffer };
const char* DeedName(Deed d);

// What a deed is about, as a set of bits: "troops", "army" are the military; "war",
// "operation", "offensive" are war.
enum ObjectClass : uint8_t { kMilitary = 1, kWar = 2, kSanctions = 4, kWeapons = 8 };

struct Frame {
  std::string agent, patient;  // actors ("Poland", "@nwk"); empty when the text does not say
  Deed deed = Deed::kCoerce;
  uint8_t objects = 0;         // ObjectClass bits
  std::string Describe() const;  // "agent Poland, patient Borduria, coerce into war"
};

// A story's actors: which person stands for which country, from how its articles introduce
// them ("Ruritanian president Ilya Marek").
class Actors {
 public:
  explicit Actors(const std::vector<Article>& articles, dedup::Vocabulary& vocab);
  // The frames of a statement's first sentences (a long quotation drifts to other matters).
  std::vector<Frame> FramesOf(const Article& a, Span content) const;
  // The people a span names, by surname (its consonant skeleton), sorted.
  std::vector<std::string> PeopleIn(const Article& a, Span span) const;

 private:
  struct Occurrence;
  std::vector<Occurrence> ActorsIn(const Article& a, Span sentence) const;
  std::string PersonActor(const Article& a, const Mention& m) const;

  dedup::Vocabulary& vocab_;
  std::vector<std::pair<std::string, std::string>> leaders_;  // person key → country, sorted
};

// Two frames tell one deed: the same kind of deed to the same patient by the same agent, an
// agent left unsaid on one side counting as the other's when both say what it was about.
bool SameDeed(const Frame& a, const Frame& b);
// Two frames tell the same kind of deed by or to different actors, or opposite deeds (hired,
// ousted) to one patient: two events.
bool OtherActors(const Frame& a, const Frame& b);

// The first frame pair of `a` and `b` that tell one deed; nullptr when none does.
const Frame* SharedFrame(const std::vector<Frame>& a, const std::vector<Frame>& b);
// `a` and `b` tell deeds of one kind by or to other actors, or only deeds of other kinds,
// and no frame of theirs agrees.
bool FramesConflict(const std::vector<Frame>& a, const std::vector<Frame>& b);

}  // namespace sitrep::claims
