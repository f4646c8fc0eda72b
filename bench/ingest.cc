// Ingest throughput on one core: Reuters-21578 (JSON Lines, plain text) and the extraction
// benchmark's HTML pages, each read, built into Articles and stored in a fresh SQLite file.
// Also the build step alone (no store), to see where the time goes.
#include <filesystem>
#include <string>

#include "bench/bench_util.h"
#include "ingest/ingest.h"
#include "pipeline/ingest_job.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

using namespace sitrep;
namespace fs = std::filesystem;

namespace {

const std::string kShared = SITREP_SHARED_DIR;

std::vector<Document> ReadAllDocuments(const std::vector<std::string>& paths) {
  std::vector<Document> docs;
  for (const std::string& f : ListInputs(paths)) {
    ReadInput(f, {}, [&](Document&& d) { docs.push_back(std::move(d)); },
              [](const std::string&, const std::string&) {});
  }
  return docs;
}

double IngestToFreshStore(const std::vector<std::string>& paths) {
  fs::path db = fs::temp_directory_path() / ("sitrep-bench-" + std::to_string(getpid()) + ".db");
  double n;
  {
    auto store = Store::Open(db.string());
    IngestOptions opt;
    opt.threads = 1;
    opt.progress = false;
    opt.on_problem = [](const std::string&) {};
    n = static_cast<double>(Ingest(*store, paths, opt).documents);
  }
  for (const char* s : {"", "-wal", "-shm"}) fs::remove(db.string() + s);
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = argc > 1 ? std::atoi(argv[1]) : 3;
  const std::string reuters = kShared + "/corpora/reuters21578/reuters21578.jsonl";
  const std::string html = kShared + "/data/extraction/html";

  auto text_docs = ReadAllDocuments({reuters});
  bench::MedianRate("build text articles", "articles", runs, [&] {
    for (Document d : text_docs) BuildArticle(std::move(d));
    return static_cast<double>(text_docs.size());
  });
  auto html_docs = ReadAllDocuments({html});
  bench::MedianRate("build HTML articles", "pages", runs, [&] {
    for (Document d : html_docs) BuildArticle(std::move(d));
    return static_cast<double>(html_docs.size());
  });
  bench::MedianRate("ingest Reuters (1 thread)", "articles", runs, [&] { return IngestToFreshStore({reuters}); });
  bench::MedianRate("ingest HTML (1 thread)", "pages", runs, [&] { return IngestToFreshStore({html}); });
  return 0;
}
