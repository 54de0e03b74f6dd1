#include "engine/planner.h"

#include <variant>

namespace migrate {
namespace {

const char* const kLockOrder[] = {"ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE",
                                  "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"};

int LockRank(const std::string& level) {
  for (int i = 0; i < 8; ++i) {
    if (level == kLockOrder[i]) return i;
  }
  return -1;
}

bool IsTransactionControl(const Statement& s) {
  return s.changes.size() == 1 && std::holds_alternative<Transaction>(s.changes[0]);
}

// Why a statement cannot share a transaction, or "" when it can.
std::string AutocommitReason(const Statement& s, Dialect dialect) {
  for (const Change& c : s.changes) {
    if (dialect == Dialect::kPostgres) {
      if (const auto* ci = std::get_if<CreateIndex>(&c); ci && ci->concurrently) {
        return "CREATE INDEX CONCURRENTLY cannot run in a transaction";
      }
      if (const auto* di = std::get_if<DropIndex>(&c); di && di->concurrently) {
        return "DROP INDEX CONCURRENTLY cannot run in a transaction";
      }
      if (const auto* ri = std::get_if<Reindex>(&c); ri && ri->concurrently) {
        return "REINDEX CONCURRENTLY cannot run in a transaction";
      }
      if (std::holds_alternative<Vacuum>(c)) return "VACUUM cannot run in a transaction";
      if (const auto* co = std::get_if<CreateObject>(&c); co && co->kind == ObjectKind::kDatabase) {
        return "CREATE DATABASE cannot run in a transaction";
      }
    } else if (dialect == Dialect::kMysql) {
      if (const auto* d = std::get_if<Dml>(&c)) {
        (void)d;
        continue;
      }
      if (std::holds_alternative<SetVariable>(c) || std::holds_alternative<NoSchemaEffect>(c)) continue;
      return "MySQL commits DDL implicitly";
    } else {
      if (std::holds_alternative<Vacuum>(c)) return "VACUUM cannot run in a transaction";
      if (std::holds_alternative<Pragma>(c)) return "PRAGMA settings do not take effect inside a transaction";
    }
  }
  return "";
}

// Statements whose lock does not block application reads or writes run without the short lock
// timeout: on PostgreSQL SHARE UPDATE EXCLUSIVE and weaker (CREATE INDEX CONCURRENTLY, VALIDATE
// CONSTRAINT). MySQL DDL always needs its metadata lock; SQLite always needs the write lock.
bool NeedsLockTimeout(const Statement& s, const StatementReport& report, Dialect dialect) {
  if (dialect != Dialect::kPostgres) return true;
  for (const Change& c : s.changes) {
    if (const auto* ci = std::get_if<CreateIndex>(&c); ci && ci->concurrently) return false;
    if (const auto* di = std::get_if<DropIndex>(&c); di && di->concurrently) return false;
    if (const auto* ri = std::get_if<Reindex>(&c); ri && ri->concurrently) return false;
    if (std::holds_alternative<ValidateConstraint>(c)) return false;
  }
  if (report.lock && LockRank(report.lock->level) >= 0) return PostgresLockBlocksApps(report.lock->level);
  return true;
}

}  // namespace

bool PostgresLockBlocksApps(const std::string& level) { return LockRank(level) >= LockRank("SHARE"); }

const char* TxnModeName(TxnMode mode) { return mode == TxnMode::kTransaction ? "transaction" : "autocommit"; }

std::vector<Step> PlanSection(const LoadedMigration& m, SectionKind kind) {
  std::vector<Step> steps;
  const Dialect dialect = m.file.dialect;
  int block = -1;  // the step of the open BEGIN … COMMIT block, if any
  for (size_t i = 0; i < m.file.statements.size(); ++i) {
    const Statement& s = m.file.statements[i];
    if (m.file.sections[s.section].kind != kind) continue;
    if (IsTransactionControl(s)) {
      block = -1;
      if (std::get<Transaction>(s.changes[0]).kind == TxnKind::kBegin && kind != SectionKind::kBackfill) {
        steps.push_back(Step{kind, {}, TxnMode::kTransaction, "", false, "", "", ""});
        block = static_cast<int>(steps.size()) - 1;
      }
      continue;
    }
    const StatementReport* report = i < m.report.statements.size() ? &m.report.statements[i] : nullptr;
    std::string reason = AutocommitReason(s, dialect);
    const bool join_block = block >= 0 && reason.empty();
    if (!join_block) steps.push_back(Step{kind, {}, TxnMode::kTransaction, "", false, "", "", ""});
    Step& step = join_block ? steps[block] : steps.back();
    step.statements.push_back(static_cast<int>(i));
    if (!reason.empty()) {
      step.mode = TxnMode::kAutocommit;
      step.txn_reason = reason;
    }
    if (!report || NeedsLockTimeout(s, *report, dialect)) step.lock_timeout = true;
    // The step's lock is its strongest statement's (levels outside PostgreSQL's table rank -1, so
    // the first one named is kept over an empty level).
    if (report && report->lock && LockRank(report->lock->level) >= LockRank(step.lock_level)) {
      step.lock_level = report->lock->level;
      step.algorithm = report->lock->algorithm;
    }
    for (const Change& c : s.changes) {
      if (const auto* ci = std::get_if<CreateIndex>(&c); ci && ci->concurrently && dialect == Dialect::kPostgres) {
        step.concurrent_index = ci->index;
      }
    }
    // A statement that cannot share the block's transaction splits it, keeping the file's order.
    if (block >= 0 && !join_block) {
      steps.push_back(Step{kind, {}, TxnMode::kTransaction, "", false, "", "", ""});
      block = static_cast<int>(steps.size()) - 1;
    }
  }
  // An explicit block that ended up empty (BEGIN; COMMIT;) is not a step.
  std::erase_if(steps, [](const Step& s) { return s.statements.empty(); });
  return steps;
}

}  // namespace migrate
