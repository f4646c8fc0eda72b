// STUB: replaced by the cleaning work.
#include "clean/clean.h"

namespace sitrep {
CleanText Clean(std::string_view raw) {
  CleanText out;
  out.text = std::string(raw);
  out.paragraphs.push_back({0, static_cast<uint32_t>(out.text.size())});
  return out;
}
}  // namespace sitrep
