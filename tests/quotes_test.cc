// Who said what on the example corpus: lines of EXPECTED.md ("Who said what") checked
// through `sitrep quotes --json`.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "cli_fixture.h"

namespace {

using sitrep_test::kMinsk;
using sitrep_test::kSitrep;
using sitrep_test::Sh;

class MinskQuotes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("sitrep-quotes-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    db_ = (dir_ / "t.db").string();
    Sh(kSitrep + " ingest --db " + db_ + " " + kMinsk, dir_);
    json_ = nlohmann::json::parse(Sh(kSitrep + " quotes --json --db " + db_, dir_).out, nullptr, false);
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
          copy["article"] = a["id"];
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
  static inline std::string db_;
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

// "Yusov (000): ... Russia squeezes the Belarusian defence industry." Written
// "“...”, - noted Yusov.", a credit after a dash.
TEST_F(MinskQuotes, YusovOnTheDefenceIndustryCreditedAfterADash) {
  auto qs = Of("Yusov", "squeeze out of the Belarusian defense industry");
  ASSERT_FALSE(qs.empty());
  EXPECT_TRUE(qs[0]["direct"].get<bool>());
  EXPECT_EQ(qs[0]["cue"]["text"], "noted");
}

// 003's lead: "<the Kremlin's strategic objective>, Andriy Yusov, a representative of ...,
// has told Radio NV." (the content before the name, the venue after the verb).
TEST_F(MinskQuotes, YusovsLeadToldRadio) {
  auto qs = Of("Yusov", "is a strategic objective of the Kremlin");
  ASSERT_FALSE(qs.empty());
  EXPECT_EQ(qs[0]["venue"], "Radio NV");
  EXPECT_FALSE(qs[0]["direct"].get<bool>());
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
  auto answers = Of("Rosemary Thomas", "a lot more unlikely than likely");
  ASSERT_FALSE(answers.empty());
  // The credit line after the last answer is no part of it.
  for (const auto& q : Of("Rosemary Thomas", ""))
    EXPECT_EQ(q["content"]["text"].get<std::string>().find("Excerpted"), std::string::npos);
}

// "Nayev (001 and 002, two translations of one statement ...)": in 001 a paragraph ending
// "..., Lt. Gen. Serhiy Nayev:" introduces the quotation of the next paragraph, which ends at
// its own closing mark (the next paragraph is Zaluzhny's, "BBC quoted Zaluzhny as saying").
TEST_F(MinskQuotes, NayevAfterAColon) {
  auto qs = Of("Serhiy Nayev", "wider involvement");
  ASSERT_FALSE(qs.empty());
  EXPECT_EQ(qs[0]["content"]["text"].get<std::string>().find("strategic task"), std::string::npos) << qs[0].dump();
  auto zaluzhny = Of("Zaluzhny", "An important strategic task");
  ASSERT_FALSE(zaluzhny.empty());
  EXPECT_EQ(zaluzhny[0]["content"]["text"].get<std::string>().find("We believe"), std::string::npos);
}

// Speakers by the fullest form of their name in the article: 002 writes "Lieutenant General
// Serhiy Naev" and then "Nayev said".
TEST_F(MinskQuotes, NayevByHisFullName) {
  auto qs = Of("Serhiy Na", "will be worked out");
  ASSERT_FALSE(qs.empty());
  EXPECT_EQ(Of("Serhiy Na", "Belarus joins the armed aggression").size(), 1u);
  for (const auto& a : json_["articles"])
    for (const auto& q : a["attributions"]) {
      EXPECT_NE(q["speaker"], "Nayev");
      EXPECT_NE(q["speaker"], "Naev");
    }
}

// Reported speech runs to the end of the clause its cue governs, not to the first comma or date.
TEST_F(MinskQuotes, ReportedClausesWhole) {
  EXPECT_EQ(Of("Latushko", "Lukashenko had received the Minister of Defense").size(), 1u);
  EXPECT_EQ(Of("Danilov", "War Staff was held").size(), 1u);
  EXPECT_EQ(Of("Belarusian underground", "bargaining coin").size(), 1u);
  // "Otherwise, according to Yusov, ...: "Ukrainians know what to do.""
  EXPECT_EQ(Of("Yusov", "Ukrainians know what to do").size(), 1u);
}

// Words that are no speech are no cues: "Putin pressured ...", "Putin will come to Minsk",
// "It is also known that", "What is known about", "as ... put it" (one attribution with the
// words before it), "Peskov's words actually mean: ..." (the author's reading).
TEST_F(MinskQuotes, NoCuesThatAreNoSpeech) {
  ASSERT_TRUE(json_.is_object());
  for (const auto& a : json_["articles"])
    for (const auto& q : a["attributions"]) {
      const std::string cue = q["cue"]["text"];
      for (const char* not_speech : {"pressured", "will come", "is also known", "is known about", "put", "mean:", "seems"})
        EXPECT_NE(cue, not_speech) << q.dump();
      EXPECT_EQ(q["content"]["text"].get<std::string>().find("Yes, we are doing our best"), std::string::npos) << q.dump();
    }
}

// "..., Putin pressured Lukashenka ..., Oleksiy Danilov, the secretary of ..., commented on
// this visit, according to Ukrinform": Danilov's statement, relayed by Ukrinform; no statement
// of Ukrinform's own. 004's "That's according to Danilov, ..., Ukrinform reports" likewise.
TEST_F(MinskQuotes, DanilovsCommentRelayedNotTheOutletsOwn) {
  auto qs = Of("Danilov", "Putin pressured Lukashenka");
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_TRUE(HasRelay(qs[0], "Ukrinform")) << qs[0].dump();
  EXPECT_TRUE(Of("Ukrinform", "").empty());
  auto four = Of("Danilov", "Lukashenko isn’t willing to take the step");
  ASSERT_FALSE(four.empty());
  EXPECT_TRUE(HasRelay(four[0], "Ukrinform")) << four[0].dump();
}

// One quotation, one attribution: "“...,” Danilov emphasized" and "“We understand ...,” he
// added"; "“...,” Yusov said" and "“Minsk understands ...,” Yusov warned".
TEST_F(MinskQuotes, EachQuotationCreditedOnce) {
  EXPECT_EQ(Of("Danilov", "Putin demands Belarus’s direct intervention").size(), 1u);
  auto added = Of("Danilov", "We understand what");
  ASSERT_EQ(added.size(), 1u);
  EXPECT_EQ(added[0]["content"]["text"].get<std::string>().find("Putin demands"), std::string::npos);
  EXPECT_EQ(Of("Yusov", "strategic task of the Kremlin").size(), 1u);
  auto warned = Of("Yusov", "Minsk understands who is really behind");
  ASSERT_EQ(warned.size(), 1u);
  EXPECT_EQ(warned[0]["content"]["text"].get<std::string>().find("strategic task"), std::string::npos);
  EXPECT_EQ(Of("Peskov", "stupid and baseless fiction").size(), 1u);
}

// "As a reminder, the National Resistance Centre reported ...": the source is the centre alone,
// and the speaker the centre as its story names it.
TEST_F(MinskQuotes, SourceWithoutLeftovers) {
  auto qs = Of("National Resistance Centre", "false flag operation");
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_EQ(qs[0]["source"]["text"], "the National Resistance Centre");
  EXPECT_EQ(qs[0]["speaker"], "National Resistance Centre");
}

// "Not quotes: the author's own sentences ("The Kremlin always lies ...", 001)."
TEST_F(MinskQuotes, AuthorIsNoSource) {
  ASSERT_TRUE(json_.is_object());
  for (const auto& a : json_["articles"])
    for (const auto& q : a["attributions"]) {
      const std::string content = q["content"].is_object() ? q["content"]["text"].get<std::string>() : "";
      EXPECT_EQ(content.find("The Kremlin always lies"), std::string::npos) << q.dump();
    }
}

// Every view of the quotes names a speaker as the story does, however the articles spell them
// (EXPECTED.md's "Nayev"/"Naev", "Andrii"/"Andriy Yusov"), as the story's brief does: one
// story, the whole store, and one article (003 spells him "Andriy Yusov").
TEST_F(MinskQuotes, OneNameASpeakerAcrossTheStory) {
  auto speakers_in = [](const nlohmann::json& listing) {
    std::set<std::string> speakers;
    for (const auto& a : listing["articles"])
      for (const auto& q : a["attributions"]) speakers.insert(q["speaker"].get<std::string>());
    return speakers;
  };
  const auto story = nlohmann::json::parse(Sh(kSitrep + " quotes --json --story 1 --db " + db_, dir_).out, nullptr, false);
  ASSERT_TRUE(story.is_object());
  ASSERT_TRUE(json_.is_object());
  for (const auto& listing : {story, json_}) {
    const std::set<std::string> speakers = speakers_in(listing);
    for (const char* name : {"Serhiy Nayev", "Andrii Yusov"}) EXPECT_TRUE(speakers.count(name)) << name;
    for (const char* other : {"Serhiy Naev", "Andriy Yusov"}) EXPECT_FALSE(speakers.count(other)) << other;
  }
  std::string radio_article;  // the article Yusov told Radio NV
  for (const auto& q : Of("Yusov", "strategic task of the Kremlin")) radio_article = q["article"];
  ASSERT_FALSE(radio_article.empty());
  const auto one = nlohmann::json::parse(
      Sh(kSitrep + " quotes --json --article " + radio_article + " --db " + db_, dir_).out, nullptr, false);
  ASSERT_TRUE(one.is_object());
  ASSERT_EQ(one["articles"].size(), 1u) << "only the article asked for is listed";
  EXPECT_TRUE(speakers_in(one).count("Andrii Yusov"));
  EXPECT_FALSE(speakers_in(one).count("Andriy Yusov"));
}

}  // namespace
