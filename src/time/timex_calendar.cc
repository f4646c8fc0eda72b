// Civil-from-days after Howard Hinnant's well-known public-domain algorithm description.
#include "time/timex_calendar.h"

#include <algorithm>

#include <cstdio>

namespace sitrep::timex_cal {

int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Ymd CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  Ymd r;
  r.d = int(doy - (153 * mp + 2) / 5 + 1);
  r.m = int(mp < 10 ? mp + 3 : mp - 9);
  r.y = int(yoe + era * 400 + (r.m <= 2));
  return r;
}

int Weekday(int64_t days) {
  int w = int(((days % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday
  return w + 1;
}

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[(m - 1) % 12];
}

int64_t MondayOfIsoWeek(int iso_year, int week) {
  int64_t jan4 = DaysFromCivil(iso_year, 1, 4);
  return jan4 - (Weekday(jan4) - 1) + 7 * (week - 1);
}

void IsoWeek(int64_t days, int& iso_year, int& week) {
  int64_t thursday = days - (Weekday(days) - 1) + 3;  // the week's Thursday names its year
  iso_year = CivilFromDays(thursday).y;
  week = int((thursday - MondayOfIsoWeek(iso_year, 1)) / 7) + 1;
}

std::string Date(int64_t days) {
  Ymd c = CivilFromDays(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
  return buf;
}

std::string Month(int y, int m) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  return buf;
}

std::string Week(int64_t days) {
  int y, w;
  IsoWeek(days, y, w);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", y, w);
  return buf;
}

std::string AddMonths(int y, int m, int n) {
  int total = y * 12 + (m - 1) + n;
  int ny = total >= 0 ? total / 12 : (total - 11) / 12;
  return Month(ny, total - ny * 12 + 1);
}

namespace {

int DigitsAt(std::string_view v, size_t pos, size_t n) {
  if (pos + n > v.size()) return -1;
  int x = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (v[i] < '0' || v[i] > '9') return -1;
    x = x * 10 + (v[i] - '0');
  }
  return x;
}

}  // namespace

Period ParsePeriod(std::string_view v) {
  Period p;
  int y = DigitsAt(v, 0, 4);
  if (y < 0 || (v.size() > 4 && v[4] != '-')) return p;
  if (v.size() == 4) return {y};
  if (v.size() == 7 && v[5] == 'Q' && DigitsAt(v, 6, 1) >= 1 && DigitsAt(v, 6, 1) <= 4)
    return {y, DigitsAt(v, 6, 1)};
  int m = DigitsAt(v, 5, 2);
  if (m < 1 || m > 12 || (v.size() > 7 && v[7] != '-')) return p;
  if (v.size() == 7) return {y, 0, m};
  int d = DigitsAt(v, 8, 2);
  if (d < 1 || d > 31 || (v.size() > 10 && v[10] != 'T')) return p;
  return {y, 0, m, d};
}

std::string ShiftYears(const Period& p, int n) {
  if (!p.valid()) return "";
  int y = p.y + n;
  if (p.q) return std::to_string(y) + "-Q" + std::to_string(p.q);
  if (!p.m) return std::to_string(y);
  if (!p.d) return Month(y, p.m);
  return Date(DaysFromCivil(y, p.m, std::min(p.d, DaysInMonth(y, p.m))));
}

}  // namespace sitrep::timex_cal
