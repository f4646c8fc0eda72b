// Several `sitrep ingest` processes sharing one PostgreSQL store, as workers on separate
// machines would: every article stored once, the indexes clean, and every placement the one
// a single sequential ingest makes when it reads the articles in the order they arrived.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "cli_fixture.h"
#include "pipeline/story_desk.h"
#include "store/store.h"
#include "store/test_postgres.h"

using namespace sitrep_test;
using sitrep::Article;
using sitrep::Store;

namespace {

const std::string kReuters = kShared + "/corpora/reuters21578/reuters21578.jsonl";

class Workers : public Cli {
 protected:
  void SetUp() override {
    Cli::SetUp();
    SITREP_NEED_POSTGRES(pg_);
    std::ifstream in(kReuters);
    ASSERT_TRUE(in) << kReuters;
    for (std::string line; lines_.size() < 240 && std::getline(in, line);) lines_.push_back(line);
  }

  // Lines [from, to) of the sample as a file in the scratch folder.
  std::string Slice(const std::string& name, size_t from, size_t to) {
    std::ofstream out(dir_ / name);
    for (size_t i = from; i < to && i < lines_.size(); ++i) out << lines_[i] << '\n';
    return (dir_ / name).string();
  }

  // One worker's command: small batches, so the workers' turns interleave.
  std::string Worker(const std::string& input) {
    return kSitrep + " ingest --db '" + pg_.spec() + "' --threads 1 --batch 8 " + input;
  }

  // Runs the commands at once, as separate processes; true when all succeed.
  bool RunTogether(const std::vector<std::string>& commands) {
    std::string line;
    for (size_t i = 0; i < commands.size(); ++i)
      line += "(" + commands[i] + " 2>" + (dir_ / ("worker" + std::to_string(i))).string() + " || echo fail) & ";
    Result r = Sh(line + "wait", dir_);
    return r.status == 0 && r.out.find("fail") == std::string::npos;
  }

  // The shared store after the workers: every article of `inputs` stored once (their ids
  // taken from a sequential SQLite ingest of the same files), a clean Check, and each
  // article placed (story, copy) exactly as one desk placing them in arrival order does.
  void ExpectOneSequentialIngest(const std::vector<std::string>& inputs) {
    std::string files;
    for (const auto& f : inputs) files += " " + f;
    Result ref = Sitrep("ingest --db " + db_ + " --threads 1" + files);
    ASSERT_EQ(ref.status, 0) << ref.err;
    auto reference = Store::Open(db_);
    std::set<std::string> expected_ids;
    reference->ForEachArticle([&](const Article& a, bool) { expected_ids.insert(a.id); });

    auto shared = Store::Open(pg_.spec());
    EXPECT_TRUE(shared->Check().empty());
    std::vector<Article> arrivals;
    std::set<std::string> stored_ids;
    shared->ForEachArticle([&](const Article& a, bool linked) {
      EXPECT_TRUE(linked) << a.id;
      EXPECT_TRUE(stored_ids.insert(a.id).second) << "stored twice: " << a.id;
      arrivals.push_back(a);
    });
    EXPECT_EQ(stored_ids, expected_ids);
    EXPECT_EQ(shared->Count(), expected_ids.size());

    // One desk, one process, the same articles in the same order.
    std::string replay_path = (dir_ / "replay.db").string();
    auto replay = Store::Open(replay_path);
    sitrep::StoryDesk desk(*replay);
    desk.PlaceAndStore(*replay, arrivals);
    size_t differ = 0;
    for (const Article& a : arrivals) {
      auto got = shared->PlacementOf(a.id), want = replay->PlacementOf(a.id);
      ASSERT_TRUE(got && want) << a.id;
      if (got->story.story != want->story.story || got->first_story != want->first_story ||
          got->copy_of.has_value() != want->copy_of.has_value() ||
          (got->copy_of && got->copy_of->upstream != want->copy_of->upstream))
        ++differ;
    }
    EXPECT_EQ(differ, 0u) << "of " << arrivals.size() << " articles placed otherwise";
    auto stories = shared->Stories(100000, 0), want_stories = replay->Stories(100000, 0);
    ASSERT_EQ(stories.size(), want_stories.size());
    for (size_t i = 0; i < stories.size(); ++i) {
      EXPECT_EQ(stories[i].id, want_stories[i].id);
      EXPECT_EQ(stories[i].articles, want_stories[i].articles);
      // Not the labels: a story's label is written with each batch that touches it, from the
      // terms weighed against all articles so far, so it depends on where batches end, in a
      // sequential ingest too.
    }
  }

  sitrep::TestPostgres pg_{::testing::UnitTest::GetInstance()->current_test_info()->name()};
  std::vector<std::string> lines_;
};

TEST_F(Workers, DisjointInputs) {
  std::vector<std::string> inputs = {Slice("a.jsonl", 0, 80), Slice("b.jsonl", 80, 160),
                                     Slice("c.jsonl", 160, 240)};
  ASSERT_TRUE(RunTogether({Worker(inputs[0]), Worker(inputs[1]), Worker(inputs[2])}));
  ExpectOneSequentialIngest(inputs);
}

// Workers given the same articles (a feed fetched twice, a retried job): each stored once.
TEST_F(Workers, OverlappingInputs) {
  std::vector<std::string> inputs = {Slice("a.jsonl", 0, 160), Slice("b.jsonl", 80, 240),
                                     Slice("c.jsonl", 0, 240)};
  ASSERT_TRUE(RunTogether({Worker(inputs[0]), Worker(inputs[1]), Worker(inputs[2])}));
  ExpectOneSequentialIngest(inputs);
}

// A worker killed mid-ingest loses nothing: what it committed stays, the batch in flight
// rolls back, and running it again stores the rest, placed as if never interrupted.
TEST_F(Workers, KilledWorkerLosesNothing) {
  std::vector<std::string> inputs = {Slice("a.jsonl", 0, 240), Slice("b.jsonl", 120, 240)};
  pid_t pid = fork();
  if (pid == 0) {
    std::string cmd = "exec " + Worker(inputs[0]) + " 2>/dev/null";
    execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Kill it once it has committed something (or after 60 s, whatever it did).
  auto shared = Store::Open(pg_.spec());
  for (int i = 0; i < 600 && shared->Count() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  ASSERT_TRUE(RunTogether({Worker(inputs[0]), Worker(inputs[1])}));
  ExpectOneSequentialIngest({inputs[0]});
}

}  // namespace
