// Rules over the tagger's spans, before speakers are traced: the model proposes, rules
// dispose. They mend what a tagger that reads a window of tokens gets wrong in ways a reader
// sees at once:
// - a reported clause cut at a comma or a date ("said that in recent days") runs on to the
//   end of the clause the cue governs (its sentence), unless another cue stands in between;
// - a quotation found in part is taken whole (from its opening mark when the found part ends
//   at its closing one);
// - a placeholder content ("commented on this visit", "expressed his opinion", "That's
//   according to ...", "as Jane Roe put it") is replaced by what it stands for: the clause
//   before the source, the quotation before "as ... put it", or the paragraph before;
// - "Otherwise, according to Jane Roe, ...": the content is what follows the parenthesis;
// - a source's leading leftover ("As a reminder, the harbour council") is cut off;
// - a content that runs on over its own "as Jane Roe put it" ends before "as";
// - what the tagger left without a cue but closed by its credit is attributed: a quotation
//   ("“...”, - noted Jane Roe.") or, wire style, a clause before a person's name and title
//   ("The port will reopen, Jane Roe, the harbour master, has told Radio Harbour.").
// For a reader (not for span scoring: PolNeAR counts any attribution of a view and marks the
// topic of "commented on" as its content) they also replace placeholders and drop what is no
// statement: cues that are no speech or thought ("pressured", "will come", "it is known",
// "seems"), an author's reading of someone's words ("her words actually mean: ..."), and
// placeholders with nothing to stand for.
#pragma once

#include "article.h"

namespace sitrep::quotes {

struct RepairOptions {
  bool for_reader = true;  // false: mend spans only, as `sitrep eval quotes` scores them
};

// Mends article.attributions in place (needs its sentences, paragraphs and tokens).
void RepairAttributions(Article& article, const RepairOptions& options = {});

}  // namespace sitrep::quotes
