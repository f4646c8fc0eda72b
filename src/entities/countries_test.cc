#include "entities/countries.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(Countries, CapitalsPeoplesAndSeatsStandForTheirCountry) {
  EXPECT_EQ(CountryOf("Warsaw"), "Poland");
  EXPECT_EQ(CountryOf("Polish"), "Poland");
  EXPECT_EQ(CountryOf("poland"), "Poland");
  EXPECT_EQ(CountryOf("Kremlin"), "Russia");
  EXPECT_EQ(CountryOf("Kyiv"), CountryOf("Kiev"));
  EXPECT_EQ(CountryOf("harbour"), "");
  EXPECT_EQ(CountryOf(""), "");
}

}  // namespace
}  // namespace sitrep
