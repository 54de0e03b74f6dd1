// Every real throttle signal (replica lag, server load, app load, probe latency, WAL rate, slot
// retention, custom query) against a ScriptedConnection and a FakeClock, and MakeSignals: which signals each
// database and each setting gets. Deterministic, except the probe latency tests, which time real
// (tiny) sleeps of the scripted connection.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "engine/throttle/live_control.h"
#include "engine/throttle/make_throttle.h"
#include "engine/throttle/signals/app_load.h"
#include "engine/throttle/signals/custom_query.h"
#include "engine/throttle/signals/probe_latency.h"
#include "engine/throttle/signals/replica_lag.h"
#include "engine/throttle/signals/server_load.h"
#include "engine/throttle/signals/wal_pressure.h"
#include "testing/fake_clock.h"
#include "testing/scripted_connection.h"
#include "testing/test_util.h"

namespace migrate {
namespace {

using namespace std::chrono_literals;
using testing::FakeClock;
using testing::ScriptedConnection;
using SC = ScriptedConnection;

constexpr const char* kPrimaryLsn = "pg_current_wal_lsn()";
constexpr const char* kReplayLsn = "pg_last_wal_replay_lsn()";

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// ---------------------------------------------------------------------------------------------
// ScriptedConnection itself

TEST(ScriptedConnectionTest, RulesAnswerInOrderWithRepeatCountsThenFallThrough) {
  SC conn(Dialect::kMysql);
  conn.When("lsn").Return(SC::Scalar("1")).Return(SC::Scalar("2"), 2).Fail(Status::Database("gone"));
  conn.When("").Return(SC::Scalar("fallback"), SC::kForever);
  EXPECT_EQ(conn.dialect(), Dialect::kMysql);
  EXPECT_EQ(*conn.Query("SELECT lsn")->rows[0][0], "1");
  EXPECT_EQ(*conn.Query("SELECT lsn")->rows[0][0], "2");
  EXPECT_EQ(*conn.Query("SELECT lsn")->rows[0][0], "2");
  Result<Rows> failed = conn.Query("SELECT lsn");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().message(), "gone");
  EXPECT_EQ(*conn.Query("SELECT lsn")->rows[0][0], "fallback");  // the first rule is used up
  EXPECT_EQ(*conn.Query("SELECT other")->rows[0][0], "fallback");
  EXPECT_EQ(conn.Count("lsn"), 5);
  EXPECT_EQ(conn.log().size(), 6u);
}

TEST(ScriptedConnectionTest, UnscriptedQueriesFailAndTransactionsSucceed) {
  SC conn;
  Result<Rows> r = conn.Query("SELECT 1");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(Contains(r.status().message(), "unscripted statement: SELECT 1"));
  EXPECT_TRUE(conn.Begin().ok());
  EXPECT_TRUE(conn.InTransaction());
  EXPECT_TRUE(conn.Commit().ok());
  EXPECT_TRUE(conn.SetLockTimeout(1500ms).ok());
  conn.When("COMMIT").Fail(Status::Retryable("serialization failure"));
  EXPECT_EQ(conn.Commit().code(), StatusCode::kRetryable);
  EXPECT_EQ(conn.log(), (std::vector<std::string>{"SELECT 1", "BEGIN", "COMMIT", "SET LOCK TIMEOUT 1500ms", "COMMIT"}));
}

TEST(ScriptedConnectionTest, DelayedAnswersTakeRealTime) {
  SC conn;
  conn.When("slow").Return(SC::Scalar("1")).Delay(30ms);
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(conn.Query("SELECT slow").ok());
  EXPECT_GE(std::chrono::steady_clock::now() - start, 30ms);
}

// ---------------------------------------------------------------------------------------------
// Replica lag, PostgreSQL: WAL positions sampled on the primary, replay position on the replica

struct PgLagRig {
  FakeClock clock;
  SC primary{Dialect::kPostgres};
  std::vector<SC*> replicas;
  std::unique_ptr<ReplicaLagSignal> signal;

