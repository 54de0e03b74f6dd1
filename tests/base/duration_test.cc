#include "base/duration.h"

#include <gtest/gtest.h>

namespace migrate {
namespace {

TEST(DurationTest, ParsesUnits) {
  EXPECT_EQ(ParseDuration("250ms")->count(), 250);
  EXPECT_EQ(ParseDuration("1s")->count(), 1000);
  EXPECT_EQ(ParseDuration("1.5s")->count(), 1500);
  EXPECT_EQ(ParseDuration("5m")->count(), 300'000);
  EXPECT_EQ(ParseDuration("2h")->count(), 7'200'000);
  EXPECT_EQ(ParseDuration("3")->count(), 3000);
  EXPECT_EQ(ParseDuration(" 10s ")->count(), 10'000);
  EXPECT_EQ(ParseDuration("0")->count(), 0);
}

TEST(DurationTest, RejectsGarbage) {
  for (const char* bad : {"", "s", "-1s", "1x", "1.2.3s", "ten seconds", "1s5"}) {
    Result<Millis> d = ParseDuration(bad);
    EXPECT_FALSE(d.ok()) << bad;
    if (!d.ok()) EXPECT_EQ(d.status().code(), StatusCode::kUsage);
  }
}

TEST(DurationTest, FormatsTheShortestExactSpelling) {
  EXPECT_EQ(FormatDuration(Millis(250)), "250ms");
  EXPECT_EQ(FormatDuration(Millis(1000)), "1s");
  EXPECT_EQ(FormatDuration(Millis(1500)), "1.5s");
  EXPECT_EQ(FormatDuration(Millis(300'000)), "5m");
  EXPECT_EQ(FormatDuration(Millis(7'200'000)), "2h");
  EXPECT_EQ(FormatDuration(Millis(0)), "0s");
}

}  // namespace
}  // namespace migrate
