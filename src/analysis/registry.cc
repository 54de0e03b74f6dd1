// The rules table: every rule is one row here (ninja's kTools[] style, no self-registration).
#include <algorithm>

#include "analysis/rule.h"
#include "analysis/rules/rules.h"

namespace migrate {

const char* SeverityName(Severity s) { return s == Severity::kError ? "error" : "warning"; }

bool AppliesTo(unsigned mask, Dialect d) {
  switch (d) {
    case Dialect::kPostgres: return mask & kPostgresOnly;
    case Dialect::kMysql: return mask & kMysqlOnly;
    case Dialect::kSqlite: return mask & kSqliteOnly;
  }
  return false;
}

const std::vector<Rule>& AllRules() {
  using namespace rules;
  constexpr Severity E = Severity::kError;
  constexpr Severity W = Severity::kWarning;
  static const std::vector<Rule> kRules = {
      {"rename-column", E, kAllDialects, "Renaming a column breaks the running app.", CheckRenameColumn},
      {"rename-table", E, kAllDialects, "Renaming a table or view breaks the running app.", CheckRenameTable},
      {"add-column-not-null-without-default", E, kAllDialects,
       "ADD COLUMN NOT NULL without a DEFAULT breaks the running app's inserts.",
       CheckAddColumnNotNullWithoutDefault},
      {"unsafe-column-type-change", E, kPostgresOnly,
       "A column type change that rewrites the table or narrows its values.", CheckUnsafeColumnTypeChange},
      {"contract-outside-contract-section", E, kAllDialects,
       "Removing something the running app may use outside a contract section.",
       CheckContractOutsideContractSection},
      {"contract-without-requires-app", E, kAllDialects,
       "A contract section must name the app version it waits for (requires-app).",
       CheckContractWithoutRequiresApp},
      {"backfill-outside-backfill-section", E, kAllDialects,
       "UPDATE, DELETE or INSERT … SELECT outside a batched backfill section.",
       CheckBackfillOutsideBackfillSection},
      {"ddl-in-backfill-section", E, kAllDialects, "Schema changes inside a backfill section.",
       CheckDdlInBackfillSection},
      {"create-index-without-concurrently", E, kPostgresOnly,
       "CREATE INDEX without CONCURRENTLY blocks writes for the whole build.",
       CheckCreateIndexWithoutConcurrently},
      {"drop-index-without-concurrently", E, kPostgresOnly,
       "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock.", CheckDropIndexWithoutConcurrently},
      {"reindex-without-concurrently", E, kPostgresOnly,
       "REINDEX without CONCURRENTLY blocks writes.", CheckReindexWithoutConcurrently},
      {"concurrently-in-transaction", E, kPostgresOnly,
       "CONCURRENTLY cannot run inside a transaction block.", CheckConcurrentlyInTransaction},
      {"foreign-key-without-not-valid", E, kPostgresOnly,
       "Adding a FOREIGN KEY without NOT VALID blocks writes while it validates.",
       CheckForeignKeyWithoutNotValid},
      {"check-without-not-valid", E, kPostgresOnly,
       "Adding a CHECK without NOT VALID scans the table under ACCESS EXCLUSIVE.", CheckCheckWithoutNotValid},
      {"set-not-null-without-check", E, kPostgresOnly,
       "SET NOT NULL without a validated CHECK (col IS NOT NULL) scans the table under ACCESS EXCLUSIVE.",
       CheckSetNotNullWithoutCheck},
      {"unique-without-concurrent-index", E, kPostgresOnly,
       "UNIQUE or PRIMARY KEY not built from a concurrently created index.", CheckUniqueWithoutConcurrentIndex},
      {"volatile-default", E, kPostgresOnly,
       "ADD COLUMN with a volatile DEFAULT rewrites the table.", CheckVolatileDefault},
      {"serial-column", E, kPostgresOnly,
       "ADD COLUMN serial or IDENTITY rewrites the table.", CheckSerialColumn},
      {"stored-generated-column", E, kPostgresOnly,
       "ADD COLUMN … GENERATED ALWAYS AS … STORED rewrites the table.", CheckStoredGeneratedColumn},
      {"truncate", E, kAllDialects, "TRUNCATE removes every row under an exclusive lock.", CheckTruncate},
      {"vacuum-full", E, kPostgresOnly, "VACUUM FULL rewrites the table under ACCESS EXCLUSIVE.",
       CheckVacuumFull},
      {"cluster", E, kPostgresOnly, "CLUSTER rewrites the table under ACCESS EXCLUSIVE.", CheckCluster},
      {"lock-table", E, kPostgresOnly, "LOCK TABLE holds a lock for the whole transaction.", CheckLockTable},
      {"drop-database", E, kAllDialects, "DROP DATABASE in a migration.", CheckDropDatabase},
      {"drop-schema", E, kAllDialects, "DROP SCHEMA drops a whole namespace at once.", CheckDropSchema},
      {"rename-enum-value", E, kPostgresOnly, "Renaming an enum value breaks the running app.",
       CheckRenameEnumValue},
      {"unanalyzed-statement", W, kAllDialects, "A statement migrate does not model was not checked.",
       CheckUnanalyzedStatement},
      {"unused-ignore", W, kAllDialects, "A migrate:ignore directive that suppressed nothing.", nullptr},
  };
  return kRules;
}

const Rule* FindRule(std::string_view name) {
  const auto& all = AllRules();
  auto it = std::find_if(all.begin(), all.end(), [&](const Rule& r) { return r.name == name; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace migrate
