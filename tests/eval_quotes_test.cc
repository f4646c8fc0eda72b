// Whole-program test of `sitrep eval quotes`: an invented PolNeAR file scored with the rules,
// with the model alone (--model-only) and with the gold cues, and a clear error for a
// malformed file.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_fixture.h"

namespace {

// One invented article with two attributions, spans in code points as PolNeAR gives them.
nlohmann::json Record() {
  const std::string text =
      "Harbour reopens.\n\n\"The harbour will reopen on Monday,\" Jane Roe said.\n\n"
      "The mayor told reporters that ferries would run again.";
  auto span = [&](const std::string& part) {
    const size_t at = text.find(part);
    return nlohmann::json{{"start", at}, {"end", at + part.size()}, {"text", part}};
  };
  auto quote = [&](const std::string& content, const std::string& source, const std::string& cue) {
    return nlohmann::json{{"content_spans", {span(content)}}, {"speaker_spans", {span(source)}},
                          {"cue_spans", {span(cue)}}};
  };
  return {{"id", "invented_a1"}, {"article", "invented"}, {"annotator", "a1"}, {"text", text},
          {"quotes", {quote("The harbour will reopen on Monday,", "Jane Roe", "said"),
                      quote("ferries would run again", "The mayor", "told")}}};
}

// The CLI fixture's scratch folder and runner.
class EvalQuotes : public sitrep_test::Cli {};

TEST_F(EvalQuotes, ScoresWithRulesModelAloneAndGoldCues) {
  const std::string path = Write("polnear.jsonl", Record().dump() + "\n");
  for (const char* flags : {"", " --model-only", " --gold-cues", " --gold-cues --model-only"}) {
    sitrep_test::Result r = Sitrep("eval quotes --polnear " + path + flags);
    ASSERT_EQ(r.status, 0) << flags << ": " << r.out;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["documents"], 1) << flags;
    EXPECT_EQ(j["attributions"], 2) << flags;
    for (const char* field : {"content", "source"})
      for (const char* match : {"exact", "overlap"}) {
        const double f1 = j[field][match]["f1"].get<double>();
        EXPECT_GE(f1, 0.0) << flags << field << match;
        EXPECT_LE(f1, 1.0) << flags << field << match;
      }
    // Given the gold cues, every found cue is one of them.
    if (std::string(flags).find("--gold-cues") != std::string::npos) {
      EXPECT_DOUBLE_EQ(j["cue"]["exact"]["p"].get<double>(), 1.0) << flags << r.out;
    }
  }
}

TEST_F(EvalQuotes, MalformedFileIsNamedWithItsLine) {
  const std::string path = Write("bad.jsonl", Record().dump() + "\n{\"article\": \"x\"}\n");
  sitrep_test::Result r = Sitrep("eval quotes --polnear " + path);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("bad.jsonl:2"), std::string::npos) << r.err;
}

}  // namespace
