// Calendar arithmetic for normalising temporal expressions: days since the epoch, weekdays,
// ISO weeks and TIMEX3 value formatting.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sitrep::timex_cal {

struct Ymd {
  int y = 0, m = 0, d = 0;
};

int64_t DaysFromCivil(int y, int m, int d);  // 1970-01-01 is 0
Ymd CivilFromDays(int64_t days);
int Weekday(int64_t days);  // 1 Monday .. 7 Sunday (ISO)
int DaysInMonth(int y, int m);
void IsoWeek(int64_t days, int& iso_year, int& week);
int64_t MondayOfIsoWeek(int iso_year, int week);

std::string Date(int64_t days);              // "2022-12-19"
std::string Month(int y, int m);             // "2022-12"
std::string Week(int64_t days_in_week);      // "2022-W51"
std::string AddMonths(int y, int m, int n);  // "2023-02"

// A TIMEX3 value that names a calendar period, read back: "1989", "1989-Q3", "1989-10",
// "1989-10-26" (a time of day after "T" is dropped). Fields below the granularity are 0.
struct Period {
  int y = 0, q = 0, m = 0, d = 0;
  bool valid() const { return y > 0; }
};
Period ParsePeriod(std::string_view value);

// The same period `n` years on, at its own granularity ("1989-Q3" -> "1988-Q3"); the day is
// clamped to the month (29 February). Empty when `p` is not valid.
std::string ShiftYears(const Period& p, int n);

}  // namespace sitrep::timex_cal
