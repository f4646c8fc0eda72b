// Metadata that bare article text reveals: dates ("date 2022-12-20", "19.12.2022 21:40",
// "December 19, 2022"), URLs that credit a source, and outlet names in phrases such as
// "informs Example.NET", "according to Nordinform", "told Radio Harbour". The article's own outlet
// is told apart from the outlets it relays.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace sitrep {

// One absolute date found in the text.
struct DateMention {
  size_t begin = 0, end = 0;  // bytes in the line, the marker word included
  DateTime when;
  bool marked = false;        // introduced by "date", "published", "опубліковано", ...
};

// All absolute dates in `line` (ISO, day.month.year, written months in English,
// Ukrainian and Russian), each with an optional time that follows it.
std::vector<DateMention> FindDates(std::string_view line);

// A URL in a line: "https://...", "www....", or a bare "site.org/path".
struct UrlMention {
  size_t begin = 0, end = 0;
  std::string url;
  std::string host;  // lower case, without "www."
};
std::vector<UrlMention> FindUrls(std::string_view line);

// A URL that only credits a source: it ends the line and follows the end of a sentence, a
// time, or nothing ("... he added. https://www.nordinform.net/...").
bool IsCreditUrl(std::string_view line, const UrlMention& url);

// Outlet names that `line` attributes: `own` gets the article's outlet ("informs X",
// "повідомляє X"), `relays` the outlets it cites ("according to X", "X reports",
// "with a reference to X", "told X", "X quoted ... as saying", "on the X channel").
void FindOutlets(std::string_view line, std::string* own, std::vector<std::string>* relays);

// Whether a name found by a weak cue ("according to X") is a news outlet rather than a
// person or an office: "Example.NET", "Radio Harbour", "The Spectator", "Northern Truth",
// "Nordinform" yes; "Petrenko", "Olena Kovalenko", "the Interior Ministry" no.
bool LooksLikeOutlet(std::string_view name);

// Adds `name` to `relays` unless the same outlet is there ("nordinform.net" = "Nordinform").
void AddRelay(std::vector<std::string>& relays, std::string_view name);

}  // namespace sitrep
