// ReadHtml's speed over the extraction benchmark's pages, held in memory: pages/s, MB/s of
// HTML and peak memory. Run: build/bench/bench_html [rounds]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "ingest/html.h"
#include "util/byte_source.h"
#include "util/encoding.h"

namespace {

std::vector<std::string> LoadPages(const std::string& dir) {
  std::vector<std::string> pages;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::vector<std::string> warnings;
    auto source = sitrep::ByteSource::OpenFile(entry.path().string());
    pages.push_back(sitrep::ToUtf8(source->ReadAll(size_t{1} << 30), "", true, &warnings));
  }
  return pages;
}

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
         usage.ru_stime.tv_usec / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = argc > 1 ? std::atoi(argv[1]) : 3;
  std::string dir = std::string(SITREP_SHARED_DIR) + "/data/extraction/html";
  std::vector<std::string> pages = LoadPages(dir);
  if (pages.empty()) {
    std::fprintf(stderr, "no pages in %s\n", dir.c_str());
    return 1;
  }
  size_t bytes = 0;
  for (const auto& p : pages) bytes += p.size();
  size_t paragraphs = 0;
  auto start = std::chrono::steady_clock::now();
  double cpu_start = CpuSeconds();
  for (int r = 0; r < rounds; ++r)
    for (const auto& p : pages) paragraphs += sitrep::ReadHtml(p, "").paragraphs.size();
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double cpu = CpuSeconds() - cpu_start;
  double n = static_cast<double>(pages.size()) * rounds;
  // CPU time is the steadier figure on a shared machine; wall time is what a user waits.
  std::printf("html: %zu pages x %d rounds: %.0f pages/s (%.0f by CPU time), %.1f MB/s, "
              "peak RSS %.0f MB, %zu paragraphs\n",
              pages.size(), rounds, n / s, n / cpu, bytes * rounds / s / 1e6, sitrep::bench::PeakRssMiB(),
              paragraphs);
  return 0;
}
