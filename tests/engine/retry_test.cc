#include "engine/retry.h"

#include <gtest/gtest.h>

#include "testing/fake_clock.h"

namespace migrate {
namespace {

using testing::FakeClock;

TEST(BackoffDelayTest, GrowsExponentiallyWithEqualJitterUpToTheMaximum) {
  RetryPolicy policy{Millis(60'000), Millis(200), Millis(2'000)};
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    Millis d1 = BackoffDelay(policy, 1, rng), d2 = BackoffDelay(policy, 2, rng), d3 = BackoffDelay(policy, 3, rng);
    Millis d9 = BackoffDelay(policy, 9, rng);
    EXPECT_GE(d1.count(), 100);
    EXPECT_LE(d1.count(), 200);
    EXPECT_GE(d2.count(), 200);
    EXPECT_LE(d2.count(), 400);
    EXPECT_GE(d3.count(), 400);
    EXPECT_LE(d3.count(), 800);
    EXPECT_GE(d9.count(), 1000);  // capped at max: half fixed, half random
    EXPECT_LE(d9.count(), 2000);
  }
}

TEST(BackoffDelayTest, JitterSpreadsConcurrentRetries) {
  RetryPolicy policy{Millis(60'000), Millis(1000), Millis(10'000)};
  std::mt19937_64 rng(1);
  std::set<int64_t> seen;
  for (int i = 0; i < 50; ++i) seen.insert(BackoffDelay(policy, 3, rng).count());
  EXPECT_GT(seen.size(), 20u);
}

TEST(RunWithRetryTest, RetriesLockTimeoutsUntilSuccess) {
  FakeClock clock;
  int calls = 0;
  std::vector<int> retried;
  Status s = RunWithRetry(
      RetryPolicy{Millis(60'000), Millis(100), Millis(1000)}, clock, nullptr,
      [&](int attempt) {
        EXPECT_EQ(attempt, ++calls);
        return calls < 4 ? Status::Retryable("lock timeout") : Status::Ok();
      },
      [&](const Status& why, int attempt, Millis) {
        EXPECT_EQ(why.message(), "lock timeout");
        retried.push_back(attempt);
      });
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(retried, (std::vector<int>{1, 2, 3}));
  ASSERT_EQ(clock.sleeps.size(), 3u);
}

TEST(RunWithRetryTest, OtherFailuresEndAtOnce) {
  FakeClock clock;
  int calls = 0;
  Status s = RunWithRetry(
      RetryPolicy{}, clock, nullptr, [&](int) { ++calls; return Status::Database("syntax error"); }, nullptr);
  EXPECT_EQ(s.code(), StatusCode::kDatabase);
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(clock.sleeps.empty());
}

TEST(RunWithRetryTest, GivesUpWhenRetryTimeIsSpent) {
  FakeClock clock;
  int calls = 0;
  const int64_t start = clock.NowMillis();
  Status s = RunWithRetry(
      RetryPolicy{Millis(5000), Millis(200), Millis(1000)}, clock, nullptr,
      [&](int) { ++calls; return Status::Retryable("canceling statement due to lock timeout"); }, nullptr);
  EXPECT_EQ(s.code(), StatusCode::kRetryable);
  EXPECT_NE(s.message().find("gave up after"), std::string::npos) << s.message();
  EXPECT_LE(clock.NowMillis() - start, 5000);
  EXPECT_GT(calls, 3);
}

TEST(RunWithRetryTest, CancellationDuringThePauseStops) {
  FakeClock clock;
  CancelToken cancel;
  int calls = 0;
  Status s = RunWithRetry(
      RetryPolicy{}, clock, &cancel,
      [&](int) {
        ++calls;
        cancel.Cancel();
        return Status::Retryable("lock timeout");
      },
      nullptr);
  EXPECT_EQ(s.code(), StatusCode::kCancelled);
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace migrate
