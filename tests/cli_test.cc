// Whole-program tests: build/sitrep driven as a user drives it, on real and hostile input.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <random>
#include <thread>

#include "cli_fixture.h"
#include "store/store.h"

using namespace sitrep_test;

namespace {

TEST_F(Cli, ReportOnTheExampleCorpus) {
  Result r = Sitrep("report " + kMinsk);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("# Report: 5 articles in "), std::string::npos) << r.out;
  for (const char* section : {"\n### Summary\n", "\n### Sources\n"})
    EXPECT_NE(r.out.find(section), std::string::npos) << section << r.out;
  EXPECT_NE(r.out.find("Yusov"), std::string::npos);
  EXPECT_EQ(r.out.find("EXPECTED"), std::string::npos);  // the checklist is not an article
}

// EXPECTED.md's metadata table and boilerplate list, through the whole pipeline.
TEST_F(Cli, ExampleCorpusMetadataAndBoilerplate) {
  Result r = Sitrep("report --json " + kMinsk);
  ASSERT_EQ(r.status, 0) << r.err;
  std::map<std::string, nlohmann::json> by_file;
  nlohmann::json report = nlohmann::json::parse(r.out);
  for (auto& a : report["articles"])
    by_file[fs::path(a["origin"].get<std::string>()).filename().string().substr(0, 3)] = a;
  ASSERT_EQ(by_file.size(), 5u);
  EXPECT_EQ(by_file["000"]["outlet"], "Censor.NET");
  EXPECT_EQ(by_file["000"]["published"]["value"], "2022-12-20");
  EXPECT_EQ(by_file["004"]["outlet"], "charter97.org");
  EXPECT_TRUE(by_file["004"]["published"]["value"].get<std::string>().starts_with("2022-12-19"));
  for (const char* file : {"001", "002", "003"})
    EXPECT_EQ(by_file[file]["outlet"], "") << file << " reveals no outlet of its own";
  auto relays = [&](const char* file) { return by_file[file]["relays"].dump(); };
  EXPECT_NE(relays("000").find("Ukrainian Truth"), std::string::npos) << relays("000");
  EXPECT_NE(relays("001").find("Ukrinform"), std::string::npos) << relays("001");
  EXPECT_NE(relays("004").find("Ukrinform"), std::string::npos) << relays("004");

  std::string all;
  for (auto& [file, a] : by_file) all += a["text"].get<std::string>() + "\n";
  for (const char* boilerplate :
       {"Read more:", "Read also:", "MainNews -", "Photo: POW", "Read news on social networks",
        ", , , , ,", "Dictator of Belarus Oleksandr\n", "NЕТ"})
    EXPECT_EQ(all.find(boilerplate), std::string::npos) << boilerplate;
  for (const char* kept :
       {"instinct of self-preservation", "Ukrainians know what to do", "stupid and baseless fiction",
        "a lot more unlikely than likely", "told Radio NV", "Censor.NET"})
    EXPECT_NE(all.find(kept), std::string::npos) << kept;
}

