// Parsing of one date string as metadata states it: RFC 822/2822 ("Mon, 19 Dec 2022
// 21:40:00 +0200"), ISO 8601 and W3C-DTF, asctime, numeric day-month-year ("19.12.2022 21:40"),
// and written dates in several languages ("December 19, 2022", "19 grudnia 2022").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace sitrep {

// How to read an all-numeric date whose first two fields could both be the month
// ("05/06/2022"). A reading that is impossible the other way round ("19/12/2022",
// "12/19/2022") wins whatever the order says.
enum class NumericOrder { kDayFirst, kMonthFirst };

struct DateParseOptions {
  NumericOrder order = NumericOrder::kDayFirst;
};

// The date the whole string states, or nothing when it is not a date. A zone is kept only
// when a time of day is given; 2-digit years map to 1970-2069.
std::optional<DateTime> ParseDate(std::string_view s);
std::optional<DateTime> ParseDate(std::string_view s, const DateParseOptions& options);

// Lowercase without diacritics ("Décembre" -> "decembre", "Ιούλ" -> "ιουλ"): the form the
// month and weekday tables are keyed by, so callers can match text against MonthWords().
std::string FoldDateText(std::string_view s);

// Every folded month name and abbreviation ParseDate knows, longest first, for building
// search patterns over folded text.
const std::vector<std::string>& MonthWords();

}  // namespace sitrep
