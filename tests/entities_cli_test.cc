// Whole-program test of `sitrep entities` on the example corpus: the merges EXPECTED.md lists
// come out of the real tagger and identity, with no false merge between its people and no
// person's name left as a place or a body.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "cli_fixture.h"

namespace sitrep_test {
namespace {

struct Found {
  std::string type, name;
  std::set<std::string> variants;
};

std::vector<Found> Entities(const std::string& json) {
  std::vector<Found> out;
  const nlohmann::json parsed = nlohmann::json::parse(json);
  for (auto& story : parsed["stories"])
    for (auto& e : story["entities"]) {
      Found f{e["type"].get<std::string>(), e["name"].get<std::string>(), {}};
      for (auto& v : e["variants"]) f.variants.insert(v.get<std::string>());
      out.push_back(std::move(f));
    }
  return out;
}

bool Has(const Found& e, const std::string& words) {
  return std::any_of(e.variants.begin(), e.variants.end(),
                     [&](const std::string& v) { return v.find(words) != std::string::npos; });
}

TEST_F(Cli, ExampleCorpusEntitiesFromTheTagger) {
  ASSERT_EQ(Sitrep("report --db " + db_ + " " + kMinsk).status, 0);
  Result r = Sitrep("entities --json --db " + db_);
  ASSERT_EQ(r.status, 0) << r.err;
  auto entities = Entities(r.out);

  // The Ukrainian given name alone, after a place the tagger ran it into, joins the person.
  const Found* lukashenko = nullptr;
  for (const auto& e : entities)
    if (e.type == "person" && Has(e, "Lukashenko")) lukashenko = &e;
  ASSERT_NE(lukashenko, nullptr) << r.out;
  for (const char* v : {"Lukashenka", "Oleksandr"})
    EXPECT_TRUE(lukashenko->variants.count(v)) << v << " not among " << r.out;

  const std::vector<std::string> people = {"Putin",    "Lukashenk", "Yusov",   "Danilov",
                                           "Nayev",    "Zaluzhny",  "Peskov",  "Latushko",
                                           "Zhdanov",  "Shoigu",    "Khrenin", "Rosemary Thomas"};
  for (const auto& e : entities) {
    if (e.type == "person") {
      size_t held = 0;
      for (const auto& p : people)
        if (Has(e, p)) ++held;
      EXPECT_LE(held, 1u) << "false merge: " << e.name;
      EXPECT_NE(e.name, "Kyiv") << "a place taken for a person";
    } else {
      for (const char* surname : {"Putin", "Lukashenka", "Lukashenko", "Yusov"})
        EXPECT_FALSE(e.variants.count(surname)) << surname << " left as a " << e.type;
      EXPECT_FALSE(Has(e, "Oleksandr")) << e.name << " holds a person's given name";
    }
  }
}

}  // namespace
}  // namespace sitrep_test
