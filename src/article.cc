#include "article.h"

#include <xxhash.h>

#include <cstdio>
#include <cstdlib>

namespace sitrep {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace

std::string DateTime::Iso() const {
  char buf[64];
  switch (precision) {
    case Precision::kNone: return "";
    case Precision::kYear: snprintf(buf, sizeof buf, "%04d", year); return buf;
    case Precision::kMonth: snprintf(buf, sizeof buf, "%04d-%02d", year, month); return buf;
    case Precision::kDay: snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day); return buf;
    case Precision::kMinute:
      snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", year, month, day, hour, minute);
      break;
    case Precision::kSecond:
      snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute,
               second);
      break;
  }
  std::string s = buf;
  if (utc_offset_minutes) {
    int off = *utc_offset_minutes;
    if (off == 0) return s + "Z";
    snprintf(buf, sizeof buf, "%c%02d:%02d", off < 0 ? '-' : '+', std::abs(off) / 60,
             std::abs(off) % 60);
    s += buf;
  }
  return s;
}

int64_t DateTime::UnixSeconds() const {
  int m = precision >= Precision::kMonth ? month : 1;
  int d = precision >= Precision::kDay ? day : 1;
  int64_t t = DaysFromCivil(year, m, d) * 86400 + hour * 3600 + minute * 60 + second;
  return t - int64_t(utc_offset_minutes.value_or(0)) * 60;
}

const char* EntityTypeName(EntityType t) {
  switch (t) {
    case EntityType::kPerson: return "person";
    case EntityType::kOrganisation: return "organisation";
    case EntityType::kPlace: return "place";
    case EntityType::kMisc: return "misc";
  }
  return "misc";
}

std::string ArticleId(std::string_view url, std::string_view text) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  XXH3_64bits_update(state, url.data(), url.size());
  XXH3_64bits_update(state, "\n", 1);
  XXH3_64bits_update(state, text.data(), text.size());
  uint64_t h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  char buf[17];
  snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace sitrep
