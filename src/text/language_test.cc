#include "text/language.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(GuessLanguage, CommonNewsLanguages) {
  EXPECT_EQ(GuessLanguage("The minister said on Monday that the talks with the union were over and "
                          "that a strike was likely."),
            "en");
  EXPECT_EQ(GuessLanguage("Der Minister sagte am Montag, dass die Gespräche mit der Gewerkschaft "
                          "beendet seien und ein Streik nicht auszuschließen sei."),
            "de");
  EXPECT_EQ(GuessLanguage("Le ministre a déclaré lundi que les discussions avec le syndicat "
                          "étaient terminées et qu'une grève est probable dans la région."),
            "fr");
  EXPECT_EQ(GuessLanguage("Міністр заявив у понеділок, що переговори з профспілкою завершено і що "
                          "страйк є ймовірним."),
            "uk");
  EXPECT_EQ(GuessLanguage("Министр заявил в понедельник, что переговоры с профсоюзом завершены и "
                          "что забастовка вероятна, это было бы."),
            "ru");
  EXPECT_EQ(GuessLanguage("Ο υπουργός δήλωσε τη Δευτέρα ότι οι συνομιλίες ολοκληρώθηκαν."), "el");
}

TEST(GuessLanguage, TooLittleToTell) {
  EXPECT_EQ(GuessLanguage("Minsk"), "");
  EXPECT_EQ(GuessLanguage("12 34 56 ... !!"), "");
}

}  // namespace
}  // namespace sitrep
