// STUB: replaced by the page-date work.
#include "time/date_parse.h"

namespace sitrep {
std::optional<DateTime> ParseDate(std::string_view s) { return std::nullopt; }
}  // namespace sitrep
