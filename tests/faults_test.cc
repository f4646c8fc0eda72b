// Faults a user's machine deals out, driven through build/sitrep: `kill -9` in the middle of
// an ingest, a damaged database file, a full disk. Each must leave a store that opens, holds
// every article once and agrees with itself, or a clear error naming the file, never a crash.
//
// SITREP_FAULT_ARTICLES sets how many Reuters articles the kill test ingests (FaultArticles()).
#include <signal.h>
#include <sys/mount.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "cli_fixture.h"
#include "store/store.h"

namespace sitrep_test {
namespace {

const std::string kReuters = kShared + "/corpora/reuters21578/reuters21578.jsonl";

// Lines [first, first + n) of the Reuters corpus, as a file of its own.
fs::path ReutersSlice(const fs::path& dir, const std::string& name, size_t first, size_t n) {
  std::ifstream in(kReuters);
  fs::path out = dir / name;
  std::ofstream f(out);
  std::string line;
  for (size_t i = 0; i < first + n && std::getline(in, line); ++i)
    if (i >= first) f << line << '\n';
  return out;
}

std::set<std::string> StoredIds(sitrep::Store& store) {
  std::set<std::string> ids;
  for (const auto& a : store.List(SIZE_MAX / 2, 0)) ids.insert(a.id);
  return ids;
}

// Each story as its label and members (with the article each copies): what a reader sees,
// without the ingest times that differ from run to run.
std::map<sitrep::StoryId, std::string> StoriesOf(sitrep::Store& store) {
  std::map<sitrep::StoryId, std::string> out;
  for (const auto& s : store.Stories(SIZE_MAX / 2, 0)) {
    std::string members = s.label + ":";
    for (const auto& m : store.StoryMembers(s.id)) members += " " + m.article.id + "<" + m.upstream;
    out[s.id] = members;
  }
  return out;
}

// Starts `sitrep ingest`, waits `delay`, then kills it with SIGKILL. True when the kill
// landed (the ingest was still running).
bool IngestAndKill(const std::string& args, const fs::path& dir, std::chrono::milliseconds delay) {
  pid_t pid = fork();
  if (pid == 0) {
    std::string line = "exec " + kSitrep + " ingest " + args + " >>" + (dir / "killed.out").string() +
                       " 2>&1";
    execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  auto until = std::chrono::steady_clock::now() + delay;
  int rc = 0;
  while (std::chrono::steady_clock::now() < until) {
    if (waitpid(pid, &rc, WNOHANG) == pid) return false;  // finished before the kill
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &rc, 0);
  return WIFSIGNALED(rc) && WTERMSIG(rc) == SIGKILL;
}

TEST_F(Cli, KilledIngestsLoseAndDuplicateNothing) {
  const size_t n = FaultArticles();
  fs::path input = ReutersSlice(dir_, "reuters.jsonl", 0, n);
  const std::string flags = " --batch 256 --json " + input.string();

  // One uninterrupted ingest: the stories every interrupted one must end with.
  std::string ref_db = (dir_ / "ref.db").string();
  auto start = std::chrono::steady_clock::now();
  Result ref = Sitrep("ingest --db " + ref_db + flags);
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  ASSERT_EQ(ref.status, 0) << ref.err;

  // Kills at seeded points over the first fifth of an uninterrupted run's time: each run
  // gets some batches in before it dies (and some die while loading models or replaying).
  std::mt19937 rng(20261122);
  std::uniform_int_distribution<long> when(0, std::max<long>(1, took.count() / 5));
  int landed = 0;
  for (int i = 0; i < 20; ++i) landed += IngestAndKill("--db " + db_ + flags, dir_, std::chrono::milliseconds(when(rng)));
  Result last = Sitrep("ingest --db " + db_ + flags);
  ASSERT_EQ(last.status, 0) << last.err;
  printf("%zu articles; uninterrupted ingest %.1f s; %d of 20 kills landed mid-ingest\n", n,
         took.count() / 1000.0, landed);
  EXPECT_GE(landed, 5) << "the kills should hit running ingests";

  auto reference = sitrep::Store::Open(ref_db);
  auto resumed = sitrep::Store::Open(db_);
  std::set<std::string> ids = StoredIds(*reference);
  EXPECT_GT(ids.size(), n * 9 / 10) << "the reference ingest kept too few articles";
  EXPECT_EQ(reference->Count(), ids.size());
  EXPECT_EQ(resumed->Count(), ids.size()) << "articles lost or duplicated";
  EXPECT_EQ(StoredIds(*resumed), ids);
  EXPECT_EQ(resumed->Check(), std::vector<std::string>{});
  auto want = StoriesOf(*reference), got = StoriesOf(*resumed);
  EXPECT_EQ(got.size(), want.size());
  size_t same = 0;
  for (const auto& [id, members] : want) same += got.count(id) && got[id] == members;
  EXPECT_EQ(same, want.size()) << "stories differ from those of one uninterrupted ingest";
}

// The ways a database file gets damaged: cut short, overwritten in the middle, replaced.
enum class Damage { kTruncated, kRandomMiddle, kNotADatabase };

void DamageFile(const std::string& path, Damage how) {
  size_t size = fs::file_size(path);
  switch (how) {
    case Damage::kTruncated: fs::resize_file(path, size / 3); break;
    case Damage::kRandomMiddle: {
      std::mt19937 rng(7);
      std::string noise(size / 2, '\0');
      for (char& c : noise) c = static_cast<char>(rng());
      std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(static_cast<std::streamoff>(size / 4));
      f.write(noise.data(), static_cast<std::streamsize>(noise.size()));
      break;
    }
    case Damage::kNotADatabase:
      std::ofstream(path, std::ios::trunc) << "Notes for the Tuesday meeting.\n" << std::string(5000, '-');
      break;
  }
}

TEST_F(Cli, DamagedDatabaseIsAClearErrorForEveryCommand) {
  fs::path input = ReutersSlice(dir_, "some.jsonl", 0, 300);
  fs::path more = ReutersSlice(dir_, "more.jsonl", 300, 20);
  std::string good = (dir_ / "good.db").string();
  ASSERT_EQ(Sitrep("ingest --db " + good + " " + input.string()).status, 0);
  ASSERT_FALSE(fs::exists(good + "-wal") && fs::file_size(good + "-wal") > 0) << "the WAL was not checkpointed on close";

  const std::pair<Damage, const char*> damages[] = {
      {Damage::kTruncated, "truncated"}, {Damage::kRandomMiddle, "random bytes"}, {Damage::kNotADatabase, "text"}};
  const std::string commands[] = {"ingest " + more.string(), "stories", "brief 1", "serve --port 0"};
  for (const auto& [damage, name] : damages) {
    for (const std::string& command : commands) {
      std::string db = (dir_ / "damaged.db").string();
      fs::remove(db + "-wal");
      fs::remove(db + "-shm");
      fs::copy_file(good, db, fs::copy_options::overwrite_existing);
      DamageFile(db, damage);
      // `timeout` so that a server which started on a damaged store fails the test, not hangs it.
      Result r = Sh("timeout 60 " + kSitrep + " " + command + " --db " + db, dir_);
      SCOPED_TRACE(std::string(name) + ": sitrep " + command + "\n" + r.err);
      EXPECT_EQ(r.status, 1) << "a clear failure, not a crash (-1), a hang (124) or success";
      EXPECT_NE(r.err.find("damaged.db: "), std::string::npos) << "the error names the file";
      EXPECT_EQ(r.err.find("AddressSanitizer"), std::string::npos);
    }
  }
}

// A size-limited tmpfs; unmounted when the test ends. Needs root (mount(2)).
class FullDisk : public Cli {
 protected:
  void TearDown() override {
    if (mounted_) umount2(disk_.c_str(), MNT_DETACH);
    Cli::TearDown();
  }
  // Mounts `mib` MiB at dir_/disk; the reason when it cannot.
  std::string Mount(size_t mib) {
    disk_ = dir_ / "disk";
    fs::create_directories(disk_);
    std::string opts = "size=" + std::to_string(mib) + "m";
    if (mount("tmpfs", disk_.c_str(), "tmpfs", 0, opts.c_str()) != 0)
      return std::string("cannot mount a tmpfs: ") + strerror(errno);
    mounted_ = true;
    return "";
  }
  fs::path disk_;
  bool mounted_ = false;
};

TEST_F(FullDisk, IngestFailsClearlyAndKeepsWhatWasStored) {
  fs::path first = ReutersSlice(dir_, "first.jsonl", 0, 500);
  fs::path rest = ReutersSlice(dir_, "rest.jsonl", 500, 4000);
  // The store of the first batch, made on the real disk, then moved onto a small one with a
  // little room: the next ingest runs out of space part way through.
  std::string made = (dir_ / "first.db").string();
  ASSERT_EQ(Sitrep("ingest --db " + made + " " + first.string()).status, 0);
  size_t mib = fs::file_size(made) / (1 << 20) + 4;
  if (std::string why = Mount(mib); !why.empty()) GTEST_SKIP() << why;
  std::string db = (disk_ / "t.db").string();
  fs::copy_file(made, db);
  std::set<std::string> before = StoredIds(*sitrep::Store::Open(db));
  ASSERT_EQ(before.size(), StoredIds(*sitrep::Store::Open(made)).size());

  Result r = Sitrep("ingest --batch 100 --db " + db + " " + rest.string());
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("t.db: "), std::string::npos) << "the error names the file: " << r.err;
  EXPECT_NE(r.err.find("full"), std::string::npos) << "and says the disk is full: " << r.err;

  // Still full: the store opens, lists and checks clean, with every earlier article.
  auto store = sitrep::Store::Open(db);
  std::set<std::string> after = StoredIds(*store);
  for (const std::string& id : before) EXPECT_TRUE(after.count(id)) << id << " lost";
  EXPECT_EQ(store->Check(), std::vector<std::string>{});
  Result stories = Sitrep("stories --db " + db);
  EXPECT_EQ(stories.status, 0) << stories.err;
  printf("%zu MiB disk: %zu articles stored before, %zu after the failed ingest\n", mib, before.size(),
         after.size());
}

}  // namespace
}  // namespace sitrep_test
