// Parsing of one date string as metadata states it: RFC 822/2822 ("Mon, 19 Dec 2022
// 21:40:00 +0200"), ISO 8601 and W3C-DTF, asctime, numeric day-month-year ("19.12.2022 21:40"),
// and written dates in several languages ("December 19, 2022", "19 grudnia 2022").
#pragma once

#include <optional>
#include <string_view>

#include "article.h"

namespace sitrep {

// The date the whole string states, or nothing when it is not a date.
std::optional<DateTime> ParseDate(std::string_view s);

}  // namespace sitrep
