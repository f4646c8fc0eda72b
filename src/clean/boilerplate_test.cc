#include "clean/boilerplate.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(ClassifyLine, LinkTeasersAndHeaders) {
  EXPECT_EQ(ClassifyLine("Read more: Storm closes the port - mayor"), LineKind::kLinkTeaser);
  EXPECT_EQ(ClassifyLine("See also: Prices rise again"), LineKind::kLinkTeaser);
  EXPECT_EQ(ClassifyLine("Читайте також: Уряд ухвалив бюджет"), LineKind::kLinkTeaser);
  EXPECT_EQ(ClassifyLine("Смотрите также - Новый закон"), LineKind::kLinkTeaser);
  EXPECT_EQ(ClassifyLine("Read also:"), LineKind::kLinkHeader);
  EXPECT_EQ(ClassifyLine("Related"), LineKind::kLinkHeader);
  EXPECT_EQ(ClassifyLine("Читайте также:"), LineKind::kLinkHeader);
  // A sentence that happens to start with the same word is content.
  EXPECT_EQ(ClassifyLine("Related talks were held in Geneva."), LineKind::kContent);
  EXPECT_EQ(ClassifyLine("Read more books, the minister urged."), LineKind::kContent);
}

TEST(ClassifyLine, SocialLines) {
  EXPECT_EQ(ClassifyLine("Read news on social networks Facebook, Twitter and Telegram"), LineKind::kSocial);
  EXPECT_EQ(ClassifyLine("Share on Facebook"), LineKind::kSocial);
  EXPECT_EQ(ClassifyLine("Follow us on Instagram"), LineKind::kSocial);
  EXPECT_EQ(ClassifyLine("Subscribe to our newsletter"), LineKind::kSocial);
  EXPECT_EQ(ClassifyLine("Підписуйтесь на наш Telegram-канал"), LineKind::kSocial);
  EXPECT_EQ(ClassifyLine("Our channels: Viber, Telegram"), LineKind::kSocial);
  EXPECT_EQ(ClassifyLine("Share prices rose 5% on Monday."), LineKind::kContent);
  EXPECT_EQ(ClassifyLine("Facebook and Twitter removed the accounts."), LineKind::kContent);
}

TEST(ClassifyLine, PhotoCredits) {
  EXPECT_EQ(ClassifyLine("Photo: Ministry of Defence"), LineKind::kPhotoCredit);
  EXPECT_EQ(ClassifyLine("Фото: УНІАН"), LineKind::kPhotoCredit);
  EXPECT_EQ(ClassifyLine("Rescuers at the site / Getty Images"), LineKind::kPhotoCredit);
  EXPECT_EQ(ClassifyLine("Photographers were kept away from the site."), LineKind::kContent);
}

TEST(ClassifyLine, PunctuationNavigationJunk) {
  EXPECT_EQ(ClassifyLine(", , , , ,"), LineKind::kPunctuation);
  EXPECT_EQ(ClassifyLine("***"), LineKind::kPunctuation);
  EXPECT_EQ(ClassifyLine("MainNews -"), LineKind::kNavigation);
  EXPECT_EQ(ClassifyLine("Home > World > Europe"), LineKind::kNavigation);
  EXPECT_EQ(ClassifyLine("Головна / Новини / Світ"), LineKind::kNavigation);
  EXPECT_EQ(ClassifyLine("Advertisement"), LineKind::kJunk);
  EXPECT_EQ(ClassifyLine("Storm hits the coast - mayor"), LineKind::kContent);
}

TEST(LineShape, EndsSentence) {
  EXPECT_TRUE(EndsSentence("It rained."));
  EXPECT_TRUE(EndsSentence("\"It rained.\""));
  EXPECT_TRUE(EndsSentence("Why?”"));
  EXPECT_FALSE(EndsSentence("What is known about the meeting"));
  EXPECT_FALSE(EndsSentence("He said,"));
}

TEST(LineShape, EndsMidPhrase) {
  EXPECT_TRUE(EndsMidPhrase("The expert believes that"));
  EXPECT_TRUE(EndsMidPhrase("prices could become a"));
  EXPECT_TRUE(EndsMidPhrase("He came,"));
  EXPECT_TRUE(EndsMidPhrase("Міністр заявив, що"));
  EXPECT_FALSE(EndsMidPhrase("What is known about the meeting"));
  EXPECT_FALSE(EndsMidPhrase("Storm hits the coast - mayor"));
}

TEST(LineShape, StartsContinuation) {
  EXPECT_TRUE(StartsContinuation("is holding meetings."));
  EXPECT_TRUE(StartsContinuation(", the minister said."));
  EXPECT_TRUE(StartsContinuation("та інші."));
  EXPECT_FALSE(StartsContinuation("iPhone sales fell."));
  EXPECT_FALSE(StartsContinuation("The minister said."));
}

TEST(LineShape, Bullets) {
  EXPECT_TRUE(IsBulletItem("• Prices rise"));
  EXPECT_TRUE(IsBulletItem("- Prices rise"));
  EXPECT_TRUE(IsBulletItem("2. Prices rise"));
  EXPECT_FALSE(IsBulletItem("2.5 million people"));
  EXPECT_FALSE(IsBulletItem("Prices rise"));
}

}  // namespace
}  // namespace sitrep
