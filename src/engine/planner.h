// The planner: turns a migration's section into steps — the unit the executor runs, records and
// retries. A step is one statement, or the statements of an explicit BEGIN … COMMIT block in the
// file. Each step has a transaction mode, the lock it takes, and whether it runs under the short
// lock timeout with retries (SPEC §5).
#pragma once

#include <string>
#include <vector>

#include "engine/migration_set.h"

namespace migrate {

enum class TxnMode {
  kTransaction,  // the statements and their progress record commit together
  kAutocommit,   // cannot run in a transaction (CONCURRENTLY, VACUUM …) or commits implicitly
                 // (MySQL DDL): runs alone, then its progress is recorded
};

struct Step {
  SectionKind section = SectionKind::kExpand;
  std::vector<int> statements;  // indexes into the file's statements
  TxnMode mode = TxnMode::kTransaction;
  std::string txn_reason;       // why autocommit, e.g. "CREATE INDEX CONCURRENTLY cannot run in a transaction"
  bool lock_timeout = true;     // short lock timeout + retries; false for non-blocking locks
  std::string lock_level;       // strongest lock among the statements ("" when none is known)
  std::string algorithm;        // MySQL/MariaDB online DDL algorithm
  // A PostgreSQL CREATE INDEX CONCURRENTLY: an INVALID index of this name left by an earlier
  // failed build is dropped before the step runs.
  std::string concurrent_index;
};

// The steps of every section of `kind` in the migration, in file order. Transaction control
// statements (BEGIN/COMMIT) are not steps: they only group.
std::vector<Step> PlanSection(const LoadedMigration& m, SectionKind kind);

// "transaction", "autocommit".
const char* TxnModeName(TxnMode mode);

// Whether a PostgreSQL lock level blocks application reads or writes (SHARE and stronger).
bool PostgresLockBlocksApps(const std::string& level);

}  // namespace migrate
