// Measuring FindPageDate against a gold file of dated pages (htmldate's evaluation format:
// one {file, url, date} a line, `file` relative to the gold file's folder, ".gz" gunzipped).
// Shared by `sitrep eval dates` and bench/dates.cc.
#pragma once

#include <string>
#include <vector>

namespace sitrep::page_date {

struct GoldPage {
  std::string file, url, date;  // date: "YYYY-MM-DD"
  std::string html;             // UTF-8
};

// Throws std::runtime_error (or InputError from ByteSource) when the gold file or a page
// cannot be read.
std::vector<GoldPage> LoadGoldPages(const std::string& gold_path);

struct PageOutcome {
  std::string file, gold, found, evidence;
};

struct DateEval {
  size_t pages = 0, found = 0, correct = 0;
  double seconds = 0;  // parsing and dating only, not reading the files
  std::vector<PageOutcome> misses;
};

DateEval EvaluatePageDates(const std::vector<GoldPage>& pages);

}  // namespace sitrep::page_date
