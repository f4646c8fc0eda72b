// `sitrep eval ner` on a CoNLL snippet of invented sentences, and its errors.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

const std::string kSitrep = SITREP_BINARY;

struct Outcome {
  int status;
  std::string out, err;
};

Outcome Sh(const std::string& cmd, const fs::path& dir) {
  fs::path out = dir / "stdout", err = dir / "stderr";
  int rc = std::system((cmd + " >" + out.string() + " 2>" + err.string()).c_str());
  auto slurp = [](const fs::path& p) {
    std::ifstream f(p);
    return std::string(std::istreambuf_iterator<char>(f), {});
  };
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, slurp(out), slurp(err)};
}

// Two documents, IOB1 as CoNLL-2003 writes it: 4 names in the first, 2 in the second.
const char kSnippet[] =
    "-DOCSTART- -X- O O\n\n"
    "Mayor NNP I-NP O\nOlena NNP I-NP I-PER\nDovzhenko NNP I-NP I-PER\nvisited VBD I-VP O\n"
    "Lviv NNP I-NP I-LOC\non IN I-PP O\nTuesday NNP I-NP O\n. . O O\n\n"
    "Dovzhenko NNP I-NP I-PER\nmet VBD I-VP O\nofficials NNS I-NP O\nof IN I-PP O\n"
    "the DT I-NP O\nWorld NNP I-NP I-ORG\nBank NNP I-NP I-ORG\n. . O O\n\n"
    "-DOCSTART- -X- O O\n\n"
    "German JJ I-NP I-MISC\nfarmers NNS I-NP O\nprotested VBD I-VP O\nin IN I-PP O\n"
    "Berlin NNP I-NP I-LOC\n. . O O\n";

class NerCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sitrep-ner-cli-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "snippet.conll") << kSnippet;
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(NerCli, EvalPrintsConllevalScores) {
  Outcome r = Sh(kSitrep + " eval ner --conll " + (dir_ / "snippet.conll").string(), dir_);
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"precision", "recall", "f1", "per_type", "tokens", "tokens_per_s"})
    EXPECT_TRUE(j.contains(key)) << key << " in " << r.out;
  EXPECT_EQ(j["tokens"], 22);
  EXPECT_EQ(j["documents"], 2);
  EXPECT_EQ(j["gold_entities"], 6);
  EXPECT_GT(j["tokens_per_s"].get<double>(), 0);
  for (const char* key : {"precision", "recall", "f1"}) {
    EXPECT_GE(j[key].get<double>(), 0.0);
    EXPECT_LE(j[key].get<double>(), 1.0);
  }
  // Plain names in plain sentences: most are found.
  EXPECT_GE(j["f1"].get<double>(), 0.6) << r.out;
  EXPECT_TRUE(j["per_type"].contains("PER")) << r.out;
}

TEST_F(NerCli, MissingModelOrFileIsAClearError) {
  Outcome r = Sh(kSitrep + " eval ner --model " + (dir_ / "none.model").string() + " --conll " +
                 (dir_ / "snippet.conll").string(),
             dir_);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("none.model"), std::string::npos) << r.err;
  r = Sh(kSitrep + " eval ner --conll " + (dir_ / "missing.conll").string(), dir_);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("missing.conll"), std::string::npos) << r.err;
  std::ofstream(dir_ / "bad.conll") << "Word NNP I-NP X-PER\n";
  r = Sh(kSitrep + " eval ner --conll " + (dir_ / "bad.conll").string(), dir_);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("bad.conll:1"), std::string::npos) << r.err;
}

}  // namespace
