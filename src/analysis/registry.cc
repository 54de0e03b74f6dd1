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
      {"unsafe-column-type-change", E, kPostgresOnly | kMysqlOnly,
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
      {"lock-table", E, kPostgresOnly | kMysqlOnly, "LOCK TABLE holds a lock for the whole transaction.", CheckLockTable},
      {"drop-database", E, kAllDialects, "DROP DATABASE in a migration.", CheckDropDatabase},
      {"drop-schema", E, kPostgresOnly, "DROP SCHEMA drops a whole namespace at once.", CheckDropSchema},
      {"rename-enum-value", E, kPostgresOnly, "Renaming an enum value breaks the running app.",
       CheckRenameEnumValue},
      {"sqlite-add-column-unsupported", E, kSqliteOnly,
       "ADD COLUMN that SQLite refuses: PRIMARY KEY, UNIQUE, a non-constant DEFAULT, STORED.",
       CheckSqliteAddColumnUnsupported},
      {"sqlite-drop-column-unsupported", E, kSqliteOnly,
       "DROP COLUMN that SQLite refuses: an indexed, key, foreign key or CHECK column.",
       CheckSqliteDropColumnUnsupported},
      {"sqlite-table-rebuild", E, kSqliteOnly,
       "A table rebuild (create, copy, drop, rename) not spread over expand, backfill and contract.",
       CheckSqliteTableRebuild},
      {"sqlite-pragma-foreign-keys", E, kSqliteOnly,
       "PRAGMA foreign_keys does nothing inside the migration's transaction.", CheckSqlitePragmaForeignKeys},
      {"sqlite-pragma-legacy-alter-table", E, kSqliteOnly,
       "PRAGMA legacy_alter_table = ON makes later renames leave stale references.",
       CheckSqlitePragmaLegacyAlterTable},
      {"mysql-algorithm-copy", E, kMysqlOnly,
       "ALGORITHM=COPY copies the table while writes wait.", CheckMysqlAlgorithmCopy},
      {"mysql-blocking-lock", E, kMysqlOnly,
       "LOCK=SHARED or LOCK=EXCLUSIVE blocks writes for the whole ALTER TABLE.", CheckMysqlBlockingLock},
      {"mysql-table-copy", E, kMysqlOnly,
       "An ALTER TABLE that only ALGORITHM=COPY can do (DROP PRIMARY KEY, STORED column, ENGINE …).",
       CheckMysqlTableCopy},
      {"mysql-fulltext-index", E, kMysqlOnly,
       "Adding a FULLTEXT index blocks writes (LOCK=SHARED) for the whole build.", CheckMysqlFulltextIndex},
      {"mysql-spatial-index", E, kMysqlOnly,
       "Adding a SPATIAL index blocks writes (LOCK=SHARED) for the whole build.", CheckMysqlSpatialIndex},
      {"mysql-foreign-key-copy", E, kMysqlOnly,
       "ADD FOREIGN KEY with foreign_key_checks on copies the table.", CheckMysqlForeignKeyCopy},
      {"mysql-convert-charset", E, kMysqlOnly,
       "CONVERT TO CHARACTER SET copies the table and retypes every text column.", CheckMysqlConvertCharset},
      {"mysql-auto-increment-column", E, kMysqlOnly,
       "Adding an AUTO_INCREMENT column rebuilds the table under LOCK=SHARED.", CheckMysqlAutoIncrementColumn},
      {"mysql-inplace-rebuild", W, kMysqlOnly,
       "An in-place table rebuild: online, but long, and replicas lag.", CheckMysqlInplaceRebuild},
      {"mysql-online-ddl-refused", W, kMysqlOnly,
       "The server refuses the statement's ALGORITHM= or LOCK= for this change.", CheckMysqlOnlineDdlRefused},
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
