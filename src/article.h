// The data model: one Article flows through every stage, and each stage adds a layer of
// spans over the same clean text (like a spaCy Doc). No stage re-parses what another produced.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sitrep {

// A half-open range [begin, end) of byte offsets into Article::text (UTF-8).
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool operator==(const Span&) const = default;
};

// How much of a point in time is known: "2022" is a year, "19.12.2022" a day,
// "19.12.2022 21:40" a minute.
enum class Precision : uint8_t { kNone, kYear, kMonth, kDay, kMinute, kSecond };

// A calendar point with what is known of it. Fields below `precision` are meaningless.
struct DateTime {
  int year = 0, month = 0, day = 0;
  int hour = 0, minute = 0, second = 0;
  std::optional<int> utc_offset_minutes;  // absent when the source gave no zone
  Precision precision = Precision::kNone;

  bool known() const { return precision != Precision::kNone; }
  std::string Iso() const;  // "2022-12-19", "2022-12-19T21:40", "2022-12-19T21:40:00+02:00"
  int64_t UnixSeconds() const;  // UTC when an offset is known, else as if UTC
};

// Where a piece of metadata was found, so a reader can judge it ("json-ld", "og", "meta",
// "time-element", "url", "text", "feed", "warc", "jsonl", "input").
struct Evidence {
  std::string source;
  std::string detail;  // the matched text, e.g. "date 2022-12-20"
};

struct PublicationTime {
  DateTime when;
  Evidence evidence;
  float confidence = 0;
  // Known from metadata or a dateline, not guessed from the dates the text reports
  // (evidence "inferred"): only such a date may bound a story's time window.
  bool stated() const { return when.known() && evidence.source != "inferred"; }
};

struct Sentence {
  Span span;
  uint32_t paragraph = 0;  // index into Article::paragraphs
};

// Layers that later stages add. Declared here so the model stays in one place.
enum class EntityType : uint8_t { kPerson, kOrganisation, kPlace, kMisc };
// "person", "organisation", "place" or "misc": the word the JSON and the pages use.
const char* EntityTypeName(EntityType t);
struct Mention {
  Span span;
  EntityType type = EntityType::kMisc;
  std::string entity;  // resolved entity key, empty until identity resolution runs
};

struct Attribution {
  Span content, source, cue;
  std::string speaker;  // resolved entity key
  std::string venue;    // "a morning talk show", "Radio Harbour"
  std::vector<std::string> relays;  // outlets the statement passed through, nearest first
  bool direct = false;
};

// How the text places what happens at a time: told as done ("met on Monday", "was held") or
// as ahead, a plan or a forecast ("will visit on Monday", "may reopen in April", "is
// expected to"). kUnknown when neither the words nor the date against the article's say.
enum class Tense : uint8_t { kUnknown, kPast, kFuture };

struct TimeExpression {
  Span span;
  std::string type;   // TIMEX3 type: DATE, TIME, DURATION, SET
  std::string value;  // TIMEX3 value: "2022-12-19", "2023-02/2023-03", "P3D"
  std::string mod;    // TIMEX3 mod: START ("early 2023"), END ("late January"), MID, APPROX
                      // ("about two weeks"), MORE_THAN, LESS_THAN, ...; empty when none
  Tense tense = Tense::kUnknown;
};

struct Article {
  std::string id;  // stable content hash (see ArticleId)
  std::string url;
  std::string outlet;  // "Example.NET", "harbourtimes.org"; empty when nothing reveals it
  std::string title;
  std::string byline;
  std::string language;  // BCP 47 ("en", "uk"), empty when unknown
  PublicationTime published;
  std::string origin;  // where it came from: "path", "path#line-12", "path#record-3"
  std::string format;  // the reader that produced it: "text", "html", "jsonl", "warc", "feed"

  std::string text;  // the clean text: paragraphs separated by "\n\n"
  std::vector<Span> paragraphs;
  std::vector<Sentence> sentences;
  std::vector<Span> tokens;

  std::vector<std::string> relays;    // outlets the text says it relays ("Nordinform")
  std::vector<std::string> warnings;  // repairs made on the way in (invalid UTF-8, ...)

  std::vector<Mention> mentions;
  std::vector<Attribution> attributions;
  std::vector<TimeExpression> times;

  std::string_view Text(Span s) const { return std::string_view(text).substr(s.begin, s.size()); }
};

// The stable id: a 64-bit content hash over the url and the clean text, as 16 hex digits.
// The same page ingested twice gets the same id; a syndicated copy at another URL gets its own.
std::string ArticleId(std::string_view url, std::string_view text);

}  // namespace sitrep
