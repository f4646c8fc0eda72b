// Dates written in running text and in URLs, for page dating.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"
#include "time/date_parse.h"

namespace sitrep::page_date {

// What the words just before a date say about it. kOther dates something else: the reader's
// clock ("Current time: ..."), a member's registration ("Joined: ...").
enum class Label { kNone, kPublished, kModified, kOther };

struct TextDate {
  DateTime when;
  size_t offset = 0;  // in the folded text
  Label label = Label::kNone;
  std::string match;
};

// Every day-precise date in `text` ("19.12.2022", "December 19, 2022", "19 грудня 2022",
// "2022-12-19", "2022年12月19日"), in order, at most `limit`.
std::vector<TextDate> FindTextDates(std::string_view text, const DateParseOptions& options,
                                    size_t limit);

// The date a URL's path states: "/2022/12/19/", "/2022-12-19-title", "/20221219/".
// Precision is kDay, or kMonth for "/2022/12/" alone.
std::optional<DateTime> UrlDate(std::string_view url);

}  // namespace sitrep::page_date
