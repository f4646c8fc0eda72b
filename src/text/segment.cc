// STUB: replaced by the sentence work.
#include "text/segment.h"

namespace sitrep {
void Segment(Article& article) {}
}  // namespace sitrep
