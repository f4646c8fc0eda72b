// The whole pipeline, stage by stage, over the Reuters, GVA and ECB+ corpora: articles a
// second of each stage (read, clean, segment, entities, quotes, times, copies, stories,
// store write, briefs) on one core by CPU time, their total, and the real `sitrep ingest`
// path (Ingest() with both cores: analysis + copies + stories + store) on the same
// articles; peak memory of each; and how both grow from the first 1k articles to all.
//
// Each measurement runs in a fresh child process, so its peak memory is its own (the stage
// pass holds every article, as the briefs need their stories; ingest holds two batches in
// flight). The stage pass runs on one thread and is timed by its CPU time; ingest by wall
// time (`sitrep ingest` reports the same) and by the CPU time of all its threads.
// Medians of --runs runs (default 3). The digest folds in everything the stage pass found
// (layers, copies, stories; then the briefs' summaries): a faster build must print the same.
//   bench_pipeline [--runs N] [--sizes 1000,5000,10000,0] [--corpus reuters|gva|ecb]...
//                  [--json FILE]
// A size of 0 means the whole corpus.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <xxhash.h>

#include "bench/bench_util.h"
#include "brief/brief.h"
#include "dedup/copies.h"
#include "ingest/ingest.h"
#include "ner/ner.h"
#include "pipeline/ingest_job.h"
#include "pipeline/pipeline.h"
#include "quotes/quotes.h"
#include "store/store.h"
#include "stories/stories.h"
#include "text/segment.h"
#include "time/timex.h"

namespace fs = std::filesystem;
using namespace sitrep;

