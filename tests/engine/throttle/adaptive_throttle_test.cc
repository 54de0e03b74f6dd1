#include "engine/throttle/adaptive_throttle.h"

#include <gtest/gtest.h>

#include <deque>

#include "engine/throttle/signals/replica_lag.h"
#include "testing/fake_clock.h"
#include "testing/test_util.h"

namespace migrate {
namespace {

using testing::FakeClock;

// A signal whose readings the test scripts; it counts reads.
class ScriptedSignal : public ThrottleSignal {
 public:
  explicit ScriptedSignal(double threshold) : threshold_(threshold) {}
  SignalReading Read() override {
    ++reads;
    if (!readable) return {"scripted", false, 0, threshold_, "ms", "connection refused"};
    return {"scripted", true, value, threshold_, "ms", ""};
  }
  void Idle(bool idle) override { idle_calls.push_back(idle); }
  double StartPace() const override { return start_pace; }
  bool MeasuresLatency() const override { return latency; }
  bool latency = true;  // as app load and probe latency
  double value = 0;
  bool readable = true;
  int reads = 0;
  double start_pace = 1;
  std::vector<bool> idle_calls;

 private:
  double threshold_;
};

struct Rig {
  FakeClock clock;
  ScriptedSignal* signal = nullptr;
  std::unique_ptr<AdaptiveThrottle> throttle;

