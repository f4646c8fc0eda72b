// What every benchmark prints: a rate, the median of several runs, and peak memory.
#pragma once

#include <sys/resource.h>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "pipeline/pipeline.h"

namespace sitrep::bench {

inline double PeakRssMiB() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

// Seconds of CPU this thread has used: what one core did, whatever else the machine runs.
inline double ThreadCpuSeconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

inline double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// Runs `work` `runs` times; each run returns how many items it did. Prints and returns the
// median rate in items per second.
template <typename F>
double MedianRate(const char* what, const char* unit, int runs, F work) {
  std::vector<double> rates;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    double items = work();
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rates.push_back(items / s);
  }
  double m = Median(rates);
  printf("%-28s %10.0f %s/s (median of %d; min %.0f, max %.0f)  peak RSS %.0f MiB\n", what, m,
         unit, runs, *std::min_element(rates.begin(), rates.end()),
         *std::max_element(rates.begin(), rates.end()), PeakRssMiB());
  return m;
}

// Every article of an input, read and built as ingest does it; call before any clock starts.
inline std::vector<Article> BuildArticles(const std::string& path) {
  std::vector<Article> out;
  ReadInput(
      path, {}, [&](Document&& d) { out.push_back(BuildArticle(std::move(d))); },
      [](const std::string&, const std::string&) {});
  return out;
}

}  // namespace sitrep::bench
