#include "pipeline/ingest_job.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <cstdio>
#include <filesystem>
#include <future>
#include <mutex>
#include <thread>

#include "pipeline/analyse.h"
#include "pipeline/pipeline.h"
#include "pipeline/story_desk.h"
#include "util/progress.h"

namespace sitrep {

namespace {

// Threads that build articles for every batch of an ingest. The same threads all along,
// because what a builder keeps per thread (the name romaniser's ICU transliterators, the
// taggers' buffers, the segmenter's break iterators) is costly to make: with new threads for
// each batch, making them again took ~10% of the analysis.
class BuilderPool {
 public:
  explicit BuilderPool(unsigned threads) {
    for (unsigned t = 0; t < threads; ++t) threads_.emplace_back([this] { Serve(); });
  }
  ~BuilderPool() {
    {
      std::lock_guard lock(m_);
      stop_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  // Runs `work` on every thread of the pool at once; returns when each has returned. A second
  // call waits for the first to end (one batch is built at a time).
  void RunOnAll(const std::function<void()>& work) {
    std::lock_guard one_at_a_time(run_);
    std::unique_lock lock(m_);
    work_ = &work;
    running_ = unsigned(threads_.size());
    ++generation_;
    wake_.notify_all();
    done_.wait(lock, [&] { return running_ == 0; });
  }

 private:
  void Serve() {
    uint64_t seen = 0;
    std::unique_lock lock(m_);
    for (;;) {
      wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      const std::function<void()>* work = work_;
      lock.unlock();
      (*work)();
      lock.lock();
      if (--running_ == 0) done_.notify_all();
    }
  }
  std::mutex run_, m_;
  std::condition_variable wake_, done_;
  const std::function<void()>* work_ = nullptr;
  uint64_t generation_ = 0;
  unsigned running_ = 0;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

// Builds the batch's Articles on `threads` threads (the pool's, when there is one); each
// thread takes the next document not yet taken, so a thread slowed by long articles (or by
// the placing thread sharing its core) does not leave the others idle at the batch's end.
// Each Article lands at its document's index, so the order is the input's whatever the timing.
// A document that fails to build leaves an Article without id and its reason in `errors`.
std::vector<Article> BuildAll(std::vector<Document>& docs, const Analyser& analyser,
                              unsigned threads, BuilderPool* pool, std::vector<std::string>& errors) {
  std::vector<Article> out(docs.size());
  errors.assign(docs.size(), "");
  std::atomic<size_t> next{0};
  std::function<void()> work = [&] {
    for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < docs.size();) {
      std::string origin = docs[i].origin;
      try {
        out[i] = BuildArticle(std::move(docs[i]));
        analyser.Analyse(out[i]);
      } catch (const std::exception& e) {
        errors[i] = origin + ": " + e.what();
      }
    }
  };
  if (pool) {
    pool->RunOnAll(work);
    return out;
  }
  threads = std::max(1u, std::min<unsigned>(threads, docs.size()));
  std::vector<std::jthread> helpers;
  for (unsigned t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();
  return out;
}

uint64_t FileSize(const std::string& path) {
  std::error_code ec;
  auto n = path == "-" ? 0 : std::filesystem::file_size(path, ec);
  return ec ? 0 : n;
}

// What building and storing one batch found; merged into IngestStats on the reading thread.
struct BatchResult {
  std::vector<std::string> ids, problems;
  size_t added = 0, empty = 0, errors = 0;
};

// A batch built into Articles: those with text, in input order, and what went wrong.
struct BuiltBatch {
  BatchResult result;
  std::vector<Article> articles;
};

BuiltBatch Build(const Analyser& analyser, std::vector<Document> docs, unsigned threads,
                 BuilderPool* pool = nullptr) {
  BuiltBatch b;
  BatchResult& r = b.result;
  std::vector<std::string> errors;
  std::vector<Article> built = BuildAll(docs, analyser, threads, pool, errors);
  for (size_t i = 0; i < built.size(); ++i) {
    if (!errors[i].empty()) {
      ++r.errors;
      r.problems.push_back(errors[i]);
    } else if (built[i].text.empty()) {
      // A page without an article (an index, a login page) is normal inside a crawl or a
      // feed; a file that is nothing but such a page deserves a line.
      ++r.empty;
      if (built[i].format == "text" || built[i].format == "html")
        r.problems.push_back(built[i].origin + ": no article text found, skipped");
    } else {
      r.ids.push_back(built[i].id);
      b.articles.push_back(std::move(built[i]));
    }
  }
  return b;
}

BatchResult PlaceAndStore(Store& store, StoryDesk& desk, BuiltBatch b) {
  // Articles and where they were placed commit together, so a kill never leaves one
  // without the other; the desk first catches up with what other workers stored.
  b.result.added = desk.PlaceAndStore(store, b.articles);
  return std::move(b.result);
}

BatchResult BuildAndStore(Store& store, StoryDesk& desk, const Analyser& analyser,
                          std::vector<Document> docs, unsigned threads) {
  return PlaceAndStore(store, desk, Build(analyser, std::move(docs), threads));
}

}  // namespace

IngestStats Ingest(Store& store, const std::vector<std::string>& paths, const IngestOptions& opt) {
  auto start = std::chrono::steady_clock::now();
  auto report = opt.on_problem ? opt.on_problem
                               : [](const std::string& line) { fprintf(stderr, "%s\n", line.c_str()); };
  unsigned threads = opt.threads ? opt.threads : std::max(1u, std::thread::hardware_concurrency());
  IngestStats stats;
  std::vector<std::string> files = ListInputs(paths);
  uint64_t total = 0;
  for (const auto& f : files) total += FileSize(f);
  // The models load while the desk replays the store: both take a while on a large store.
  auto loading = std::async(std::launch::async, [] { return &Analyser::Shared(); });
  StoryDesk desk(store);
  const Analyser& analyser = *loading.get();
  for (const std::string& problem : analyser.problems()) report(problem + " (that layer stays empty)");
  // Before in_flight below, so that it outlives every batch still being built.
  BuilderPool builders(threads);
  Progress progress(opt.progress ? total : 0, "articles");
  bool show = opt.progress;
  auto say = [&](const std::string& line) {
    if (show) progress.Finish();
    report(line);
  };

  // Three things overlap: reading the next batch, building (analysing) the batch after the
  // last on `threads` threads, and placing and storing the one before it on one more. The
  // story desk and the store stay single-threaded and see the batches in input order: each
  // batch's placing waits for the one before. At most two batches are in flight, so memory
  // stays flat.
  std::deque<std::shared_future<BatchResult>> in_flight;
  std::vector<Document> pending;
  auto collect_one = [&] {
    BatchResult r = in_flight.front().get();
    in_flight.pop_front();
    for (const std::string& line : r.problems) say(line);
    stats.ids.insert(stats.ids.end(), r.ids.begin(), r.ids.end());
    stats.added += r.added;
    stats.empty += r.empty;
    stats.record_errors += r.errors;
  };
  auto collect = [&] {
    while (!in_flight.empty()) collect_one();
  };
  auto flush = [&] {
    while (in_flight.size() >= 2) collect_one();
    if (pending.empty()) return;
    std::shared_future<BatchResult> before = in_flight.empty() ? std::shared_future<BatchResult>() : in_flight.back();
    in_flight.push_back(std::async(std::launch::async, [&store, &desk, &analyser, &builders, threads,
                                                        before, docs = std::move(pending)]() mutable {
      BuiltBatch built = Build(analyser, std::move(docs), threads, &builders);
      // The batch before is placed first; when it failed, this one is not stored either
      // (its get() throws the same error).
      if (before.valid()) before.get();
      return PlaceAndStore(store, desk, std::move(built));
    }).share());
    pending.clear();
  };
  for (const std::string& file : files) {
    ++stats.files;
    uint64_t before = stats.bytes;
    auto on_document = [&](Document&& doc) {
      ++stats.documents;
      pending.push_back(std::move(doc));
      if (pending.size() >= opt.batch_size) flush();
    };
    auto on_record_error = [&](const std::string& where, const std::string& reason) {
      ++stats.record_errors;
      say(where + ": " + reason);
    };
    auto on_progress = [&](uint64_t done) {
      if (show) progress.Update(before + done, stats.documents);
    };
    try {
      ReadInput(file, opt.read, on_document, on_record_error, on_progress);
    } catch (const InputError& e) {
      ++stats.failed_files;
      say(file + ": " + e.what());
    }
    stats.bytes = before + FileSize(file);
    if (show) progress.Update(stats.bytes, stats.documents);
  }
  flush();
  collect();
  progress.Finish();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

IngestStats IngestDocuments(Store& store, StoryDesk& desk, std::vector<Document> docs,
                            const IngestOptions& opt) {
  auto start = std::chrono::steady_clock::now();
  IngestStats stats;
  stats.documents = docs.size();
  if (!docs.empty()) {
    BatchResult r = BuildAndStore(store, desk, Analyser::Shared(), std::move(docs), std::max(1u, opt.threads));
    for (const std::string& line : r.problems)
      opt.on_problem ? opt.on_problem(line) : (void)fprintf(stderr, "%s\n", line.c_str());
    stats.ids = std::move(r.ids);
    stats.added = r.added;
    stats.empty = r.empty;
    stats.record_errors = r.errors;
  }
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

}  // namespace sitrep
