#include "ingest/page_date_eval.h"

#include <gumbo.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <stdexcept>

#include "ingest/html.h"
#include "ingest/page_date_scan.h"
#include "util/byte_source.h"
#include "util/encoding.h"

namespace sitrep::page_date {

namespace {

// No evaluation page comes near this; a bigger one is a mistake in the gold file.
constexpr size_t kMaxPage = 64 << 20;

std::string DayOf(const DateTime& d) {
  if (d.precision < Precision::kDay) return "";
  return DateTime{d.year, d.month, d.day, 0, 0, 0, std::nullopt, Precision::kDay}.Iso();
}

}  // namespace

std::vector<GoldPage> LoadGoldPages(const std::string& gold_path) {
  std::vector<GoldPage> pages;
  const std::filesystem::path folder = std::filesystem::path(gold_path).parent_path();
  auto gold = ByteSource::OpenFile(gold_path);
  std::string line;
  while (gold->ReadLine(line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("file") || !j.contains("date")) {
      throw std::runtime_error("bad gold line: " + line.substr(0, 200));
    }
    GoldPage p{j["file"].get<std::string>(), j.value("url", ""), j["date"].get<std::string>(),
               ""};
    std::string bytes = ByteSource::OpenFile((folder / p.file).string())->ReadAll(kMaxPage);
    std::vector<std::string> warnings;
    p.html = ToUtf8(bytes, "", true, &warnings);
    pages.push_back(std::move(p));
  }
  return pages;
}

DateEval EvaluatePageDates(const std::vector<GoldPage>& pages) {
  DateEval ev;
  for (const GoldPage& p : pages) {
    auto start = std::chrono::steady_clock::now();
    // The page is read as ingest reads it, so the figure is the pipeline's own.
    PublicationTime t = ReadHtml(p.html, p.url).published;
    ev.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string day = DayOf(t.when);
    ++ev.pages;
    ev.found += !day.empty();
    if (!day.empty() && day == p.date) {
      ++ev.correct;
    } else {
      ev.misses.push_back({p.file, p.date, day, t.evidence.source + ": " + t.evidence.detail});
    }
  }
  return ev;
}

}  // namespace sitrep::page_date