namespace {

// Stage times are this thread's CPU time: on a shared machine the steadier figure (wall time
// counts the time other processes held the core). The store's waits for the disk are not in it.
struct Clock {
  using time_point = double;
  static double now() { return bench::ThreadCpuSeconds(); }
};
double Since(double t) { return Clock::now() - t; }

// The stages in the order they run; "clean" is building the Article minus its segmentation.
const std::vector<std::string> kStages = {"read", "clean", "segment", "entities", "quotes",
                                          "times", "copies", "stories", "store", "briefs"};

struct Corpus {
  std::string name, path;
};

// What one child reports: seconds a stage (kStages order), then articles, peak RSS (MiB),
// and a digest of everything the stages found, so a faster build can show it finds the same.
struct StageRun {
  std::vector<double> seconds = std::vector<double>(kStages.size(), 0.0);
  double articles = 0, peak_mib = 0;
  uint64_t digest = 0;        // layers, copies and stories
  uint64_t brief_digest = 0;  // the briefs' summaries
};

// Folds what the stages found into one 64-bit digest.
struct Digest {
  uint64_t h = 0;
  void Add(std::string_view s) {
    h = XXH64(s.data(), s.size(), h);
    Add(uint64_t(s.size()));
  }
  void Add(uint64_t v) { h = XXH64(&v, sizeof v, h); }
  void Add(double v) { Add(std::string_view(reinterpret_cast<const char*>(&v), sizeof v)); }
  void Add(Span s) { Add((uint64_t(s.begin) << 32) | s.end); }
  void Add(const Article& a) {
    Add(a.id);
    Add(uint64_t(a.tokens.size()));
    for (const Sentence& s : a.sentences) Add(s.span);
    for (const Mention& m : a.mentions) Add(m.span), Add(uint64_t(m.type));
    for (const Attribution& q : a.attributions) {
      Add(q.cue), Add(q.source), Add(q.content), Add(q.speaker), Add(q.venue);
      for (const std::string& r : q.relays) Add(r);
      Add(uint64_t(q.direct));
    }
    for (const TimeExpression& t : a.times)
      Add(t.span), Add(t.type), Add(t.value), Add(t.mod), Add(uint64_t(t.tense));
  }
  void Add(const ArticleLinks& l) {
    if (l.copy_of) Add(l.copy_of->upstream), Add(l.copy_of->similarity);
    for (const ReusedPassage& p : l.passages) Add(p.here), Add(p.other), Add(p.there), Add(p.similarity);
    Add(uint64_t(l.story.story)), Add(uint64_t(l.story.new_story)), Add(l.story.similarity);
    for (const std::string& t : l.story.shared_terms) Add(t);
    for (const std::string& e : l.story.shared_entities) Add(e);
    for (StoryId m : l.story.merged) Add(uint64_t(m));
  }
};
struct IngestRun {
  double articles = 0, seconds = 0, peak_mib = 0;
  double cpu_seconds = 0;  // of every thread: what the work cost, however loaded the machine
};

double ProcessCpuSeconds() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + 1e-6 * (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

std::vector<Document> ReadFirst(const std::string& path, size_t n, double& seconds) {
  std::vector<Document> docs;
  auto start = Clock::now();
  seconds = -1;
  ReadInput(path, {}, [&](Document&& d) {
    if (docs.size() >= n) return;
    docs.push_back(std::move(d));
    if (docs.size() == n) seconds = Since(start);
  }, [](const std::string&, const std::string&) {});
  if (seconds < 0) seconds = Since(start);
  return docs;
}

std::string TempPath(const std::string& what) {
  return (fs::temp_directory_path() / ("sitrep-bench-pipeline-" + std::to_string(getpid()) + what)).string();
}

void RemoveDb(const std::string& db) {
  for (const char* s : {"", "-wal", "-shm"}) fs::remove(db + s);
}

// Every stage in turn over the first `n` articles, one thread.
StageRun Stages(const Corpus& c, size_t n, const ner::NerModel& ner) {
  StageRun r;
  auto& s = r.seconds;
  std::vector<Document> docs = ReadFirst(c.path, n, s[0]);
  std::vector<Article> articles;
  articles.reserve(docs.size());
  double build = 0;
  for (Document& d : docs) {
    auto t = Clock::now();
    articles.push_back(BuildArticle(std::move(d)));
    build += Since(t);
  }
  docs.clear();
  docs.shrink_to_fit();
  for (const Article& a : articles) {
    Article again;
    again.text = a.text;
    again.paragraphs = a.paragraphs;
    auto t = Clock::now();
    Segment(again);
    s[2] += Since(t);
  }
  s[1] = std::max(0.0, build - s[2]);
  auto timed = [&](size_t stage, auto&& fn) {
    auto t = Clock::now();
    for (Article& a : articles) fn(a);
    s[stage] += Since(t);
  };
  timed(3, [&](Article& a) { ner::TagMentions(ner, a); });
  timed(4, [&](Article& a) { FindAttributions(a); });
  timed(5, [&](Article& a) { a.times = FindTimes(a.text, a.published.when); });
  Digest digest;
  for (const Article& a : articles) digest.Add(a);

  // The story desk's work and the store's, batch by batch as ingest does them.
  CopyIndex copies;
  StoryClusterer stories;
  const std::string db = TempPath(".db");
  RemoveDb(db);
  {
    auto store = Store::Open(db);
    const size_t kBatch = 512;
    std::vector<Article> batch;
    for (size_t first = 0; first < articles.size(); first += kBatch) {
      const size_t last = std::min(articles.size(), first + kBatch);
      std::vector<ArticleLinks> links(last - first);
      std::map<StoryId, bool> touched;
      for (size_t i = first; i < last; ++i) {
        auto t = Clock::now();
        CopyIndex::Found found = copies.Add(articles[i]);
        auto t1 = Clock::now();
        links[i - first].story = stories.Add(articles[i]);
        s[7] += Since(t1);
        s[6] += t1 - t;
        links[i - first].copy_of = std::move(found.copy_of);
        links[i - first].passages = std::move(found.passages);
        links[i - first].relinked = std::move(found.relinked);
        digest.Add(links[i - first]);
        touched[links[i - first].story.story] = true;
        for (const auto& [article, story] : links[i - first].story.moved) touched[story] = true;
      }
      auto t = Clock::now();
      std::vector<std::pair<StoryId, std::string>> labels;
      for (const auto& [story, yes] : touched) labels.emplace_back(story, stories.Label(story));
      s[7] += Since(t);
      batch.assign(std::make_move_iterator(articles.begin() + first),
                   std::make_move_iterator(articles.begin() + last));
      t = Clock::now();
      store->Put(batch, links, labels);
      s[8] += Since(t);
      std::move(batch.begin(), batch.end(), articles.begin() + first);
    }
  }
  RemoveDb(db);

  r.digest = digest.h;
  // A brief for every story, its articles in arrival order.
  Digest briefs;
  std::map<StoryId, StoryArticles> by_story;
  for (size_t i = 0; i < articles.size(); ++i) {
    StoryArticles& story = by_story[stories.StoryOf(i)];
    story.articles.push_back(std::move(articles[i]));
    story.upstream.push_back("");
  }
  for (auto& [id, story] : by_story) {
    auto t = Clock::now();
    brief::Brief b = brief::BuildBrief(std::move(story));
    s[9] += Since(t);
    for (const auto& line : b.summary) briefs.Add(line.text);
  }
  r.brief_digest = briefs.h;
  r.articles = double(articles.size());
  r.peak_mib = bench::PeakRssMiB();
  return r;
}

// `sitrep ingest` on the first `n` documents, written to a file of their own, both cores.
IngestRun IngestFirst(const Corpus& c, size_t n) {
  const std::string input = TempPath(".jsonl"), db = TempPath(".db");
  {
    std::ifstream in(c.path);
    std::ofstream out(input);
    size_t kept = 0;
    for (std::string line; kept < n && std::getline(in, line);)
      if (!line.empty()) out << line << '\n', ++kept;
  }
  RemoveDb(db);
  IngestRun r;
  {
    auto store = Store::Open(db);
    IngestOptions opt;
    opt.threads = 2;
    opt.progress = false;
    opt.on_problem = [](const std::string&) {};
    const double cpu = ProcessCpuSeconds();
    IngestStats stats = Ingest(*store, {input}, opt);
    r.cpu_seconds = ProcessCpuSeconds() - cpu;
    r.articles = double(stats.documents);
    r.seconds = stats.seconds;
  }
  r.peak_mib = bench::PeakRssMiB();
  RemoveDb(db);
  fs::remove(input);
  return r;
}

// Runs `fn` in a child process and returns what it wrote: a fresh address space a run.
template <typename T, typename F>
T InChild(F fn) {
  int fds[2];
  if (pipe(fds) != 0) return T{};
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    T out = fn();
    std::vector<double> flat = out.Flatten();
    (void)!write(fds[1], flat.data(), flat.size() * sizeof(double));
    close(fds[1]);
    _exit(0);
  }
  close(fds[1]);
  std::vector<double> flat(T{}.Flatten().size());
  size_t want = flat.size() * sizeof(double), got = 0;
  auto* bytes = reinterpret_cast<char*>(flat.data());
  while (got < want) {
    ssize_t k = read(fds[0], bytes + got, want - got);
    if (k <= 0) break;
    got += size_t(k);
  }
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (got < want) {
    fprintf(stderr, "bench_pipeline: a child run failed\n");
    return T{};
  }
  return T::Unflatten(flat);
}

struct StageResult : StageRun {
  std::vector<double> Flatten() const {
    std::vector<double> v = seconds;
    v.push_back(articles);
    v.push_back(peak_mib);
    v.push_back(double(digest >> 32));
    v.push_back(double(digest & 0xFFFFFFFFu));
    v.push_back(double(brief_digest >> 32));
    v.push_back(double(brief_digest & 0xFFFFFFFFu));
    return v;
  }
  static StageResult Unflatten(const std::vector<double>& v) {
    StageResult r;
    std::copy(v.begin(), v.begin() + kStages.size(), r.seconds.begin());
    r.articles = v[kStages.size()];
    r.peak_mib = v[kStages.size() + 1];
    r.digest = (uint64_t(v[kStages.size() + 2]) << 32) | uint64_t(v[kStages.size() + 3]);
    r.brief_digest = (uint64_t(v[kStages.size() + 4]) << 32) | uint64_t(v[kStages.size() + 5]);
    return r;
  }
};
struct IngestResult : IngestRun {
  std::vector<double> Flatten() const { return {articles, seconds, peak_mib, cpu_seconds}; }
  static IngestResult Unflatten(const std::vector<double>& v) {
    IngestResult r;
    r.articles = v[0], r.seconds = v[1], r.peak_mib = v[2], r.cpu_seconds = v[3];
    return r;
  }
};

size_t CountLines(const std::string& path) {
  std::ifstream in(path);
  size_t n = 0;
  for (std::string line; std::getline(in, line);) n += !line.empty();
  return n;
}

std::string Fixed(double v, int digits) {
  char buf[64];
  snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string shared = SITREP_SHARED_DIR;
  const std::map<std::string, std::string> known = {
      {"reuters", shared + "/corpora/reuters21578/reuters21578.jsonl"},
      {"gva", shared + "/data/clustering/gva-dev.jsonl"},
      {"ecb", shared + "/data/clustering/ecbplus.jsonl"}};
  int runs = 3;
  std::vector<size_t> sizes = {1000, 5000, 10000, 0};
  std::vector<Corpus> corpora;
  std::string json_path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool more = i + 1 < argc;
    if (arg == "--runs" && more) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--sizes" && more) {
      sizes.clear();
      for (std::string_view rest = argv[++i]; !rest.empty();) {
        size_t comma = std::min(rest.find(','), rest.size());
        sizes.push_back(std::strtoul(std::string(rest.substr(0, comma)).c_str(), nullptr, 10));
        rest.remove_prefix(std::min(rest.size(), comma + 1));
      }
    } else if (arg == "--corpus" && more && known.count(argv[i + 1])) {
      ++i;
      corpora.push_back({argv[i], known.at(argv[i])});
    } else if (arg == "--json" && more) {
      json_path = argv[++i];
    } else {
      fprintf(stderr, "usage: bench_pipeline [--runs N] [--sizes 1000,5000,0] "
                      "[--corpus reuters|gva|ecb]... [--json FILE]\n");
      return 2;
    }
  }
  if (corpora.empty())
    for (const char* name : {"reuters", "gva", "ecb"}) corpora.push_back({name, known.at(name)});

  std::string json = "{\"runs\": " + std::to_string(runs) + ", \"corpora\": [";
  for (size_t ci = 0; ci < corpora.size(); ++ci) {
    const Corpus& c = corpora[ci];
    const size_t all = CountLines(c.path);
    if (all == 0) {
      fprintf(stderr, "no articles in %s\n", c.path.c_str());
      return 1;
    }
    std::vector<size_t> ns;
    for (size_t n : sizes) {
      n = n == 0 ? all : std::min(n, all);
      if (std::find(ns.begin(), ns.end(), n) == ns.end()) ns.push_back(n);
    }
    printf("\n%s (%zu documents): articles/s by stage on one core, medians of %d runs\n",
           c.name.c_str(), all, runs);
    printf("%7s", "n");
    for (const std::string& s : kStages) printf(" %9s", s.c_str());
    printf(" %9s %8s | %9s %9s %8s  %s\n", "one core", "peak MiB", "ingest 2c", "per CPU-s", "peak MiB",
           "digest");
    json += std::string(ci ? ", " : "") + "{\"corpus\": \"" + c.name + "\", \"documents\": " +
            std::to_string(all) + ", \"sizes\": [";
    for (size_t k = 0; k < ns.size(); ++k) {
      const size_t n = ns[k];
      std::vector<std::vector<double>> rates(kStages.size());
      std::vector<double> totals, peaks, ingest_rates, ingest_peaks, ingest_cpu;
      double articles = 0;
      uint64_t digest = 0, brief_digest = 0;
      for (int run = 0; run < runs; ++run) {
        StageResult r = InChild<StageResult>([&] {
          const ner::NerModel model = ner::NerModel::Load(ner::DefaultModelPath());
          StageResult out;
          static_cast<StageRun&>(out) = Stages(c, n, model);
          return out;
        });
        IngestResult g = InChild<IngestResult>([&] {
          IngestResult out;
          static_cast<IngestRun&>(out) = IngestFirst(c, n);
          return out;
        });
        articles = r.articles;
        if (run > 0 && r.digest != digest) fprintf(stderr, "bench_pipeline: runs found different things\n");
        if (run > 0 && r.brief_digest != brief_digest)
          fprintf(stderr, "bench_pipeline: runs wrote different briefs\n");
        digest = r.digest;
        brief_digest = r.brief_digest;
        double sum = 0;
        for (size_t s = 0; s < kStages.size(); ++s) {
          rates[s].push_back(r.seconds[s] > 0 ? r.articles / r.seconds[s] : 0);
          sum += r.seconds[s];
        }
        totals.push_back(sum > 0 ? r.articles / sum : 0);
        peaks.push_back(r.peak_mib);
        ingest_rates.push_back(g.seconds > 0 ? g.articles / g.seconds : 0);
        ingest_peaks.push_back(g.peak_mib);
        ingest_cpu.push_back(g.cpu_seconds > 0 ? g.articles / g.cpu_seconds : 0);
      }
      printf("%7.0f", articles);
      json += std::string(k ? ", " : "") + "{\"articles\": " + Fixed(articles, 0) + ", \"stages\": {";
      for (size_t s = 0; s < kStages.size(); ++s) {
        const double m = bench::Median(rates[s]);
        printf(" %9.0f", m);
        json += std::string(s ? ", " : "") + "\"" + kStages[s] + "\": " + Fixed(m, 1);
      }
      const double total = bench::Median(totals), peak = bench::Median(peaks);
      const double ingest = bench::Median(ingest_rates), ingest_peak = bench::Median(ingest_peaks);
      const double ingest_per_cpu = bench::Median(ingest_cpu);
      char hex[40];
      snprintf(hex, sizeof hex, "%016llx/%016llx", static_cast<unsigned long long>(digest),
               static_cast<unsigned long long>(brief_digest));
      printf(" %9.0f %8.0f | %9.0f %9.0f %8.0f  %s\n", total, peak, ingest, ingest_per_cpu, ingest_peak, hex);
      json += "}, \"one_core_total\": " + Fixed(total, 1) + ", \"peak_mib\": " + Fixed(peak, 1) +
              ", \"ingest_two_cores\": " + Fixed(ingest, 1) +
              ", \"ingest_per_cpu_second\": " + Fixed(ingest_per_cpu, 1) + ", \"ingest_peak_mib\": " +
              Fixed(ingest_peak, 1) + ", \"digest\": \"" + hex + "\"}";
      fflush(stdout);
    }
    json += "]}";
  }
  json += "]}\n";
  printf("\n%s", json.c_str());
  if (!json_path.empty()) std::ofstream(json_path) << json;
  return 0;
}