  explicit Rig(ThrottleSettings settings = {}, int64_t fixed = 0, std::unique_ptr<LiveControl> control = nullptr,
               double start_pace = 1) {
    auto s = std::make_unique<ScriptedSignal>(1000);
    signal = s.get();
    signal->start_pace = start_pace;
    std::vector<std::unique_ptr<ThrottleSignal>> signals;
    signals.push_back(std::move(s));
    throttle = std::make_unique<AdaptiveThrottle>(settings, 1000, fixed, std::move(signals), std::move(control), &clock);
    EXPECT_TRUE(throttle->Start().ok());
  }
  // Runs the batch the throttle asks for, taking `ms_per_1000` per 1000 rows.
  ThrottleDecision Step(int64_t ms_per_1000 = 25) {
    ThrottleDecision d = throttle->BeforeBatch();
    clock.Advance(d.pause);
    if (d.batch_size > 0) {
      Millis took(d.batch_size * ms_per_1000 / 1000);
      clock.Advance(took);
      throttle->AfterBatch({d.batch_size, d.batch_size, took});
    }
    return d;
  }
};

TEST(AdaptiveThrottleTest, AQuietDatabaseRunsAtFullSpeedWithoutPauses) {
  Rig rig;
  int64_t last = 0;
  for (int i = 0; i < 20; ++i) {
    ThrottleDecision d = rig.Step();
    EXPECT_EQ(d.pause.count(), 0) << i;
    EXPECT_EQ(d.reason, "") << i;
    EXPECT_GE(d.batch_size, last) << i;
    last = d.batch_size;
  }
  EXPECT_EQ(last, 10'000);  // 250 ms target at 0.025 ms per row
}

TEST(AdaptiveThrottleTest, SignalsAreReadOncePerCheckInterval) {
  Rig rig;
  const int64_t start = rig.clock.NowMillis();
  for (int i = 0; i < 100; ++i) rig.Step(1);
  // One read at the start, then at most one per second of (fake) time: far fewer than batches.
  const int64_t seconds = (rig.clock.NowMillis() - start) / 1000;
  EXPECT_LE(rig.signal->reads, seconds + 1);
  EXPECT_LT(rig.signal->reads, 50);
  EXPECT_GE(rig.signal->reads, 1);
}

TEST(AdaptiveThrottleTest, NearingAThresholdSlowsDownInGrades) {
  Rig rig;
  for (int i = 0; i < 5; ++i) rig.Step();
  ThrottleDecision full = rig.throttle->BeforeBatch();
  rig.signal->value = 600;  // 60% of the threshold
  rig.clock.Advance(Millis(1000));
  ThrottleDecision slow = rig.throttle->BeforeBatch();
  rig.signal->value = 900;  // 90%
  rig.clock.Advance(Millis(1000));
  ThrottleDecision slower = rig.throttle->BeforeBatch();
  EXPECT_LT(slow.batch_size, full.batch_size);
  EXPECT_LT(slower.batch_size, slow.batch_size);
  EXPECT_GT(slower.pause, slow.pause);
  EXPECT_EQ(slow.reason, "slowing: scripted 600 ms of 1.0 s");
}

TEST(AdaptiveThrottleTest, OverTheThresholdPausesWithBackoffThenResumes) {
  ThrottleSettings settings;
  settings.max_pause = Millis(2000);
  Rig rig(settings);
  rig.Step();
  rig.signal->value = 5000;
  rig.clock.Advance(Millis(1000));
  std::vector<int64_t> pauses;
  for (int i = 0; i < 6; ++i) {
    ThrottleDecision d = rig.Step();
    EXPECT_EQ(d.batch_size, 0);
    EXPECT_EQ(d.reason, "paused: scripted 5.0 s > 1.0 s");
    pauses.push_back(d.pause.count());
  }
  EXPECT_EQ(pauses, (std::vector<int64_t>{250, 500, 1000, 2000, 2000, 2000}));
  EXPECT_EQ(rig.signal->idle_calls, std::vector<bool>{true});  // told once, when the pause began
  rig.signal->value = 0;
  ThrottleDecision d = rig.Step();
  EXPECT_GT(d.batch_size, 0);
  EXPECT_EQ(rig.signal->idle_calls, (std::vector<bool>{true, false}));
  // One pause halved the pace (however many readings it took); it grows again only after
  // batches that did no harm.
  EXPECT_DOUBLE_EQ(rig.throttle->pace(), 0.5);
  EXPECT_GT(d.pause.count(), 0);
  EXPECT_EQ(d.reason, "slowing: pace 50%, recovering from scripted 5.0 s > 1.0 s");
}

TEST(AdaptiveThrottleTest, AfterAPauseThePaceGrowsBackStepByStepToFullSpeed) {
  Rig rig;
  for (int i = 0; i < 5; ++i) rig.Step();
  rig.signal->value = 5000;
  rig.clock.Advance(Millis(1000));
  EXPECT_EQ(rig.Step().batch_size, 0);
  rig.signal->value = 0;
  // Each reading (once per check interval) while the signal stays low adds kPaceStep; the
  // share of time in batches follows the pace.
  double last_pace = 0;
  int steps = 0;
  while (rig.throttle->pace() < 1 && steps < 1000) {
    ThrottleDecision d = rig.Step();
    ASSERT_GT(d.batch_size, 0);
    EXPECT_GE(rig.throttle->pace(), last_pace);
    if (d.pause.count() > 0) {
      const double busy = static_cast<double>(d.batch_size) * 25 / 1000;  // ms the batch takes
      EXPECT_NEAR(busy / (busy + static_cast<double>(d.pause.count())), rig.throttle->pace(), 0.15) << steps;
    }
    last_pace = rig.throttle->pace();
    ++steps;
  }
  EXPECT_DOUBLE_EQ(rig.throttle->pace(), 1);
  ThrottleDecision full = rig.Step();
  EXPECT_EQ(full.pause.count(), 0);
  EXPECT_EQ(full.reason, "");
}

TEST(AdaptiveThrottleTest, ASignalThatIsNotLatencyPausesAndResumesAtTheSamePace) {
  // Replica lag, WAL, a custom query: a queue that drains while the backfill waits. Stop and go,
  // as gh-ost does; halving the pace would only make the backfill crawl behind a replica whose
  // lag does not depend on its rate (e.g. a delayed replica).
  Rig rig;
  rig.signal->latency = false;
  for (int i = 0; i < 3; ++i) rig.Step();
  rig.signal->value = 5000;
  rig.clock.Advance(Millis(1000));
  EXPECT_EQ(rig.Step().batch_size, 0);
  EXPECT_EQ(rig.Step().batch_size, 0);
  rig.signal->value = 0;
  ThrottleDecision d = rig.Step();
  EXPECT_GT(d.batch_size, 0);
  EXPECT_EQ(d.pause.count(), 0);
  EXPECT_EQ(d.reason, "");
  EXPECT_EQ(rig.throttle->pace(), 1);
}

TEST(AdaptiveThrottleTest, RepeatedCongestionHalvesThePaceDownToItsFloor) {
  Rig rig;
  rig.Step();
  for (int i = 0; i < 12; ++i) {
    rig.signal->value = 5000;
    rig.clock.Advance(Millis(1000));
    EXPECT_EQ(rig.Step().batch_size, 0);
    rig.signal->value = 700;  // between half and the threshold: held, neither cut nor grown
    rig.Step();
  }
  EXPECT_DOUBLE_EQ(rig.throttle->pace(), AdaptiveThrottle::kMinPace);
}

TEST(AdaptiveThrottleTest, ASignalThatFindsTheDatabaseBusyStartsTheBackfillGently) {
  Rig rig({}, 0, nullptr, /*start_pace=*/0.25);
  EXPECT_DOUBLE_EQ(rig.throttle->pace(), 0.25);
  rig.Step();
  ThrottleDecision d = rig.Step();
  EXPECT_GT(d.pause.count(), 0);
  EXPECT_EQ(d.reason, "slowing: pace 25%, recovering from a busy database at the start");
}

TEST(AdaptiveThrottleTest, AnUnreadableSignalPausesToBeSafe) {
  Rig rig;
  rig.signal->readable = false;
  ThrottleDecision d = rig.Step();
  EXPECT_EQ(d.batch_size, 0);
  EXPECT_EQ(d.reason, "paused: cannot read scripted: connection refused (throttling to be safe)");
}

TEST(AdaptiveThrottleTest, RowsPerSecondCeilingSpacesBatches) {
  ThrottleSettings settings;
  settings.max_rows_per_second = 500;
  Rig rig(settings);
  int64_t rows = 0;
  const int64_t start = rig.clock.NowMillis();
  for (int i = 0; i < 20; ++i) rows += rig.Step().batch_size;
  const double seconds = static_cast<double>(rig.clock.NowMillis() - start) / 1000;
  EXPECT_LE(rows / seconds, 500 * 1.1);
  EXPECT_GE(rows / seconds, 500 * 0.7);
}

TEST(AdaptiveThrottleTest, AFixedBatchSizeIsKeptButSignalsStillApply) {
  Rig rig({}, /*fixed=*/300);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(rig.Step(1).batch_size, 300);
  rig.signal->value = 2000;
  rig.clock.Advance(Millis(1000));
  EXPECT_EQ(rig.Step().batch_size, 0);
}

// SQLite: the backfill holds the one write lock at most half the time, in short batches, on a
// quiet database too; a batch size the migration fixed stays as it is, with the same pauses.
TEST(AdaptiveThrottleTest, ASharedWriteLockKeepsBatchesShortAndPausesAfterEach) {
  Rig rig;
  rig.throttle->ShareWriteLock(0.5);
  int64_t busy = 0;
  const int64_t start = rig.clock.NowMillis();
  for (int i = 0; i < 40; ++i) {
    ThrottleDecision d = rig.Step();
    busy += d.batch_size * 25 / 1000;
    EXPECT_LE(d.batch_size * 25 / 1000, 60) << i << ": a batch is about half the 100 ms cycle";
    if (i > 0) {
      EXPECT_GT(d.pause.count(), 0) << i;
      EXPECT_EQ(d.reason, "sharing SQLite's write lock: at most 50% of the time in batches") << i;
    }
  }
  const double share = static_cast<double>(busy) / static_cast<double>(rig.clock.NowMillis() - start);
  EXPECT_NEAR(share, 0.5, 0.06);

  Rig fixed({}, /*fixed=*/300);
  fixed.throttle->ShareWriteLock(0.5);
  fixed.Step(100);
  for (int i = 0; i < 5; ++i) {
    ThrottleDecision d = fixed.Step(100);
    EXPECT_EQ(d.batch_size, 300) << i;
    EXPECT_EQ(d.pause.count(), 30) << i << ": as long as the last batch took";
  }
}

TEST(AdaptiveThrottleTest, LiveControlPausesAndSetsLimits) {
  auto dir = testing::MakeTempDir("ctl");
  const std::string control = (dir / "migrate.control").string();
  Rig rig({}, 0, std::make_unique<LiveControl>("", control));
  EXPECT_GT(rig.Step().batch_size, 0);
  ASSERT_TRUE(SetControlKey(control, "pause", "true").ok());
  ThrottleDecision d = rig.Step();
  EXPECT_EQ(d.batch_size, 0);
  EXPECT_EQ(d.reason, "paused: pause = true in " + control);
  ASSERT_TRUE(SetControlKey(control, "pause", "false").ok());
  ASSERT_TRUE(SetControlKey(control, "batch-size", "77").ok());
  EXPECT_EQ(rig.Step().batch_size, 77);
}

TEST(ReplicaLagSignalTest, LagFromWalSamples) {
  // (time ms, primary WAL position)
  std::deque<std::pair<int64_t, double>> samples = {{1000, 100}, {2000, 200}, {3000, 300}, {4000, 300}};
  // Caught up: no lag, however long the primary has been idle.
  EXPECT_EQ(ReplicaLagSignal::LagFromSamples(samples, 300, 60'000), 0);
  // The replica replayed up to 200: WAL after 200 was written after t=2000.
  EXPECT_EQ(ReplicaLagSignal::LagFromSamples(samples, 200, 4500), 2500);
  EXPECT_EQ(ReplicaLagSignal::LagFromSamples(samples, 250, 4500), 2500);
  // Behind every sample: at least since the oldest.
  EXPECT_EQ(ReplicaLagSignal::LagFromSamples(samples, 50, 4500), 3500);
  EXPECT_EQ(ReplicaLagSignal::LagFromSamples({}, 50, 4500), 0);
}

TEST(SignalReadingTest, DescribesValuesWithUnits) {
  EXPECT_EQ((SignalReading{"replica lag", true, 7200, 5000, "ms", "127.0.0.1:54330"}).Describe(),
            "replica lag 7.2 s > 5.0 s (127.0.0.1:54330)");
  EXPECT_EQ((SignalReading{"WAL rate", true, 3.4e6, 1e7, "B/s", ""}).Describe(), "WAL rate 3.4 MB/s of 10.0 MB/s");
  EXPECT_EQ((SignalReading{"active sessions", true, 120, 100, "sessions", ""}).Describe(),
            "active sessions 120 sessions > 100 sessions");
}

}  // namespace
}  // namespace migrate