  explicit PgLagRig(int n_replicas = 1, Millis max_lag = 10s) {
    std::vector<ReplicaLagSignal::Replica> list;
    for (int i = 0; i < n_replicas; ++i) {
      auto conn = std::make_unique<SC>(Dialect::kPostgres);
      replicas.push_back(conn.get());
      list.push_back({"postgres://repl:***@10.0.0." + std::to_string(i + 2) + "/shop", std::move(conn)});
    }
    signal = std::make_unique<ReplicaLagSignal>(&primary, std::move(list), max_lag, &clock);
  }
  // The primary is at `primary_lsn` and replica i has replayed up to `replay[i]` for the next reading.
  void Next(const std::string& primary_lsn, const std::vector<std::string>& replay) {
    primary.When(kPrimaryLsn).Return(SC::Scalar(primary_lsn));
    for (size_t i = 0; i < replay.size(); ++i) replicas[i]->When(kReplayLsn).Return(SC::Scalar(replay[i]));
  }
};

TEST(ReplicaLagSignalPostgresTest, CaughtUpReplicaReadsZero) {
  PgLagRig rig;
  rig.primary.When(kPrimaryLsn).Return(SC::Scalar("1000"));
  ASSERT_TRUE(rig.signal->Start().ok());
  rig.clock.Advance(1500ms);
  rig.Next("2000", {"2000"});
  SignalReading r = rig.signal->Read();
  EXPECT_TRUE(r.readable);
  EXPECT_EQ(r.signal, "replica lag");
  EXPECT_EQ(r.unit, "ms");
  EXPECT_EQ(r.value, 0);
  EXPECT_EQ(r.threshold, 10000);
  EXPECT_EQ(r.Load(), 0);
  // The queries: the primary's write position and the replica's replay position, as numbers.
  EXPECT_EQ(rig.primary.Count("pg_current_wal_lsn() - '0/0'::pg_lsn"), 2);
  EXPECT_EQ(rig.replicas[0]->Count("pg_last_wal_replay_lsn() - '0/0'::pg_lsn"), 1);
}

TEST(ReplicaLagSignalPostgresTest, ABehindReplicaLagsSinceThePrimaryWasLastAtItsPosition) {
  PgLagRig rig;
  rig.primary.When(kPrimaryLsn).Return(SC::Scalar("1000"));  // t = 0
  ASSERT_TRUE(rig.signal->Start().ok());

  rig.clock.Advance(2000ms);  // t = 2 s: the primary wrote to 5000, the replica still at 1000
  rig.Next("5000", {"1000"});
  SignalReading r = rig.signal->Read();
  EXPECT_TRUE(r.readable);
  EXPECT_EQ(r.value, 2000);  // behind everything written since t = 0
  EXPECT_EQ(r.detail, "postgres://repl:***@10.0.0.2/shop");
  EXPECT_DOUBLE_EQ(r.Load(), 0.2);

  rig.clock.Advance(1000ms);  // t = 3 s: the primary at 6000, the replica replayed to 5000 (t = 2 s)
  rig.Next("6000", {"5000"});
  EXPECT_EQ(rig.signal->Read().value, 1000);

  rig.clock.Advance(1000ms);  // t = 4 s: the replica between two samples (5500 < 6000): since t = 2 s
  rig.Next("7000", {"5500"});
  EXPECT_EQ(rig.signal->Read().value, 2000);

  rig.clock.Advance(11000ms);  // t = 15 s: stuck at 5500 while the primary goes on: over the threshold
  rig.Next("9000", {"5500"});
  r = rig.signal->Read();
  EXPECT_EQ(r.value, 13000);
  EXPECT_GT(r.Load(), 1);
  EXPECT_TRUE(Contains(r.Describe(), "replica lag 13.0 s > 10.0 s (postgres://repl:***@10.0.0.2/shop)")) << r.Describe();

  rig.clock.Advance(500ms);  // it catches up: 0 at once
  rig.Next("9000", {"9000"});
  EXPECT_EQ(rig.signal->Read().value, 0);
}

TEST(ReplicaLagSignalPostgresTest, IdlePrimaryWithCaughtUpReplicaStaysZeroHoweverLong) {
  PgLagRig rig;
  rig.primary.When(kPrimaryLsn).Return(SC::Scalar("424242"), SC::kForever);
  rig.replicas[0]->When(kReplayLsn).Return(SC::Scalar("424242"), SC::kForever);
  ASSERT_TRUE(rig.signal->Start().ok());
  for (int i = 0; i < 50; ++i) {
    rig.clock.Advance(std::chrono::hours(1));
    SignalReading r = rig.signal->Read();
    ASSERT_TRUE(r.readable);
    ASSERT_EQ(r.value, 0) << "after " << i + 1 << " idle hours";
  }
  // Even after more samples than the signal keeps.
  for (int i = 0; i < 5000; ++i) {
    rig.clock.Advance(1s);
    ASSERT_EQ(rig.signal->Read().value, 0);
  }
}

TEST(ReplicaLagSignalPostgresTest, APausedBackfillResumesOnceAnIdlePrimaryIsReplayed) {
  // The backfill wrote up to 8000 and paused; the primary is now idle. The replica's lag grows
  // while it replays the backlog, then drops to 0 when it reaches 8000, not "time since the last
  // transaction" (which would keep growing on an idle primary).
  PgLagRig rig(1, 5s);
  rig.primary.When(kPrimaryLsn).Return(SC::Scalar("1000"));
  ASSERT_TRUE(rig.signal->Start().ok());
  rig.clock.Advance(1s);
  rig.Next("8000", {"1000"});
  EXPECT_EQ(rig.signal->Read().value, 1000);
  rig.primary.When(kPrimaryLsn).Return(SC::Scalar("8000"), SC::kForever);
  rig.replicas[0]->When(kReplayLsn).Return(SC::Scalar("3000"), 3).Return(SC::Scalar("8000"), SC::kForever);
  int64_t lag = 0;
  for (int i = 0; i < 3; ++i) {
    rig.clock.Advance(2s);
    lag = static_cast<int64_t>(rig.signal->Read().value);
  }
  EXPECT_EQ(lag, 7000);  // behind since t = 0
  rig.clock.Advance(2s);
  EXPECT_EQ(rig.signal->Read().value, 0);
  rig.clock.Advance(std::chrono::hours(24));
  EXPECT_EQ(rig.signal->Read().value, 0);
}

TEST(ReplicaLagSignalPostgresTest, TheWorstOfSeveralReplicasCounts) {
  PgLagRig rig(3);
  rig.primary.When(kPrimaryLsn).Return(SC::Scalar("100"));  // t = 0
  ASSERT_TRUE(rig.signal->Start().ok());
  rig.clock.Advance(1s);  // t = 1 s: the primary at 200
  rig.Next("200", {"200", "100", "200"});
  SignalReading r = rig.signal->Read();
  EXPECT_EQ(r.value, 1000);
  EXPECT_EQ(r.detail, "postgres://repl:***@10.0.0.3/shop");
  rig.clock.Advance(4s);  // t = 5 s: the primary at 300
  rig.Next("300", {"300", "100", "200"});
  r = rig.signal->Read();
  EXPECT_TRUE(r.readable);
  EXPECT_EQ(r.value, 5000);  // replica 1 (at 100) since t = 0; replica 2 (at 200) only since t = 1 s
  EXPECT_EQ(r.detail, "postgres://repl:***@10.0.0.3/shop");
  rig.clock.Advance(1s);  // t = 6 s: replica 1 caught up, replica 2 still at 200
  rig.Next("300", {"300", "300", "200"});
  r = rig.signal->Read();
  EXPECT_EQ(r.value, 5000);
  EXPECT_EQ(r.detail, "postgres://repl:***@10.0.0.4/shop");
}

TEST(ReplicaLagSignalPostgresTest, AReplicaErrorIsUnreadableAndNamesTheReplica) {
  PgLagRig rig(2);
  rig.primary.When(kPrimaryLsn).Return(SC::Scalar("1000"), SC::kForever);
  ASSERT_TRUE(rig.signal->Start().ok());
  rig.replicas[0]->When(kReplayLsn).Return(SC::Scalar("1000"));
  rig.replicas[1]->When(kReplayLsn).Fail(Status::Database("connection refused"));
  SignalReading r = rig.signal->Read();
  EXPECT_FALSE(r.readable);
  EXPECT_TRUE(std::isinf(r.Load()));
  EXPECT_EQ(r.detail, "postgres://repl:***@10.0.0.3/shop: connection refused");
  EXPECT_EQ(r.Describe(),
            "cannot read replica lag: postgres://repl:***@10.0.0.3/shop: connection refused (throttling to be safe)");
}

TEST(ReplicaLagSignalPostgresTest, AServerThatIsNotAReplicaIsUnreadable) {
  // pg_last_wal_replay_lsn() is NULL on a primary: a --replica URL pointing at one is a mistake.
  PgLagRig rig;
  rig.primary.When(kPrimaryLsn).Return(SC::Scalar("1000"), SC::kForever);
  ASSERT_TRUE(rig.signal->Start().ok());
  rig.replicas[0]->When(kReplayLsn).Return(SC::Scalar(std::nullopt));
  SignalReading r = rig.signal->Read();
  EXPECT_FALSE(r.readable);
  EXPECT_TRUE(Contains(r.detail, "postgres://repl:***@10.0.0.2/shop")) << r.detail;
}

TEST(ReplicaLagSignalPostgresTest, APrimaryErrorIsUnreadable) {
  PgLagRig rig;
  rig.primary.When(kPrimaryLsn).Return(SC::Scalar("1000")).Fail(Status::Database("server closed the connection"));
  rig.replicas[0]->When(kReplayLsn).Return(SC::Scalar("1000"), SC::kForever);
  ASSERT_TRUE(rig.signal->Start().ok());
  SignalReading r = rig.signal->Read();
  EXPECT_FALSE(r.readable);
  EXPECT_EQ(r.signal, "replica lag");
  EXPECT_EQ(r.detail, "primary: server closed the connection");
  EXPECT_TRUE(std::isinf(r.Load()));
}

TEST(ReplicaLagSignalPostgresTest, StartFailsWhenThePrimaryCannotBeRead) {
  PgLagRig rig;
  rig.primary.When(kPrimaryLsn).Fail(Status::Database("permission denied for function pg_current_wal_lsn"));
  Status s = rig.signal->Start();
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(Contains(s.message(), "permission denied")) << s.message();
}

// ---------------------------------------------------------------------------------------------
// Replica lag, MySQL/MariaDB: SHOW REPLICA STATUS (SHOW SLAVE STATUS on older servers)

struct MysqlLagRig {
  FakeClock clock;
  SC primary{Dialect::kMysql};
  SC* replica = nullptr;
  std::unique_ptr<ReplicaLagSignal> signal;