// Stories placed over two ingests equal those placed in one: a new ingest replays the store.
TEST_F(Cli, StoriesDoNotDependOnHowIngestsAreSplit) {
  fs::create_directories(dir_ / "a");
  fs::create_directories(dir_ / "b");
  for (const auto& e : fs::directory_iterator(kMinsk)) {
    std::string name = e.path().filename().string();
    if (!name.ends_with(".txt")) continue;
    fs::copy_file(e.path(), dir_ / (name < "002" ? "a" : "b") / name);
  }
  std::string split_db = (dir_ / "split.db").string();
  ASSERT_EQ(Sitrep("ingest --db " + split_db + " " + (dir_ / "a").string()).status, 0);
  ASSERT_EQ(Sitrep("ingest --db " + split_db + " " + (dir_ / "b").string()).status, 0);
  ASSERT_EQ(Sitrep("ingest --db " + db_ + " " + (dir_ / "a").string() + " " + (dir_ / "b").string()).status, 0);
  auto stories = [&](const std::string& db) {
    Result r = Sitrep("stories --json --db " + db);
    nlohmann::json j = nlohmann::json::parse(r.out);
    std::vector<std::pair<int, int>> out;
    for (auto& s : j["stories"]) out.emplace_back(s["id"].get<int>(), s["articles"].get<int>());
    return out;
  };
  EXPECT_EQ(stories(split_db), stories(db_));
  Result why = Sitrep("why --json --db " + db_ + " " +
                      nlohmann::json::parse(Sitrep("articles --json --db " + db_).out)["articles"][0]["id"].get<std::string>());
  ASSERT_EQ(why.status, 0) << why.err;
  EXPECT_TRUE(nlohmann::json::parse(why.out).contains("threshold"));
  // `story` lists the members `stories` counted.
  auto listed = stories(db_);
  ASSERT_FALSE(listed.empty());
  Result story = Sitrep("story --json --db " + db_ + " " + std::to_string(listed[0].first));
  ASSERT_EQ(story.status, 0) << story.err;
  EXPECT_EQ(nlohmann::json::parse(story.out)["members"].size(),
            static_cast<size_t>(listed[0].second));
  EXPECT_EQ(Sitrep("story --db " + db_ + " 999999").status, 1);
}

