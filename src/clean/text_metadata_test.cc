#include "clean/text_metadata.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(FindDates, IsoWithMarker) {
  auto d = FindDates("date 2021-03-04 The council met");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(d[0].marked);
  EXPECT_EQ(d[0].when.Iso(), "2021-03-04");
  EXPECT_EQ(d[0].begin, 0u);
}

TEST(FindDates, NumericWithTime) {
  auto d = FindDates("Storm warning 03.04.2021 08:15 https://example.org");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_FALSE(d[0].marked);
  EXPECT_EQ(d[0].when.Iso(), "2021-04-03T08:15");
  auto e = FindDates("Interview 7.11.2020, 19:05.");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].when.Iso(), "2020-11-07T19:05");
}

TEST(FindDates, WrittenMonths) {
  EXPECT_EQ(FindDates("Published: March 4, 2021")[0].when.Iso(), "2021-03-04");
  EXPECT_TRUE(FindDates("Published: March 4, 2021")[0].marked);
  EXPECT_EQ(FindDates("on 4 March 2021 the")[0].when.Iso(), "2021-03-04");
  EXPECT_EQ(FindDates("Опубліковано 4 березня 2021 о 10:30")[0].when.Iso(), "2021-03-04T10:30");
  EXPECT_EQ(FindDates("4 марта 2021 года")[0].when.Iso(), "2021-03-04");
}

TEST(FindDates, RejectsNonDates) {
  EXPECT_TRUE(FindDates("version 1.2.3456 and 45.67.2021").empty());
  EXPECT_TRUE(FindDates("on March 4 the").empty());  // no year: not absolute
  EXPECT_TRUE(FindDates("no digits here").empty());
}

TEST(FindUrls, SchemesAndBareDomains) {
  auto u = FindUrls("See https://www.example.net/a/b.html.");
  ASSERT_EQ(u.size(), 1u);
  EXPECT_EQ(u[0].url, "https://www.example.net/a/b.html");
  EXPECT_EQ(u[0].host, "example.net");
  auto v = FindUrls("source: newsite97.org/en/1/");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].host, "newsite97.org");
  EXPECT_TRUE(FindUrls("write to info@example.org").empty());
  EXPECT_TRUE(FindUrls("Press.NET reported").empty());  // a name, not a link
}

TEST(FindUrls, CreditUrlEndsALineAfterASentenceOrTime) {
  const std::string a = "He left. https://example.org/x";
  EXPECT_TRUE(IsCreditUrl(a, FindUrls(a)[0]));
  const std::string b = "Headline 01.02.2021 10:00 https://example.org";
  EXPECT_TRUE(IsCreditUrl(b, FindUrls(b)[0]));
  const std::string c = "Visit https://example.org for details.";
  EXPECT_FALSE(IsCreditUrl(c, FindUrls(c)[0]));
}

TEST(FindOutlets, OwnOutletAndRelays) {
  std::string own;
  std::vector<std::string> relays;
  FindOutlets("the mayor said, informs Daily.NET with a reference to Morning Herald.", &own, &relays);
  EXPECT_EQ(own, "Daily.NET");
  EXPECT_EQ(relays, std::vector<std::string>{"Morning Herald"});
}

TEST(FindOutlets, RelayCues) {
  std::string own;
  std::vector<std::string> relays;
  FindOutlets("The port closed, according to Lvivinform.", &own, &relays);
  FindOutlets("It was calm, City Radio reports.", &own, &relays);
  FindOutlets("\"We wait,\" Sky News quoted the mayor as saying.", &own, &relays);
  FindOutlets("She told The Observer on Friday.", &own, &relays);
  FindOutlets("He said this on the MORNING TV channel.", &own, &relays);
  EXPECT_TRUE(own.empty());
  EXPECT_EQ(relays, (std::vector<std::string>{"Lvivinform", "City Radio", "Sky News", "The Observer", "MORNING TV"}));
}

TEST(FindOutlets, CuesInAnyCaseAndNextToDigits) {
  // Lines without a cue's word are turned away before the patterns run: the cue words must
  // be found in capitals, after digits and in Cyrillic lines too.
  std::string own;
  std::vector<std::string> relays;
  FindOutlets("THE PORT CLOSED, ACCORDING TO Harbour Wire.", &own, &relays);
  FindOutlets("Calm at 9,SAID ON Radio Verde.", &own, &relays);
  FindOutlets("2022.Informs Port Daily", &own, &relays);
  FindOutlets("Порт закрито, з посиланням на Вісті Гавані.", &own, &relays);
  EXPECT_EQ(own, "Port Daily");
  EXPECT_EQ(relays, (std::vector<std::string>{"Harbour Wire", "Radio Verde", "Вісті Гавані"}));
  relays.clear();
  FindOutlets("The mayor said the port, on the whole, saidon channels reporter wrotE.", &own, &relays);
  EXPECT_TRUE(relays.empty()) << relays.front();
}

TEST(FindOutlets, PeopleAndOfficesAreNotOutlets) {
  std::string own;
  std::vector<std::string> relays;
  FindOutlets("Otherwise, according to Petrenko, the army is ready.", &own, &relays);
  FindOutlets("That is according to Ivan Petrenko, the secretary.", &own, &relays);
  FindOutlets("The Regional Council reported a fire.", &own, &relays);
  FindOutlets("The local underground reported sabotage.", &own, &relays);
  EXPECT_TRUE(relays.empty()) << relays.front();
}

TEST(Relays, DomainAndNameAreOneOutlet) {
  std::vector<std::string> relays;
  AddRelay(relays, "lvivinform.net");
  AddRelay(relays, "Lvivinform");
  AddRelay(relays, "Lvivinform");
  EXPECT_EQ(relays, std::vector<std::string>{"Lvivinform"});
}

TEST(LooksLikeOutlet, Shapes) {
  EXPECT_TRUE(LooksLikeOutlet("Example.NET"));
  EXPECT_TRUE(LooksLikeOutlet("The Guardian"));
  EXPECT_TRUE(LooksLikeOutlet("The Spectator"));  // by its title "The", no list needed
  EXPECT_TRUE(LooksLikeOutlet("Kazinform"));
  EXPECT_TRUE(LooksLikeOutlet("Radio Liberty"));
  EXPECT_TRUE(LooksLikeOutlet("Interfax"));
  EXPECT_TRUE(LooksLikeOutlet("Українська правда"));
  EXPECT_FALSE(LooksLikeOutlet("Ivan Petrenko"));
  EXPECT_FALSE(LooksLikeOutlet("U.S"));
  EXPECT_FALSE(LooksLikeOutlet("National Resistance Centre"));
}

}  // namespace
}  // namespace sitrep
