// What the whole-program tests share: running build/sitrep in a scratch folder.
#pragma once

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace sitrep_test {

inline const std::string kSitrep = SITREP_BINARY;
inline const std::string kShared = SITREP_SHARED_DIR;
inline const std::string kMinsk = kShared + "/corpora/minsk-2022-12";

// How many Reuters articles the kill -9 tests ingest: SITREP_FAULT_ARTICLES, else 10,000 (the
// sanitizer build in scripts/ci-hardening sets fewer; each test prints what it used).
inline size_t FaultArticles() {
  const char* v = std::getenv("SITREP_FAULT_ARTICLES");
  return v && *v ? std::strtoul(v, nullptr, 10) : 10000;
}

struct Result {
  int status;
  std::string out, err;
};

// Runs a shell command line, capturing stdout and stderr, and the peak memory of the
// largest process it ran.
inline Result Sh(const std::string& cmd, const fs::path& dir, long* peak_rss_kib = nullptr) {
  fs::path out = dir / "stdout", err = dir / "stderr";
  std::string line = cmd + " >" + out.string() + " 2>" + err.string();
  pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int rc = 0;
  struct rusage usage {};
  wait4(pid, &rc, 0, &usage);
  if (peak_rss_kib) *peak_rss_kib = usage.ru_maxrss;
  auto slurp = [](const fs::path& p) {
    std::ifstream f(p);
    return std::string(std::istreambuf_iterator<char>(f), {});
  };
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, slurp(out), slurp(err)};
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sitrep-cli-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "t.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  Result Sitrep(const std::string& args) { return Sh(kSitrep + " " + args, dir_); }
  // Writes a file into the scratch folder; returns its path.
  std::string Write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
    return (dir_ / name).string();
  }

  fs::path dir_;
  std::string db_;
};

}  // namespace sitrep_test
