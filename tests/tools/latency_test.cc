// The app workload's latency samples: percentiles, phase cuts, and the CSV round trip.
#include "app_workload/latency.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace migrate::workload {
namespace {

std::vector<Sample> Ramp(int n) {
  std::vector<Sample> s;
  for (int i = 1; i <= n; ++i) s.push_back({1000 + i, i * 1000, i % 10 != 0});
  return s;
}

TEST(LatencyTest, SummarizeUsesNearestRank) {
  LatencySummary s = Summarize(Ramp(200));
  EXPECT_EQ(s.count, 200);
  EXPECT_EQ(s.failed, 20);
  EXPECT_DOUBLE_EQ(s.p50_ms, 100);
  EXPECT_DOUBLE_EQ(s.p99_ms, 198);
  EXPECT_DOUBLE_EQ(s.max_ms, 200);
}

TEST(LatencyTest, SummarizeOfOneAndOfNone) {
  LatencySummary one = Summarize({{5, 2500, true}});
  EXPECT_DOUBLE_EQ(one.p50_ms, 2.5);
  EXPECT_DOUBLE_EQ(one.p99_ms, 2.5);
  LatencySummary none = Summarize({});
  EXPECT_EQ(none.count, 0);
  EXPECT_DOUBLE_EQ(none.p99_ms, 0);
}

TEST(LatencyTest, BetweenKeepsSamplesStartedInTheHalfOpenWindow) {
  std::vector<Sample> s = Between(Ramp(10), 1003, 1006);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s.front().start_ms, 1003);
  EXPECT_EQ(s.back().start_ms, 1005);
}

TEST(LatencyTest, CsvRoundTripAndBadLines) {
  const std::string path = (std::filesystem::temp_directory_path() / ("latency_test_" + std::to_string(::getpid()) + ".csv")).string();
  ASSERT_TRUE(WriteSamples(path, Ramp(3)).ok());
  Result<std::vector<Sample>> back = ReadSamples(path);
  ASSERT_TRUE(back.ok()) << back.status().message();
  ASSERT_EQ(back->size(), 3u);
  EXPECT_EQ((*back)[2].latency_us, 3000);
  EXPECT_TRUE((*back)[2].ok);
  std::ofstream(path, std::ios::app) << "12;x\n";
  Result<std::vector<Sample>> bad = ReadSamples(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(":5:"), std::string::npos) << bad.status().message();
  std::filesystem::remove(path);
  EXPECT_FALSE(ReadSamples(path).ok());
}

}  // namespace
}  // namespace migrate::workload
