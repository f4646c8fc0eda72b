#include <gtest/gtest.h>

#include "ingest/readers.h"

namespace sitrep {
namespace {

TEST(ReadJsonl, MapsFieldsAndReportsBadLines) {
  auto in = ByteSource::FromString(
      "{\"url\":\"https://e.org/1\",\"title\":\"T1\",\"text\":\"Body one.\",\"date\":\"2022-12-19\","
      "\"source\":\"Wire\"}\n"
      "not json\n"
      "\n"
      "{\"html\":\"<p>Body two.</p>\",\"source\":{\"name\":\"Paper\"}}\n"
      "[1,2]\n"
      "{\"title\":\"no body\"}\n");
  std::vector<Document> docs;
  std::vector<std::string> errors;
  ReadJsonl(*in, "f.jsonl", JsonlFields{}, [&](Document&& d) { docs.push_back(std::move(d)); },
            [&](const std::string& where, const std::string& why) { errors.push_back(where + ": " + why); });
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].url, "https://e.org/1");
  EXPECT_EQ(docs[0].title, "T1");
  EXPECT_EQ(docs[0].date, "2022-12-19");
  EXPECT_EQ(docs[0].outlet, "Wire");
  EXPECT_FALSE(docs[0].is_html);
  EXPECT_EQ(docs[0].origin, "f.jsonl#line-1");
  EXPECT_TRUE(docs[1].is_html);
  EXPECT_EQ(docs[1].outlet, "Paper");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0], "f.jsonl#line-2: not valid JSON");
  EXPECT_EQ(errors[1], "f.jsonl#line-5: not a JSON object");
}

TEST(ReadJsonl, OtherFieldNames) {
  auto in = ByteSource::FromString("{\"body\":\"Text.\",\"headline\":\"H\",\"link\":\"u\"}\n");
  JsonlFields f;
  f.text = "body";
  f.title = "headline";
  f.url = "link";
  std::vector<Document> docs;
  ReadJsonl(*in, "f", f, [&](Document&& d) { docs.push_back(std::move(d)); },
            [](const std::string&, const std::string&) {});
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].body, "Text.");
  EXPECT_EQ(docs[0].title, "H");
  EXPECT_EQ(docs[0].url, "u");
}

}  // namespace
}  // namespace sitrep
