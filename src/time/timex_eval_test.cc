#include "time/timex_eval.h"

#include <gtest/gtest.h>

namespace sitrep::timex_eval {
namespace {

Scored T(uint32_t b, uint32_t e, std::string type, std::string value) {
  return {{b, e}, std::move(type), std::move(value), ""};
}

TEST(TimexEval, CountsStrictRelaxedAndAttributes) {
  std::vector<Scored> gold = {T(0, 10, "DATE", "2022-12-19"), T(20, 30, "DURATION", "P3Y"),
                              T(40, 45, "DATE", "PRESENT_REF")};
  std::vector<Scored> pred = {T(0, 10, "DATE", "2022-12-19"),  // exact, all right
                              T(24, 30, "DURATION", "P2Y"),    // overlap, wrong value
                              T(50, 55, "DATE", "2022")};      // spurious
  Counts c = Score(gold, pred);
  EXPECT_EQ(c.gold, 3u);
  EXPECT_EQ(c.predicted, 3u);
  EXPECT_EQ(c.strict, 1u);
  EXPECT_EQ(c.relaxed, 2u);
  EXPECT_EQ(c.value, 1u);
  EXPECT_EQ(c.type, 2u);
  // relaxed: P = 2/3, R = 2/3; value: P = 1/3, R = 1/3 -> F1 1/3.
  EXPECT_NEAR(FromCounts(c.relaxed, c.predicted, c.gold).f1, 2.0 / 3, 1e-9);
  EXPECT_NEAR(FromCounts(c.value, c.predicted, c.gold).f1, 1.0 / 3, 1e-9);
}

TEST(TimexEval, OneToOneAndExactFirst) {
  // Two predictions overlap one gold: only one may count; the exact one is preferred.
  std::vector<Scored> gold = {T(10, 20, "DATE", "X")};
  std::vector<Scored> pred = {T(5, 12, "DATE", "Y"), T(10, 20, "DATE", "X")};
  Counts c = Score(gold, pred);
  EXPECT_EQ(c.relaxed, 1u);
  EXPECT_EQ(c.strict, 1u);
  EXPECT_EQ(c.value, 1u);
  Prf r = FromCounts(c.relaxed, c.predicted, c.gold);
  EXPECT_DOUBLE_EQ(r.p, 0.5);
  EXPECT_DOUBLE_EQ(r.r, 1.0);
  EXPECT_NEAR(r.f1, 2 * 0.5 / 1.5, 1e-12);
}

TEST(TimexEval, EmptyIsZeroNotNan) {
  Prf r = FromCounts(0, 0, 0);
  EXPECT_EQ(r.f1, 0.0);
  Counts total;
  total.Add(Score({T(0, 1, "DATE", "X")}, {}));
  EXPECT_EQ(total.gold, 1u);
  EXPECT_EQ(total.relaxed, 0u);
}

}  // namespace
}  // namespace sitrep::timex_eval
