#include "engine/throttle/batch_size_controller.h"

#include <gtest/gtest.h>

namespace migrate {
namespace {

TEST(BatchSizeControllerTest, StartsAtTheInitialSizeWithoutWaitingForABaseline) {
  BatchSizeController c(Millis(250), 10, 100'000, 1000);
  EXPECT_EQ(c.next(), 1000);
}

TEST(BatchSizeControllerTest, GrowsAtMostTwofoldPerBatchTowardsTheTarget) {
  BatchSizeController c(Millis(250), 10, 100'000, 1000);
  // 1000 rows in 25 ms: 0.025 ms/row, so 10000 rows would take the 250 ms target.
  c.Observe(1000, Millis(25));
  EXPECT_EQ(c.next(), 2000);
  c.Observe(2000, Millis(50));
  EXPECT_EQ(c.next(), 4000);
  c.Observe(4000, Millis(100));
  EXPECT_EQ(c.next(), 8000);
  c.Observe(8000, Millis(200));
  EXPECT_EQ(c.next(), 10000);
  c.Observe(10000, Millis(250));
  EXPECT_EQ(c.next(), 10000);
}

TEST(BatchSizeControllerTest, OneBadOvershootCutsAtOnce) {
  BatchSizeController c(Millis(250), 10, 100'000, 1000);
  for (int i = 0; i < 6; ++i) c.Observe(c.next(), Millis(c.next() / 40));  // 0.025 ms/row
  const int64_t before = c.next();
  ASSERT_GT(before, 5000);
  c.Observe(before, Millis(2000));  // 8x the target: lock waits, a load spike
  EXPECT_EQ(c.next(), before * 250 / 2000);
}

TEST(BatchSizeControllerTest, UsesAPessimisticPercentileOfRecentCosts) {
  BatchSizeController c(Millis(100), 1, 1'000'000, 1000);
  // Mostly 0.1 ms/row, with one slow batch at 0.19 ms/row (under the overshoot cut).
  c.Observe(1000, Millis(100));
  c.Observe(1000, Millis(100));
  c.Observe(1000, Millis(190));
  c.Observe(1000, Millis(100));
  // p75 of {0.1, 0.1, 0.1, 0.19} with floor indexing is 0.1: one slow batch out of four does not
  // shrink the batch, two do.
  EXPECT_EQ(c.next(), 1000);
  c.Observe(1000, Millis(190));
  c.Observe(1000, Millis(190));
  EXPECT_EQ(c.next(), 526);  // 100 ms / 0.19 ms per row
}

TEST(BatchSizeControllerTest, StaysWithinBounds) {
  BatchSizeController c(Millis(250), 50, 5000, 1000);
  c.Observe(1000, Millis(0));
  c.Observe(2000, Millis(0));
  c.Observe(4000, Millis(0));
  EXPECT_EQ(c.next(), 5000);
  c.Observe(5000, Millis(60'000));
  EXPECT_EQ(c.next(), 50);
  BatchSizeController small(Millis(250), 50, 5000, 1);
  EXPECT_EQ(small.next(), 50);
}

TEST(BatchSizeControllerTest, LimitCapsAndSetTargetRescales) {
  BatchSizeController c(Millis(200), 10, 100'000, 4000);
  c.Limit(1000);
  EXPECT_EQ(c.next(), 1000);
  c.Limit(5000);  // a cap never raises the size
  EXPECT_EQ(c.next(), 1000);
  c.SetTarget(Millis(100));
  EXPECT_EQ(c.next(), 500);
}

TEST(BatchSizeControllerTest, ABatchTheThrottleShrankDoesNotShrinkTheNextProposal) {
  // The controller proposes 10,000 rows; the throttle runs 1,000 of them (graded slowdown) at the
  // same cost per row. The next proposal stays at the target's size instead of collapsing to
  // 2 x 1,000.
  BatchSizeController c(Millis(250), 10, 100'000, 10'000);
  c.Observe(10'000, Millis(250));
  ASSERT_EQ(c.next(), 10'000);
  c.Observe(1'000, Millis(25));
  EXPECT_EQ(c.next(), 10'000);
}

}  // namespace
}  // namespace migrate
