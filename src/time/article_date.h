// An article's publication date when its metadata states none, inferred from what the text
// tells: the days it reports as done (published on or after the latest), the days it speaks
// of as ahead (published before the earliest), and, given the dates of related articles
// (the story's), the year of bare dates ("December 19") and the day a weekday names ("on
// Monday"). An inferred date is always less sure than a stated one (confidence at most 0.45)
// and its evidence says why, in words a reader can check.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "article.h"

namespace sitrep {

// `context`: publication dates known for related articles; empty is fine. Nothing when the
// text gives no day to stand on (no dated event, or bare dates without any year).
std::optional<PublicationTime> InferPublicationTime(std::string_view text,
                                                    std::span<const DateTime> context = {});

// The same over an article's clean text (its own `published` is not read).
std::optional<PublicationTime> InferPublicationTime(const Article& article,
                                                    std::span<const DateTime> context = {});

}  // namespace sitrep
