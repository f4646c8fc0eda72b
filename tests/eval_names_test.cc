// Whole-program test of `sitrep eval names`: an invented pairs file, its scores, and a clear
// error for a malformed one.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

struct Outcome {
  int status;
  std::string out;
};

// Runs build/sitrep with `args`, stdout captured, stderr folded into it.
Outcome Sitrep(const std::string& args) {
  std::string cmd = std::string(SITREP_BINARY) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  int rc = pclose(p);
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, out};
}

class EvalNames : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sitrep-eval-names-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  fs::path dir_;
};

TEST_F(EvalNames, ScoresAnInventedPairsFile) {
  std::string path = Write("pairs.tsv",
                           "name1\tname2\tsame\n"
                           "Andriy Hrytsenko\tАндрій Гриценко\tTRUE\textra\tcolumns\n"
                           "Novosilka\tNovoselka\tTRUE\n"
                           "Harbour Town\tРіверсайд\tFALSE\n"
                           "Petro Koval\tIvan Marchuk\tFALSE\n");
  Outcome r = Sitrep("eval names --pairs " + path);
  ASSERT_EQ(r.status, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["pairs"], 4);
  EXPECT_DOUBLE_EQ(j["precision"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(j["recall"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(j["f1"].get<double>(), 1.0);
}

TEST_F(EvalNames, MalformedFileIsNamedWithItsLine) {
  std::string path = Write("bad.tsv", "a\tb\tTRUE\nonly one column\n");
  Outcome r = Sitrep("eval names --pairs " + path);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("bad.tsv:2"), std::string::npos) << r.out;
  Outcome missing = Sitrep("eval names --pairs " + (dir_ / "none.tsv").string());
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.out.find("cannot open"), std::string::npos) << missing.out;
}

}  // namespace
