// Who said what on the example corpus: lines of EXPECTED.md ("Who said what") checked
// through `sitrep quotes --json`.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace {

const std::string kSitrep = SITREP_BINARY;
const std::string kMinsk = std::string(SITREP_SHARED_DIR) + "/corpora/minsk-2022-12";

std::string Shell(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  pclose(p);
  return out;
}

class MinskQuotes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("sitrep-quotes-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    const std::string db = (dir_ / "t.db").string();
    Shell(kSitrep + " ingest --db " + db + " " + kMinsk + " 2>/dev/null");
    const std::string out = Shell(kSitrep + " quotes --json --db " + db);
    json_ = nlohmann::json::parse(out, nullptr, false);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  // Attributions of the article whose origin file starts with `file` (e.g. "002").
  static std::vector<nlohmann::json> Of(const std::string& speaker, const std::string& words) {
    std::vector<nlohmann::json> out;
    if (!json_.is_object()) return out;
    for (const auto& a : json_["articles"])
      for (const auto& q : a["attributions"]) {
        const std::string content = q["content"].is_object() ? q["content"]["text"].get<std::string>() : "";
        if (q["speaker"].get<std::string>().find(speaker) != std::string::npos &&
            content.find(words) != std::string::npos) {
          auto copy = q;
          copy["outlet"] = a["outlet"];
          out.push_back(copy);
        }
      }
    return out;
  }
  static bool HasRelay(const nlohmann::json& q, const std::string& r) {
    for (const auto& x : q["relays"])
      if (x.get<std::string>() == r) return true;
    return false;
  }

  static inline fs::path dir_;
  static inline nlohmann::json json_;
};

TEST_F(MinskQuotes, Parsed) { ASSERT_TRUE(json_.is_object()); }

// "Yusov (000): ... Said on the national telethon; relayed by Censor.NET with a reference to
// Ukrainian Truth."
TEST_F(MinskQuotes, YusovOnTheTelethonRelayed) {
  auto qs = Of("Yusov", "full-scale ground operation");
  ASSERT_FALSE(qs.empty());
  EXPECT_NE(qs[0]["venue"].get<std::string>().find("telethon"), std::string::npos) << qs[0].dump();
  EXPECT_TRUE(HasRelay(qs[0], "Ukrainian Truth")) << qs[0].dump();
  EXPECT_EQ(qs[0]["outlet"], "Censor.NET");
}

// "... The long quote spans several paragraphs, interrupted by a "Read more" line."
TEST_F(MinskQuotes, YusovQuoteOverSeveralParagraphs) {
  auto qs = Of("Yusov", "not everything is as good as he would like");
  ASSERT_FALSE(qs.empty());
  EXPECT_NE(qs[0]["content"]["text"].get<std::string>().find("full-scale ground operation"), std::string::npos);
  EXPECT_TRUE(qs[0]["direct"].get<bool>());
}

// "Yusov (003): the Kremlin's strategic task is to involve the Belarusian army ... Told Radio NV."
TEST_F(MinskQuotes, YusovToldRadio) {
  auto qs = Of("Yusov", "strategic task of the Kremlin");
  ASSERT_FALSE(qs.empty());
  EXPECT_EQ(qs[0]["venue"], "Radio NV");
  EXPECT_TRUE(qs[0]["direct"].get<bool>());
}

// "Danilov (001 and 004): "Putin demands direct involvement / direct intervention ..." Both
// relay Ukrinform."
TEST_F(MinskQuotes, DanilovRelayedByUkrinform) {
  auto one = Of("Danilov", "Putin demands direct involvement");
  auto four = Of("Danilov", "Putin demands Belarus’s direct intervention");
  ASSERT_FALSE(one.empty());
  ASSERT_FALSE(four.empty());
  EXPECT_TRUE(HasRelay(one[0], "Ukrinform")) << one[0].dump();
  EXPECT_TRUE(HasRelay(four[0], "Ukrinform")) << four[0].dump();
}

// "Danilov (004): "We understand what's happening, what we need to prepare for"" (credited
// to "he").
TEST_F(MinskQuotes, DanilovThroughAPronoun) {
  auto qs = Of("Danilov", "We understand what");
  ASSERT_FALSE(qs.empty());
  EXPECT_EQ(qs[0]["source"]["text"], "he");
}

// "Zaluzhny (001): ... Interview with The Economist, as quoted by the BBC."
TEST_F(MinskQuotes, ZaluzhnyInterviewQuotedByTheBbc) {
  auto qs = Of("Zaluzhny", "An important strategic task for us");
  ASSERT_FALSE(qs.empty());
  EXPECT_EQ(qs[0]["venue"], "The Economist");
  EXPECT_TRUE(HasRelay(qs[0], "BBC")) << qs[0].dump();
}

// "Peskov (001): speculation ... is "stupid and baseless fiction"."
TEST_F(MinskQuotes, Peskov) { EXPECT_FALSE(Of("Peskov", "stupid and baseless fiction").empty()); }

// "Latushko (002): ... Said on FREEDOM TV." (also as "the Belarusian opposition figure")
TEST_F(MinskQuotes, LatushkoOnFreedomTv) {
  auto qs = Of("Latushko", "");
  ASSERT_GE(qs.size(), 2u);
  for (const auto& q : qs) EXPECT_EQ(q["venue"], "FREEDOM TV") << q.dump();
}

// "Zhdanov (002, indirect)"; "the Belarusian underground (002, indirect)"; "Institute for the
// Study of War analysts"; "the National Resistance Centre (003, indirect)".
TEST_F(MinskQuotes, IndirectSources) {
  auto zhdanov = Of("Zhdanov", "Putin will pressure");
  ASSERT_FALSE(zhdanov.empty());
  EXPECT_FALSE(zhdanov[0]["direct"].get<bool>());
  EXPECT_FALSE(Of("Belarusian underground", "").empty());
  EXPECT_FALSE(Of("Institute for the Study of War", "").empty());
  EXPECT_FALSE(Of("National Resistance Centre", "").empty());
}

// "Rosemary Thomas (004): invasion "a lot more unlikely than likely" ... the speaker is named
// only at the end."
TEST_F(MinskQuotes, InterviewAnswersCredited) {
  EXPECT_FALSE(Of("Rosemary Thomas", "a lot more unlikely than likely").empty());
}

// "Nayev (001): the meeting will work out wider involvement ..." (a colon introduces the quote)
TEST_F(MinskQuotes, NayevAfterAColon) { EXPECT_FALSE(Of("Nayev", "wider involvement").empty()); }

// "Not quotes: the author's own sentences ("The Kremlin always lies ...", 001)."
TEST_F(MinskQuotes, AuthorIsNoSource) {
  ASSERT_TRUE(json_.is_object());
  for (const auto& a : json_["articles"])
    for (const auto& q : a["attributions"]) {
      const std::string content = q["content"].is_object() ? q["content"]["text"].get<std::string>() : "";
      EXPECT_EQ(content.find("The Kremlin always lies"), std::string::npos) << q.dump();
    }
}

}  // namespace