  MysqlLagRig() {
    auto conn = std::make_unique<SC>(Dialect::kMysql);
    replica = conn.get();
    std::vector<ReplicaLagSignal::Replica> list;
    list.push_back({"mysql://repl:***@10.0.0.9/shop", std::move(conn)});
    signal = std::make_unique<ReplicaLagSignal>(&primary, std::move(list), 10s, &clock);
  }
};

Rows ReplicaStatus(const std::string& column, Value seconds) {
  return SC::Table({"Replica_IO_State", "Source_Host", column, "Last_Error"},
                   {{"Waiting for source to send event", "10.0.0.1", std::move(seconds), ""}});
}

TEST(ReplicaLagSignalMysqlTest, SecondsBehindSourceOfShowReplicaStatus) {
  MysqlLagRig rig;
  rig.replica->When("SHOW REPLICA STATUS").Return(ReplicaStatus("Seconds_Behind_Source", "3"));
  ASSERT_TRUE(rig.signal->Start().ok());
  SignalReading r = rig.signal->Read();
  EXPECT_TRUE(r.readable);
  EXPECT_EQ(r.value, 3000);
  EXPECT_EQ(r.detail, "mysql://repl:***@10.0.0.9/shop");
  // The primary is never asked anything on MySQL.
  EXPECT_TRUE(rig.primary.log().empty());
  EXPECT_EQ(rig.replica->Count("SHOW SLAVE STATUS"), 0);
}

TEST(ReplicaLagSignalMysqlTest, ZeroSecondsBehind) {
  MysqlLagRig rig;
  rig.replica->When("SHOW REPLICA STATUS").Return(ReplicaStatus("Seconds_Behind_Source", "0"));
  SignalReading r = rig.signal->Read();
  EXPECT_TRUE(r.readable);
  EXPECT_EQ(r.value, 0);
}

TEST(ReplicaLagSignalMysqlTest, OlderServersFallBackToShowSlaveStatus) {
  MysqlLagRig rig;
  rig.replica->When("SHOW REPLICA STATUS")
      .Fail(Status::Database("You have an error in your SQL syntax; ... near 'REPLICA STATUS'"));
  rig.replica->When("SHOW SLAVE STATUS").Return(ReplicaStatus("Seconds_Behind_Master", "12"));
  SignalReading r = rig.signal->Read();
  EXPECT_TRUE(r.readable) << r.detail;
  EXPECT_EQ(r.value, 12000);
  EXPECT_GT(r.Load(), 1);
  EXPECT_EQ(rig.replica->log(), (std::vector<std::string>{"SHOW REPLICA STATUS", "SHOW SLAVE STATUS"}));
}

TEST(ReplicaLagSignalMysqlTest, NullSecondsBehindIsUnreadable) {
  MysqlLagRig rig;
  rig.replica->When("SHOW REPLICA STATUS").Return(ReplicaStatus("Seconds_Behind_Source", std::nullopt));
  SignalReading r = rig.signal->Read();
  EXPECT_FALSE(r.readable);
  EXPECT_TRUE(Contains(r.detail, "mysql://repl:***@10.0.0.9/shop")) << r.detail;
  EXPECT_TRUE(Contains(r.detail, "replication is not running")) << r.detail;
}

TEST(ReplicaLagSignalMysqlTest, EmptyStatusIsNotAReplica) {
  MysqlLagRig rig;
  rig.replica->When("SHOW REPLICA STATUS").Return(SC::Table({"Replica_IO_State", "Seconds_Behind_Source"}, {}));
  SignalReading r = rig.signal->Read();
  EXPECT_FALSE(r.readable);
  EXPECT_TRUE(Contains(r.detail, "not a replica")) << r.detail;
}

TEST(ReplicaLagSignalMysqlTest, AnErrorOfBothStatementsIsUnreadable) {
  MysqlLagRig rig;
  rig.replica->When("STATUS").Fail(Status::Database("Lost connection to server"), 2);
  SignalReading r = rig.signal->Read();
  EXPECT_FALSE(r.readable);
  EXPECT_EQ(r.detail, "mysql://repl:***@10.0.0.9/shop: Lost connection to server");
}

// ---------------------------------------------------------------------------------------------
// Server load

TEST(ServerLoadSignalTest, PostgresCountsOtherActiveClientBackends) {
  SC conn(Dialect::kPostgres);
  conn.When("pg_stat_activity").Return(SC::Scalar("7"));
  ServerLoadSignal signal(&conn, 10);
  SignalReading r = signal.Read();
  EXPECT_TRUE(r.readable);
  EXPECT_EQ(r.signal, "active sessions");
  EXPECT_EQ(r.value, 7);
  EXPECT_EQ(r.threshold, 10);
  EXPECT_DOUBLE_EQ(r.Load(), 0.7);
  ASSERT_EQ(conn.log().size(), 1u);
  EXPECT_TRUE(Contains(conn.log()[0], "state = 'active'"));
  EXPECT_TRUE(Contains(conn.log()[0], "pid <> pg_backend_pid()"));  // not migrate's own
  EXPECT_TRUE(Contains(conn.log()[0], "client backend"));
}

TEST(ServerLoadSignalTest, MysqlThreadsRunningMinusOurOwn) {
  SC conn(Dialect::kMysql);
  conn.When("Threads_running")
      .Return(SC::Table({"Variable_name", "Value"}, {{"Threads_running", "5"}}))
      .Return(SC::Table({"Variable_name", "Value"}, {{"Threads_running", "1"}}));
  ServerLoadSignal signal(&conn, 100);
  EXPECT_EQ(signal.Read().value, 4);
  EXPECT_EQ(signal.Read().value, 0);  // only migrate itself
  EXPECT_EQ(conn.Count("SHOW GLOBAL STATUS LIKE 'Threads_running'"), 2);
}

TEST(ServerLoadSignalTest, OverTheThresholdAndErrors) {
  SC conn(Dialect::kPostgres);
  conn.When("pg_stat_activity").Return(SC::Scalar("150")).Fail(Status::Database("timeout")).Return(SC::Table({"count"}, {}));
  ServerLoadSignal signal(&conn, 100);
  SignalReading over = signal.Read();
  EXPECT_GT(over.Load(), 1);
  EXPECT_EQ(over.Describe(), "active sessions 150 sessions > 100 sessions");
  SignalReading error = signal.Read();
  EXPECT_FALSE(error.readable);
  EXPECT_EQ(error.detail, "timeout");
  SignalReading empty = signal.Read();
  EXPECT_FALSE(empty.readable);
}

// ---------------------------------------------------------------------------------------------
// App load (inline mode: no sampling thread, each Read() takes Options::inline_samples samples)

AppLoadSignal::Options InlineAppLoad(double max_ratio = 1.05, double min_excess = 0.1) {
  AppLoadSignal::Options o;
  o.max_ratio = max_ratio;
  o.min_excess = min_excess;
  o.interval = Millis(0);
  o.inline_samples = 5;
  return o;
}

// `sampler` answers the busy-session counts; the backfill connection its session id.
struct AppLoadRig {
  FakeClock clock;
  SC* sampler = nullptr;
  SC backfill{Dialect::kPostgres};
  std::unique_ptr<AppLoadSignal> signal;