// `eval clusters` on invented articles: two clearly different events, scored against gold.
TEST_F(Cli, EvalClustersPrintsTheScores) {
  std::ofstream gold(dir_ / "gold.jsonl");
  const char* harbour = "The harbour at Riverside closed after a storm damaged the northern pier, "
                        "the port authority said on Monday.";
  const char* election = "Voters in the mountain town of Highfield elected a new mayor, Olena "
                         "Kovalenko, with sixty percent of the vote.";
  for (int i = 0; i < 3; ++i) {
    gold << nlohmann::json{{"text", std::string(harbour) + " Report " + std::to_string(i) + "."},
                           {"title", "Riverside harbour closed"}, {"gold_cluster", "a"}}.dump() << "\n";
    gold << nlohmann::json{{"text", std::string(election) + " Report " + std::to_string(i) + "."},
                           {"title", "Highfield elects Kovalenko"}, {"gold_cluster", "b"}}.dump() << "\n";
  }
  gold.close();
  Result r = Sitrep("eval clusters --gold " + (dir_ / "gold.jsonl").string());
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["articles"], 6);
  EXPECT_EQ(j["gold_clusters"], 2);
  EXPECT_DOUBLE_EQ(j["bcubed_f1"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(j["pairwise_f1"].get<double>(), 1.0);
  EXPECT_EQ(Sitrep("eval clusters --gold " + (dir_ / "missing.jsonl").string()).status, 1);
}

TEST_F(Cli, IngestTwiceIsANoOp) {
  Result first = Sitrep("ingest --json --db " + db_ + " " + kMinsk);
  ASSERT_EQ(first.status, 0) << first.err;
  auto j = nlohmann::json::parse(first.out);
  EXPECT_EQ(j["added"], 5);
  Result second = Sitrep("ingest --json --db " + db_ + " " + kMinsk);
  ASSERT_EQ(second.status, 0) << second.err;
  j = nlohmann::json::parse(second.out);
  EXPECT_EQ(j["added"], 0);
  EXPECT_EQ(j["already_stored"], 5);
  Result list = Sitrep("articles --json --db " + db_);
  EXPECT_EQ(nlohmann::json::parse(list.out)["total"], 5);
}

TEST_F(Cli, ShowAndSearch) {
  ASSERT_EQ(Sitrep("ingest --db " + db_ + " " + kMinsk).status, 0);
  Result search = Sitrep("search --json --db " + db_ + " 'Zaluzhny Economist'");
  ASSERT_EQ(search.status, 0) << search.err;
  auto hits = nlohmann::json::parse(search.out)["hits"];
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_NE(hits[0]["snippet"].get<std::string>().find("["), std::string::npos);
  std::string id = hits[0]["id"];
  Result show = Sitrep("show --json --layers --db " + db_ + " " + id.substr(0, 8));
  ASSERT_EQ(show.status, 0) << show.err;
  auto article = nlohmann::json::parse(show.out);
  EXPECT_EQ(article["id"], id);
  EXPECT_NE(article["text"].get<std::string>().find("Zaluzhny"), std::string::npos);
  EXPECT_EQ(Sitrep("show --db " + db_ + " ffffffffffff").status, 1);
}

TEST_F(Cli, BadInputIsNamedAndTheRestIsIngested) {
  fs::create_directories(dir_ / "in");
  Write("in/good.txt", "Ministers met in the capital on Monday to discuss the border.\n");
  Write("in/empty.txt", "");
  Write("in/binary.bin", std::string("\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16));
  Write("in/broken-utf8.txt", "Caf\xC3 in the square, said the mayor on Friday.\n");
  Write("in/truncated.html.gz", std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xb3\xc9", 12));
  Write("in/truncated.html", "<html><body><article><p>The council voted to close the bridge after");
  Result r = Sitrep("ingest --db " + db_ + " " + (dir_ / "in").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("empty.txt: empty file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("binary.bin: an executable, not text"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("truncated.html.gz: truncated gzip stream"), std::string::npos) << r.err;
  Result list = Sitrep("articles --json --db " + db_);
  auto articles = nlohmann::json::parse(list.out)["articles"];
  std::string origins;
  for (auto& a : articles) origins += a["origin"].get<std::string>() + "\n";
  EXPECT_NE(origins.find("good.txt"), std::string::npos) << origins;
  EXPECT_NE(origins.find("broken-utf8.txt"), std::string::npos) << origins;
  Result show = Sitrep("show --json --db " + db_ + " " +
                    [&] {
                      for (auto& a : articles)
                        if (a["origin"].get<std::string>().ends_with("broken-utf8.txt")) return a["id"].get<std::string>();
                      return std::string("none");
                    }());
  EXPECT_NE(show.out.find("U+FFFD"), std::string::npos) << show.out;  // the repair is reported
}

// A 1 GB file is refused after reading a bounded prefix, never loaded whole.
TEST_F(Cli, HugeFileIsRefusedWithoutLoadingIt) {
  {
    std::ofstream f(dir_ / "huge.txt");
    for (int i = 0; i < 1000; ++i) f << "A report that goes on and on, line " << i << ".\n";
  }
  fs::resize_file(dir_ / "huge.txt", 1ull << 30);  // sparse: costs no disk
  Write("small.txt", "A short report about a ferry that docked late on Tuesday.\n");
  long rss_kib = 0;
  Result r = Sh(kSitrep + " ingest --db " + db_ + " " + (dir_ / "huge.txt").string() + " " +
                    (dir_ / "small.txt").string(),
                dir_, &rss_kib);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("huge.txt: too large for one document"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 new"), std::string::npos) << r.err;
  EXPECT_LT(rss_kib, 512 * 1024);
}

TEST_F(Cli, CorruptDatabaseIsAClearErrorAndLeftAlone) {
  Write("t.db", std::string(8192, '\x42'));
  Result r = Sitrep("ingest --db " + db_ + " " + kMinsk);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("t.db: not a usable sitrep database"), std::string::npos) << r.err;
  EXPECT_EQ(fs::file_size(db_), 8192u);
}

TEST_F(Cli, StdinAndPipedOutputStayQuiet) {
  Result r = Sh("printf 'A short report about the storm that hit the coast on Sunday.\\n' | " + kSitrep +
                 " ingest --db " + db_ + " -",
             dir_);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos);  // no progress bar when not a terminal
  EXPECT_NE(r.err.find("1 new"), std::string::npos) << r.err;
}

// A JSON Lines file of `n` distinct articles made from the Reuters corpus.
void WriteReuters(const fs::path& path, size_t n) {
  std::ifstream in(kShared + "/corpora/reuters21578/reuters21578.jsonl");
  std::ofstream out(path);
  std::string line;
  for (size_t i = 0; i < n && std::getline(in, line); ++i) out << line << "\n";
}

// kill -9 at random moments of an ingest: the store stays consistent, nothing committed is
// lost, and finishing the ingest afterwards stores each article exactly once.
TEST_F(Cli, KillNineLeavesTheStoreConsistent) {
  const size_t n = FaultArticles();
  fs::path input = dir_ / "reuters.jsonl";
  WriteReuters(input, n);
  printf("%zu articles\n", n);
  std::mt19937 rng(12345);
  size_t last_count = 0;
  for (int round = 0; round < 5; ++round) {
    pid_t pid = fork();
    if (pid == 0) {
      freopen("/dev/null", "w", stderr);
      execl(kSitrep.c_str(), "sitrep", "ingest", "--batch", "200", "--db", db_.c_str(),
            input.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50 + rng() % 400));
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    auto store = sitrep::Store::Open(db_);
    EXPECT_TRUE(store->Check().empty());
    size_t count = store->Count();
    EXPECT_GE(count, last_count);  // nothing committed was lost
    last_count = count;
  }
  Result finish = Sitrep("ingest --db " + db_ + " " + input.string());
  ASSERT_EQ(finish.status, 0) << finish.err;
  // The same input ingested once, without interruption, gives the same articles.
  std::string clean_db = (dir_ / "clean.db").string();
  ASSERT_EQ(Sitrep("ingest --db " + clean_db + " " + input.string()).status, 0);
  auto store = sitrep::Store::Open(db_);
  EXPECT_EQ(store->Count(), sitrep::Store::Open(clean_db)->Count());
  EXPECT_TRUE(store->Check().empty());
}

}  // namespace

// EXPECTED.md's timeline: the days and the forecast window, with sources; the forecast apart.
TEST_F(Cli, TimelineOfTheExampleCorpus) {
  ASSERT_EQ(Sitrep("ingest --db " + db_ + " " + kMinsk).status, 0);
  Result stories = Sitrep("stories --json --db " + db_);
  ASSERT_EQ(stories.status, 0) << stories.err;
  auto largest = nlohmann::json::parse(stories.out)["stories"][0];
  Result r = Sitrep("timeline " + std::to_string(largest["id"].get<int>()) + " --json --db " + db_);
  ASSERT_EQ(r.status, 0) << r.err;
  nlohmann::json t = nlohmann::json::parse(r.out);
  std::map<std::string, std::set<std::string>> sources_by_day;  // day -> articles
  for (auto& e : t["events"]) {
    EXPECT_NE(e["tense"], "future") << e.dump();
    for (auto& s : e["sources"]) sources_by_day[e["when"]].insert(s["article"].get<std::string>());
  }
  EXPECT_TRUE(sources_by_day.count("2022-12-18")) << r.out;  // the statement and the War Staff
  EXPECT_GE(sources_by_day["2022-12-19"].size(), 3u) << r.out;  // the visit, told by most
  EXPECT_TRUE(sources_by_day.count("2022-12-20")) << r.out;  // the telethon comments
  // the offensive window is a forecast, kept apart, and spans January to March 2023
  bool window = false;
  for (auto& e : t["outlook"]) {
    EXPECT_EQ(e["tense"], "future");
    window |= e["when"] == "2023-01/2023-03";
  }
  EXPECT_TRUE(window) << t["outlook"].dump(2);
  for (auto& e : t["events"]) EXPECT_LT(e["when"].get<std::string>(), "2023") << e.dump();
  // the two undated articles are dated from the text and the story, as inferred
  std::map<std::string, std::string> inferred;
  for (auto& d : t["inferred_dates"]) {
    EXPECT_LT(d["confidence"].get<double>(), 0.5);
    inferred[d["article"]] = d["date"];
  }
  EXPECT_GE(inferred.size(), 2u) << t["inferred_dates"].dump(2);
}
