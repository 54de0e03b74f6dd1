// ScriptedConnection: a Connection whose answers the test writes, for code that only reads from the
// database (throttle signals, probes). No SQL runs anywhere: each statement is matched against the
// rules, in the order they were added, by substring (case-sensitive; "" matches everything):
//
//   ScriptedConnection primary(Dialect::kPostgres);
//   primary.When("pg_current_wal_lsn").Return(ScriptedConnection::Scalar("1000"))
//                                     .Return(ScriptedConnection::Scalar("5000"), 2)
//                                     .Fail(Status::Database("connection lost"));
//   primary.When("pg_stat_activity").Return(ScriptedConnection::Scalar("3"), ScriptedConnection::kForever);
//   primary.When("LIMIT 1").Return(Rows{}, ScriptedConnection::kForever).Delay(std::chrono::milliseconds(30));
//
// A rule's answers are used in order, each `times` times (kForever: for good). A rule whose answers
// are used up no longer matches, and the next matching rule answers. A statement no rule answers
// fails with Status::Database("unscripted statement: …"), so a test notices SQL it did not expect.
// Delay(d) makes the answer added last sleep d of real time before it returns (to simulate a slow
// server for latency probes).
//
// Begin/Commit/Rollback are matched and logged as "BEGIN", "COMMIT" and "ROLLBACK",
// SetLockTimeout/SetStatementTimeout as "SET LOCK TIMEOUT <n>ms" and "SET STATEMENT TIMEOUT <n>ms";
// unscripted, they succeed. Every statement lands in log(), answered or not.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "drivers/driver.h"

namespace migrate::testing {

class ScriptedConnection : public Connection {
 public:
  static constexpr int kForever = -1;

  struct Answer {
    Result<Rows> result = Rows{};
    int remaining = 1;  // kForever: never used up
    std::chrono::milliseconds delay{0};
  };

  class Rule {
   public:
    explicit Rule(std::string substring) : substring_(std::move(substring)) {}
    Rule& Return(Rows rows, int times = 1) { return Add(Result<Rows>(std::move(rows)), times); }
    Rule& Fail(Status error, int times = 1) { return Add(Result<Rows>(std::move(error)), times); }
    // The answer added last sleeps `d` before it returns.
    Rule& Delay(std::chrono::milliseconds d) {
      if (!answers_.empty()) answers_.back().delay = d;
      return *this;
    }
    const std::string& substring() const { return substring_; }
    bool Matches(const std::string& sql) const {
      if (sql.find(substring_) == std::string::npos) return false;
      for (const Answer& a : answers_) {
        if (a.remaining != 0) return true;
      }
      return false;
    }
    // The next answer (Matches() must hold).
    Answer Take() {
      for (Answer& a : answers_) {
        if (a.remaining == 0) continue;
        if (a.remaining > 0) --a.remaining;
        return a;
      }
      return Answer{Result<Rows>(Status::Database("scripted rule used up: " + substring_)), 0, {}};
    }

   private:
    Rule& Add(Result<Rows> result, int times) {
      answers_.push_back(Answer{std::move(result), times, std::chrono::milliseconds(0)});
      return *this;
    }
    std::string substring_;
    std::vector<Answer> answers_;
  };

  explicit ScriptedConnection(Dialect dialect = Dialect::kPostgres, std::string version = "scripted")
      : dialect_(dialect), version_(std::move(version)) {}

  // Adds a rule; statements containing `substring` get its answers. Rules keep their addresses.
  Rule& When(std::string substring) {
    rules_.push_back(std::make_unique<Rule>(std::move(substring)));
    return *rules_.back();
  }
  void ClearRules() { rules_.clear(); }

  // Rows of one column "value" holding one value (NULL for nullopt).
  static Rows Scalar(Value v, std::string column = "value") {
    Rows r;
    r.columns = {std::move(column)};
    r.rows = {{std::move(v)}};
    return r;
  }
  // Rows with these columns and rows.
  static Rows Table(std::vector<std::string> columns, std::vector<std::vector<Value>> rows) {
    Rows r;
    r.columns = std::move(columns);
    r.rows = std::move(rows);
    return r;
  }

  const std::vector<std::string>& log() const { return log_; }
  void ClearLog() { log_.clear(); }
  // How many logged statements contain `substring`.
  int Count(const std::string& substring) const {
    int n = 0;
    for (const std::string& s : log_) n += s.find(substring) != std::string::npos ? 1 : 0;
    return n;
  }

  void set_dialect(Dialect d) { dialect_ = d; }
  Dialect dialect() const override { return dialect_; }

  Result<Rows> Query(const std::string& sql, const std::vector<Value>& params = {}) override {
    (void)params;
    return Respond(sql, /*unscripted_ok=*/false);
  }
  Status Begin() override {
    in_txn_ = true;
    return Respond("BEGIN", true).status();
  }
  Status Commit() override {
    in_txn_ = false;
    return Respond("COMMIT", true).status();
  }
  Status Rollback() override {
    in_txn_ = false;
    return Respond("ROLLBACK", true).status();
  }
  bool InTransaction() const override { return in_txn_; }
  Status SetLockTimeout(std::chrono::milliseconds timeout) override {
    return Respond("SET LOCK TIMEOUT " + std::to_string(timeout.count()) + "ms", true).status();
  }
  Status SetStatementTimeout(std::chrono::milliseconds timeout) override {
    return Respond("SET STATEMENT TIMEOUT " + std::to_string(timeout.count()) + "ms", true).status();
  }
  void Cancel() override { log_.push_back("CANCEL"); }
  std::string ServerVersion() override { return version_; }

 private:
  Result<Rows> Respond(const std::string& statement, bool unscripted_ok) {
    log_.push_back(statement);
    for (auto& rule : rules_) {
      if (!rule->Matches(statement)) continue;
      Answer a = rule->Take();
      if (a.delay.count() > 0) std::this_thread::sleep_for(a.delay);
      return a.result;
    }
    if (unscripted_ok) return Rows{};
    return Status::Database("unscripted statement: " + statement);
  }

  Dialect dialect_;
  std::string version_;
  bool in_txn_ = false;
  std::vector<std::unique_ptr<Rule>> rules_;
  std::vector<std::string> log_;
};

}  // namespace migrate::testing