  explicit AppLoadRig(AppLoadSignal::Options options = InlineAppLoad(), Dialect dialect = Dialect::kPostgres)
      : backfill(dialect) {
    auto s = std::make_unique<SC>(dialect);
    sampler = s.get();
    sampler->When("state IS NULL").Return(SC::Scalar("0"), SC::kForever);  // no hidden sessions
    backfill.When(dialect == Dialect::kPostgres ? "pg_backend_pid()" : "CONNECTION_ID()")
        .Return(SC::Scalar("4242"), SC::kForever);
    signal = std::make_unique<AppLoadSignal>(std::move(s), &backfill, options, &clock);
  }
  void Counts(const std::string& value, int times) {
    sampler->When("count").Return(SC::Scalar(value), times);
    sampler->When("COUNT").Return(SC::Scalar(value), times);
  }
};

TEST(AppLoadSignalTest, AQuietDatabaseStartsAtFullSpeedAndNeverThrottles) {
  AppLoadRig rig;
  rig.Counts("0", SC::kForever);
  ASSERT_TRUE(rig.signal->Start().ok());
  EXPECT_EQ(rig.backfill.Count("pg_backend_pid()"), 1);
  EXPECT_EQ(rig.sampler->Count("state IN"), 5);  // five samples, no waiting for a baseline window
  EXPECT_TRUE(rig.clock.sleeps.empty());
  EXPECT_EQ(rig.signal->baseline(), 0);
  EXPECT_EQ(rig.signal->StartPace(), 1);
  SignalReading r = rig.signal->Read();
  EXPECT_TRUE(r.readable);
  EXPECT_EQ(r.signal, "app load");
  EXPECT_EQ(r.value, 0);
  EXPECT_DOUBLE_EQ(r.threshold, 0.1);  // the margin: a baseline of 0 allows 0.1 busy sessions more
  EXPECT_EQ(r.Load(), 0);
}

TEST(AppLoadSignalTest, TheExcessOverABusyBaselineThrottles) {
  AppLoadRig rig(InlineAppLoad(1.25, 0.1));
  rig.Counts("2", 5);  // baseline: 2 busy sessions
  rig.Counts("3", 5);  // the backfill makes the app's transactions 1.5x slower
  rig.Counts("2", SC::kForever);
  ASSERT_TRUE(rig.signal->Start().ok());
  EXPECT_DOUBLE_EQ(rig.signal->baseline(), 2);
  EXPECT_EQ(rig.signal->StartPace(), AppLoadSignal::kBusyStartPace);
  SignalReading over = rig.signal->Read();
  EXPECT_DOUBLE_EQ(over.value, 1);
  EXPECT_DOUBLE_EQ(over.threshold, 0.5);  // 2 x (1.25 - 1)
  EXPECT_DOUBLE_EQ(over.Load(), 2);
  EXPECT_EQ(over.Describe(),
            "app load 1 sessions over baseline > 0.50 sessions over baseline (3.00 busy sessions on average over 5 "
            "samples, baseline 2.00)");
  SignalReading back = rig.signal->Read();
  EXPECT_EQ(back.value, 0);
  EXPECT_EQ(back.Load(), 0);
}

TEST(AppLoadSignalTest, TheQueriesLeaveOutMigratesOwnSessions) {
  const std::string pg = AppLoadSignal::CountSql(Dialect::kPostgres);
  EXPECT_TRUE(Contains(pg, "'idle in transaction'")) << pg;
  EXPECT_TRUE(Contains(pg, "pid <> pg_backend_pid() AND pid <> CAST(? AS integer)")) << pg;
  EXPECT_TRUE(Contains(pg, "application_name NOT LIKE 'migrate (%'")) << pg;
  const std::string my = AppLoadSignal::CountSql(Dialect::kMysql);
  EXPECT_TRUE(Contains(my, "ID <> CONNECTION_ID() AND ID <> ?")) << my;
  EXPECT_TRUE(Contains(my, "INNODB_TRX")) << my;

  AppLoadRig rig(InlineAppLoad(), Dialect::kMysql);
  rig.Counts("0", SC::kForever);
  ASSERT_TRUE(rig.signal->Start().ok());
  EXPECT_EQ(rig.backfill.Count("CONNECTION_ID()"), 1);
  EXPECT_TRUE(Contains(rig.sampler->log().front(), "information_schema.PROCESSLIST"));
}

TEST(AppLoadSignalTest, AfterALongIdleStretchTheAppsOwnLevelBecomesTheBaseline) {
  // The application got busier by itself: 4 busy sessions while the backfill is paused. After
  // kSettle of idleness the samples count towards a new baseline, and the backfill may resume.
  AppLoadRig rig;
  rig.Counts("2", 5);
  rig.Counts("4", SC::kForever);
  ASSERT_TRUE(rig.signal->Start().ok());
  EXPECT_GT(rig.signal->Read().Load(), 1);
  rig.signal->Idle(true);
  EXPECT_GT(rig.signal->Read().Load(), 1);  // idle, but not settled yet: no new baseline
  rig.clock.Advance(AppLoadSignal::kSettle);
  rig.signal->Read();                       // 5 settled samples
  SignalReading r = rig.signal->Read();     // 10: enough for a baseline
  EXPECT_DOUBLE_EQ(rig.signal->baseline(), 4);
  EXPECT_EQ(r.Load(), 0);
  // Running again: samples no longer count towards a baseline.
  rig.signal->Idle(false);
  rig.clock.Advance(AppLoadSignal::kSettle * 2);
  rig.signal->Read();
  rig.signal->Read();
  EXPECT_DOUBLE_EQ(rig.signal->baseline(), 4);
}

TEST(AppLoadSignalTest, AFailedSampleIsUnreadableAndAFailedStartIsAnError) {
  AppLoadRig rig;
  rig.Counts("0", 5);
  rig.sampler->When("count").Fail(Status::Database("permission denied for view pg_stat_activity"));
  ASSERT_TRUE(rig.signal->Start().ok());
  SignalReading r = rig.signal->Read();
  EXPECT_FALSE(r.readable);
  EXPECT_EQ(r.detail, "permission denied for view pg_stat_activity");

  AppLoadRig broken;
  broken.sampler->When("count").Fail(Status::Database("connection lost"));
  EXPECT_FALSE(broken.signal->Start().ok());
}

// ---------------------------------------------------------------------------------------------
// Probe latency (real time: the scripted canary sleeps a few ms)

constexpr const char* kCanary = "SELECT \"id\" FROM \"t\" ORDER BY \"id\" LIMIT 1";

TEST(ProbeLatencySignalTest, BaselineIsTheMedianOfFiveRunsAndReadsTakeThree) {
  SC conn;
  conn.When("LIMIT 1").Return(SC::Scalar("1"), SC::kForever);
  ProbeLatencySignal signal(&conn, kCanary, 4, 20ms);
  ASSERT_TRUE(signal.Start().ok());
  EXPECT_EQ(conn.Count(kCanary), ProbeLatencySignal::kBaselineRuns);
  EXPECT_GE(signal.baseline_ms(), 0);
  EXPECT_LT(signal.baseline_ms(), 20);
  SignalReading r = signal.Read();
  EXPECT_EQ(conn.Count(kCanary), ProbeLatencySignal::kBaselineRuns + ProbeLatencySignal::kRuns);
  EXPECT_TRUE(r.readable);
  EXPECT_EQ(r.signal, "probe latency");
  EXPECT_LT(r.Load(), 1);
  EXPECT_TRUE(Contains(r.detail, "baseline")) << r.detail;
}

TEST(ProbeLatencySignalTest, AFastBaselineUsesTheFloor) {
  // Sub-millisecond baseline × 4 is well under the floor: the threshold is the floor, so a 30 ms
  // canary throttles and jitter under 20 ms never does.
  SC conn;
  conn.When("LIMIT 1").Return(SC::Scalar("1"), ProbeLatencySignal::kBaselineRuns + ProbeLatencySignal::kRuns)
      .Return(SC::Scalar("1"), SC::kForever).Delay(30ms);
  ProbeLatencySignal signal(&conn, kCanary, 4, 20ms);
  ASSERT_TRUE(signal.Start().ok());
  ASSERT_LT(signal.baseline_ms() * 4, 20) << "baseline " << signal.baseline_ms() << " ms: the machine is very busy";
  SignalReading fast = signal.Read();
  EXPECT_EQ(fast.threshold, 20);
  EXPECT_LT(fast.Load(), 1);
  SignalReading slow = signal.Read();
  EXPECT_EQ(slow.threshold, 20);
  EXPECT_GE(slow.value, 30);
  EXPECT_GT(slow.Load(), 1);
  EXPECT_TRUE(Contains(slow.Describe(), "probe latency")) << slow.Describe();
}

TEST(ProbeLatencySignalTest, ASlowBaselineUsesItsRatio) {
  // Baseline 10 ms × 3 = 30 ms, above the 5 ms floor: 10 ms reads are fine, 80 ms reads throttle.
  SC conn;
  conn.When("LIMIT 1")
      .Return(SC::Scalar("1"), ProbeLatencySignal::kBaselineRuns + ProbeLatencySignal::kRuns).Delay(10ms)
      .Return(SC::Scalar("1"), SC::kForever).Delay(80ms);
  ProbeLatencySignal signal(&conn, kCanary, 3, 5ms);
  ASSERT_TRUE(signal.Start().ok());
  EXPECT_GE(signal.baseline_ms(), 10);
  SignalReading same = signal.Read();
  EXPECT_DOUBLE_EQ(same.threshold, signal.baseline_ms() * 3);
  EXPECT_GE(same.threshold, 30);
  EXPECT_LT(same.Load(), 1);
  SignalReading slow = signal.Read();
  EXPECT_GE(slow.value, 80);
  if (signal.baseline_ms() * 3 < 80) {
    EXPECT_GT(slow.Load(), 1);
  }
}

TEST(ProbeLatencySignalTest, ACanaryErrorIsUnreadableAndAFailedStartIsReported) {
  SC conn;
  conn.When("LIMIT 1").Return(SC::Scalar("1"), ProbeLatencySignal::kBaselineRuns).Fail(Status::Database("relation \"t\" does not exist"));
  ProbeLatencySignal signal(&conn, kCanary, 4, 20ms);
  ASSERT_TRUE(signal.Start().ok());
  SignalReading r = signal.Read();
  EXPECT_FALSE(r.readable);
  EXPECT_EQ(r.detail, "relation \"t\" does not exist");

  SC broken;
  broken.When("LIMIT 1").Fail(Status::Database("permission denied"));
  ProbeLatencySignal never(&broken, kCanary, 4, 20ms);
  EXPECT_FALSE(never.Start().ok());
}

// ---------------------------------------------------------------------------------------------
// WAL rate and slot retention (PostgreSQL)

TEST(WalRateSignalTest, BytesPerSecondBetweenTwoReadings) {
  FakeClock clock;
  SC conn;
  conn.When(kPrimaryLsn)
      .Return(SC::Scalar("1000000"))   // Start
      .Return(SC::Scalar("5000000"))   // +4 MB in 2 s
      .Return(SC::Scalar("5000000"))   // nothing in 1 s
      .Return(SC::Scalar("35000000"))  // +30 MB in 500 ms
      .Return(SC::Scalar("35000000"));  // no time passed
  WalRateSignal signal(&conn, 10'000'000, &clock);
  ASSERT_TRUE(signal.Start().ok());
  clock.Advance(2s);
  SignalReading r = signal.Read();
  EXPECT_TRUE(r.readable);
  EXPECT_EQ(r.signal, "WAL rate");
  EXPECT_EQ(r.unit, "B/s");
  EXPECT_DOUBLE_EQ(r.value, 2'000'000);
  EXPECT_DOUBLE_EQ(r.Load(), 0.2);
  clock.Advance(1s);
  EXPECT_EQ(signal.Read().value, 0);
  clock.Advance(500ms);
  r = signal.Read();
  EXPECT_DOUBLE_EQ(r.value, 60'000'000);
  EXPECT_GT(r.Load(), 1);
  EXPECT_EQ(r.Describe(), "WAL rate 60.0 MB/s > 10.0 MB/s");
  EXPECT_EQ(signal.Read().value, 0);  // two readings at the same instant: no rate, not a division by zero
}

TEST(WalRateSignalTest, ErrorsAreUnreadableAndAMissingStartReadsZeroFirst) {
  FakeClock clock;
  SC conn;
  conn.When(kPrimaryLsn).Fail(Status::Database("boom")).Return(SC::Scalar("1000")).Return(SC::Scalar("3000"));
  WalRateSignal signal(&conn, 1000, &clock);
  EXPECT_FALSE(signal.Start().ok());
  clock.Advance(1s);
  EXPECT_EQ(signal.Read().value, 0);  // no previous reading
  clock.Advance(1s);
  EXPECT_EQ(signal.Read().value, 2000);
  SignalReading r = signal.Read();  // rules used up: the statement is unscripted
  EXPECT_FALSE(r.readable);
}

TEST(SlotRetentionSignalTest, TheWorstSlotAndNoSlots) {
  SC conn;
  conn.When("pg_replication_slots")
      .Return(SC::Table({"retained", "slot"}, {{"12000000000", "debezium"}}))
      .Return(SC::Table({"retained", "slot"}, {{"0", std::nullopt}}))
      .Fail(Status::Database("permission denied for view pg_replication_slots"));
  SlotRetentionSignal signal(&conn, 10LL << 30);
  SignalReading r = signal.Read();
  EXPECT_TRUE(r.readable);
  EXPECT_EQ(r.unit, "B");
  EXPECT_EQ(r.value, 12e9);
  EXPECT_EQ(r.detail, "slot debezium");
  EXPECT_GT(r.Load(), 1);
  EXPECT_TRUE(Contains(r.Describe(), "12.0 GB >")) << r.Describe();
  SignalReading none = signal.Read();
  EXPECT_TRUE(none.readable);
  EXPECT_EQ(none.value, 0);
  EXPECT_EQ(none.detail, "");
  SignalReading error = signal.Read();
  EXPECT_FALSE(error.readable);
  EXPECT_TRUE(Contains(error.detail, "permission denied")) << error.detail;
  EXPECT_TRUE(Contains(conn.log()[0], "restart_lsn"));
}

// ---------------------------------------------------------------------------------------------
// Custom query

TEST(CustomQuerySignalTest, ANumberAgainstItsMax) {
  SC conn(Dialect::kMysql);
  conn.When("jobs").Return(SC::Scalar("40")).Return(SC::Scalar("250.5")).Return(SC::Scalar("0"));
  CustomQuerySignal signal(&conn, "SELECT count(*) FROM jobs WHERE state = 'queued'", 100);
  SignalReading r = signal.Read();
  EXPECT_TRUE(r.readable);
  EXPECT_EQ(r.signal, "throttle query");
  EXPECT_EQ(r.value, 40);
  EXPECT_DOUBLE_EQ(r.Load(), 0.4);
  r = signal.Read();
  EXPECT_EQ(r.value, 250.5);
  EXPECT_GT(r.Load(), 1);
  EXPECT_EQ(r.Describe(), "throttle query 250.5 > 100");
  EXPECT_EQ(signal.Read().Load(), 0);
  EXPECT_EQ(conn.log()[0], "SELECT count(*) FROM jobs WHERE state = 'queued'");
}

TEST(CustomQuerySignalTest, NullNoRowsNotANumberAndErrorsAreUnreadable) {
  SC conn;
  conn.When("q")
      .Return(SC::Scalar(std::nullopt))
      .Return(SC::Table({"n"}, {}))
      .Return(SC::Scalar("lots"))
      .Fail(Status::Database("relation \"q\" does not exist"));
  CustomQuerySignal signal(&conn, "SELECT n FROM q", 10);
  SignalReading null = signal.Read();
  EXPECT_FALSE(null.readable);
  EXPECT_EQ(null.detail, "the query returned no number");
  EXPECT_FALSE(signal.Read().readable);
  SignalReading text = signal.Read();
  EXPECT_FALSE(text.readable);
  EXPECT_EQ(text.detail, "the query returned 'lots', not a number");
  SignalReading error = signal.Read();
  EXPECT_FALSE(error.readable);
  EXPECT_EQ(error.detail, "relation \"q\" does not exist");
  EXPECT_TRUE(std::isinf(error.Load()));
  EXPECT_EQ(error.Describe(), "cannot read throttle query: relation \"q\" does not exist (throttling to be safe)");
}

// ---------------------------------------------------------------------------------------------
// MakeSignals: which signals each database and each setting gets

struct Built {
  std::vector<std::string> kinds;
  Status status = Status::Ok();
};

Built Make(Dialect dialect, const ThrottleSettings& settings, std::vector<std::string> key = {"id"}) {
  SC conn(dialect);
  FakeClock clock;
  Built out;
  Result<std::vector<std::unique_ptr<ThrottleSignal>>> made =
      MakeSignals(settings, conn, BackfillTarget{"users", std::move(key), 1000, 0}, clock);
  if (!made.ok()) {
    out.status = made.status();
    return out;
  }
  for (const auto& s : *made) {
    const ThrottleSignal* p = s.get();
    if (dynamic_cast<const ReplicaLagSignal*>(p)) out.kinds.push_back("replica lag");
    else if (dynamic_cast<const ServerLoadSignal*>(p)) out.kinds.push_back("server load");
    else if (dynamic_cast<const ProbeLatencySignal*>(p)) out.kinds.push_back("probe latency");
    else if (dynamic_cast<const WalRateSignal*>(p)) out.kinds.push_back("WAL rate");
    else if (dynamic_cast<const SlotRetentionSignal*>(p)) out.kinds.push_back("slot retention");
    else if (dynamic_cast<const CustomQuerySignal*>(p)) out.kinds.push_back("throttle query");
    else out.kinds.push_back("?");
  }
  // Building signals runs no query: that waits for Start().
  EXPECT_TRUE(conn.log().empty());
  return out;
}

using Kinds = std::vector<std::string>;

TEST(MakeSignalsTest, DefaultsPerDatabase) {
  ThrottleSettings defaults;
  EXPECT_EQ(Make(Dialect::kPostgres, defaults).kinds, (Kinds{"server load", "probe latency", "slot retention"}));
  EXPECT_EQ(Make(Dialect::kMysql, defaults).kinds, (Kinds{"server load", "probe latency"}));
  EXPECT_EQ(Make(Dialect::kSqlite, defaults).kinds, (Kinds{"probe latency"}));  // no server, no WAL
}

TEST(MakeSignalsTest, WalRateOnlyOnPostgresAndOnlyWhenSet) {
  ThrottleSettings s;
  s.max_wal_bytes_per_second = 50'000'000;
  EXPECT_EQ(Make(Dialect::kPostgres, s).kinds, (Kinds{"server load", "probe latency", "WAL rate", "slot retention"}));
  EXPECT_EQ(Make(Dialect::kMysql, s).kinds, (Kinds{"server load", "probe latency"}));
  EXPECT_EQ(Make(Dialect::kSqlite, s).kinds, (Kinds{"probe latency"}));
}

TEST(MakeSignalsTest, ZeroTurnsSignalsOff) {
  ThrottleSettings s;
  s.max_active_sessions = 0;
  s.max_probe_ratio = 0;
  s.max_slot_retained_bytes = 0;
  EXPECT_EQ(Make(Dialect::kPostgres, s).kinds, Kinds{});
  EXPECT_EQ(Make(Dialect::kMysql, s).kinds, Kinds{});
  EXPECT_EQ(Make(Dialect::kSqlite, s).kinds, Kinds{});
}

TEST(MakeSignalsTest, NoProbeWithoutAKey) {
  ThrottleSettings defaults;
  EXPECT_EQ(Make(Dialect::kMysql, defaults, {}).kinds, (Kinds{"server load"}));
}

TEST(MakeSignalsTest, ThrottleQueryOnlyWhenSet) {
  ThrottleSettings s;
  s.throttle_query = "SELECT count(*) FROM jobs";
  s.throttle_query_max = 100;
  EXPECT_EQ(Make(Dialect::kSqlite, s).kinds, (Kinds{"probe latency", "throttle query"}));
  EXPECT_EQ(Make(Dialect::kPostgres, s).kinds, (Kinds{"server load", "probe latency", "slot retention", "throttle query"}));
  EXPECT_EQ(Make(Dialect::kMysql, s).kinds, (Kinds{"server load", "probe latency", "throttle query"}));
}

TEST(MakeSignalsTest, ReplicasAreRefusedOnSqliteAndOfAnotherKind) {
  ThrottleSettings s;
  s.replicas = {"postgres://repl:secret@10.0.0.2/shop"};
  Built sqlite = Make(Dialect::kSqlite, s);
  EXPECT_EQ(sqlite.status.code(), StatusCode::kUsage);
  EXPECT_TRUE(Contains(sqlite.status.message(), "SQLite has no replicas")) << sqlite.status.message();

  Built mysql = Make(Dialect::kMysql, s);
  EXPECT_EQ(mysql.status.code(), StatusCode::kUsage);
  EXPECT_TRUE(Contains(mysql.status.message(), "not the primary's database kind")) << mysql.status.message();
  EXPECT_FALSE(Contains(mysql.status.message(), "secret")) << "the password is redacted";

  s.replicas = {"not a url"};
  Built bad = Make(Dialect::kPostgres, s);
  EXPECT_EQ(bad.status.code(), StatusCode::kUsage);
  EXPECT_TRUE(Contains(bad.status.message(), "--replica")) << bad.status.message();
}

TEST(MakeSignalsTest, AnUnreachableReplicaIsAnError) {
  ThrottleSettings s;
  s.replicas = {"postgres://repl:secret@127.0.0.1:1/shop?connect_timeout=2"};
  Built b = Make(Dialect::kPostgres, s);
  EXPECT_FALSE(b.status.ok());
  EXPECT_FALSE(Contains(b.status.message(), "secret")) << b.status.message();
}

TEST(MakeSignalsTest, TheCanaryReadsTheFirstRowOfTheTableInKeyOrder) {
  SC conn(Dialect::kPostgres);
  conn.When("LIMIT 1").Return(SC::Scalar("1"), SC::kForever);
  FakeClock clock;
  ThrottleSettings s;
  s.max_active_sessions = 0;
  s.max_slot_retained_bytes = 0;
  auto made = MakeSignals(s, conn, BackfillTarget{"app.users", {"tenant", "id"}, 1000, 0}, clock);
  ASSERT_TRUE(made.ok()) << made.status().message();
  ASSERT_EQ(made->size(), 1u);
  ASSERT_TRUE((*made)[0]->Start().ok());
  ASSERT_FALSE(conn.log().empty());
  EXPECT_EQ(conn.log()[0], "SELECT \"tenant\", \"id\" FROM \"app\".\"users\" ORDER BY \"tenant\", \"id\" LIMIT 1");

  SC my(Dialect::kMysql);
  my.When("LIMIT 1").Return(SC::Scalar("1"), SC::kForever);
  auto made_my = MakeSignals(s, my, BackfillTarget{"users", {"id"}, 1000, 0}, clock);
  ASSERT_TRUE(made_my.ok());
  ASSERT_TRUE((*made_my)[0]->Start().ok());
  EXPECT_EQ(my.log()[0], "SELECT `id` FROM `users` ORDER BY `id` LIMIT 1");
}

// The adaptive throttle built by MakeAdaptiveThrottle over real signals: an over-threshold throttle
// query pauses with its reason; back under, the backfill runs again.
TEST(MakeSignalsTest, AThrottleQueryOverItsMaxPausesTheAdaptiveThrottle) {
  SC conn(Dialect::kSqlite);
  conn.When("pause_flag").Return(SC::Scalar("1"), 2).Return(SC::Scalar("0"), SC::kForever);
  FakeClock clock;
  ThrottleSettings s;
  s.max_probe_ratio = 0;
  s.control_file.clear();
  s.throttle_query = "SELECT count(*) FROM pause_flag";
  s.throttle_query_max = 0.5;
  s.sqlite_write_share = 1;  // full speed once resumed (the share has its own test below)
  auto throttle = MakeAdaptiveThrottle(s, conn, BackfillTarget{"t", {"id"}, 1000, 0}, clock);
  ASSERT_TRUE(throttle.ok()) << throttle.status().message();
  ThrottleDecision d = (*throttle)->BeforeBatch();
  EXPECT_EQ(d.batch_size, 0);
  EXPECT_EQ(d.reason, "paused: throttle query 1 > 0.5");
  clock.Advance(d.pause);
  d = (*throttle)->BeforeBatch();
  EXPECT_EQ(d.batch_size, 0);
  clock.Advance(d.pause);
  d = (*throttle)->BeforeBatch();
  EXPECT_EQ(d.batch_size, 1000);
  EXPECT_EQ(d.reason, "");
}


// On SQLite the throttle shares the write lock (sqlite-write-share, 0.5 by default): after the
// first batch, each batch is followed by a pause.
TEST(MakeSignalsTest, OnSqliteTheBackfillSharesTheWriteLock) {
  SC conn(Dialect::kSqlite);
  FakeClock clock;
  ThrottleSettings s;
  s.max_probe_ratio = 0;
  s.control_file.clear();
  auto throttle = MakeAdaptiveThrottle(s, conn, BackfillTarget{"t", {"id"}, 1000, 0}, clock);
  ASSERT_TRUE(throttle.ok()) << throttle.status().message();
  ThrottleDecision d = (*throttle)->BeforeBatch();
  ASSERT_GT(d.batch_size, 0);
  (*throttle)->AfterBatch({d.batch_size, d.batch_size, Millis(40)});
  d = (*throttle)->BeforeBatch();
  EXPECT_GT(d.pause.count(), 0);
  EXPECT_EQ(d.reason, "sharing SQLite's write lock: at most 50% of the time in batches");
}

// Live control next to the signals: `migrate control set a=1 b=2` rewrites the file once per key,
// within the same clock tick. Each rewrite is renamed into place, so the backfill sees it even when
// the modification time did not change (same size too: batch-size 1000 -> 2000).
TEST(LiveControlRapidChangeTest, ARewriteWithinOneClockTickIsSeen) {
  auto dir = testing::MakeTempDir("ctl-rapid");
  const std::string control = (dir / "migrate.control").string();
  LiveControl live("", control);
  std::string error;
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(SetControlKey(control, "batch-size", "1000").ok());
    ASSERT_EQ(live.Read(&error).batch_size.value_or(-1), 1000) << i;
    ASSERT_TRUE(SetControlKey(control, "batch-size", "2000").ok());
    ASSERT_EQ(live.Read(&error).batch_size.value_or(-1), 2000) << i;
  }
  EXPECT_EQ(error, "");
}

}  // namespace
}  // namespace migrate
