// Whole-program test of `sitrep eval names`: an invented pairs file, its scores, and a clear
// error for a malformed one.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_fixture.h"

namespace {

// The CLI fixture's scratch folder and runner.
class EvalNames : public sitrep_test::Cli {};

TEST_F(EvalNames, ScoresAnInventedPairsFile) {
  std::string path = Write("pairs.tsv",
                           "name1\tname2\tsame\n"
                           "Andriy Hrytsenko\tАндрій Гриценко\tTRUE\textra\tcolumns\n"
                           "Novosilka\tNovoselka\tTRUE\n"
                           "Harbour Town\tРіверсайд\tFALSE\n"
                           "Petro Koval\tIvan Marchuk\tFALSE\n");
  sitrep_test::Result r = Sitrep("eval names --pairs " + path);
  ASSERT_EQ(r.status, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["pairs"], 4);
  EXPECT_DOUBLE_EQ(j["precision"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(j["recall"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(j["f1"].get<double>(), 1.0);
}

TEST_F(EvalNames, MalformedFileIsNamedWithItsLine) {
  std::string path = Write("bad.tsv", "a\tb\tTRUE\nonly one column\n");
  sitrep_test::Result r = Sitrep("eval names --pairs " + path);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("bad.tsv:2"), std::string::npos) << r.err;
  sitrep_test::Result missing = Sitrep("eval names --pairs " + (dir_ / "none.tsv").string());
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("cannot open"), std::string::npos) << missing.err;
}

}  // namespace
