// MySQL/MariaDB online DDL prediction: for an ALTER TABLE, CREATE INDEX, DROP INDEX or RENAME
// TABLE statement, the ALGORITHM (INSTANT, INPLACE or COPY) and LOCK (NONE, SHARED, EXCLUSIVE)
// the server will use for InnoDB, and whether it rebuilds the table.
//
// The facts are one table (kOnlineDdlTable in mysql_online_ddl.cc), transcribed from the vendors'
// pages: MySQL 8.0/8.4 Reference Manual "Online DDL Operations" (column, index, primary key,
// foreign key, table and generated column operations) and MariaDB's "InnoDB Online DDL Operations
// with ALGORITHM=INSTANT / NOCOPY / INPLACE". Each row says, per flavour, from which version the
// operation is INSTANT, whether it can run INPLACE, whether INPLACE rebuilds the table, and the
// weakest LOCK it permits. The code here only maps each Change to its row (with the schema and
// session state it needs), then combines the rows of one statement the way the server does:
// the statement runs with the weakest algorithm every action supports, under the strongest lock
// any action needs. ALGORITHM=/LOCK= clauses then constrain that prediction, or make the server
// refuse the statement.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/mysql_version.h"
#include "model/change.h"
#include "model/schema.h"

namespace migrate {

// Ordered from least to most disruptive: a statement takes the maximum over its actions.
enum class DdlAlgorithm { kInstant, kInplace, kCopy };
enum class DdlLock { kNone, kShared, kExclusive };
const char* DdlAlgorithmName(DdlAlgorithm a);  // "INSTANT", "INPLACE", "COPY"
const char* DdlLockName(DdlLock l);            // "NONE", "SHARED", "EXCLUSIVE"

// One row of the online DDL tables.
enum class DdlOp {
  // Column operations.
  kAddColumn,               // appended, no default or a constant one
  kAddColumnPositioned,     // FIRST / AFTER col
  kAddColumnNotInstant,     // a case the INSTANT algorithm excludes (expression default, FULLTEXT)
  kAddAutoIncrementColumn,
  kDropColumn,
  kRenameColumn,
  kReorderColumn,
  kSetDefault,
  kDropDefault,
  kChangeType,
  kExtendVarchar,
  kModifyEnumSet,           // members appended, storage size unchanged
  kMakeNullable,
  kMakeNotNull,
  kColumnMetadata,          // MODIFY that changes nothing the row format sees (COMMENT …)
  kChangeAutoIncrementValue,
  // Generated column operations.
  kAddStoredColumn,
  kAddVirtualColumn,
  // Index operations.
  kAddIndex,
  kDropIndex,
  kAddFulltextIndex,
  kAddSpatialIndex,
  // Primary key operations.
  kAddPrimaryKey,
  kDropPrimaryKey,
  kReplacePrimaryKey,
  // Foreign key and CHECK constraint operations.
  kAddForeignKey,           // foreign_key_checks = 0
  kAddForeignKeyChecked,    // foreign_key_checks = 1 (the default)
  kDropForeignKey,
  kAddCheck,
  kDropCheck,
  // Table operations.
  kRowFormat,
  kKeyBlockSize,
  kTableStats,
  kDefaultCharset,
  kConvertCharset,
  kForceRebuild,            // FORCE, OPTIMIZE TABLE
  kNullRebuild,             // ENGINE=InnoDB on an InnoDB table
  kRebuildWithFulltext,     // FORCE / OPTIMIZE / ENGINE=InnoDB on a table with a FULLTEXT index
  kChangeEngine,            // ENGINE=<another engine>
  kEncryption,
  kOrderBy,
  kTableMetadata,           // COMMENT=, COLLATE=, other options InnoDB keeps in the dictionary
  kRenameTable,
};

// What one flavour's online DDL table says about an operation.
struct DdlSupport {
  int instant_since[3];     // first version with ALGORITHM=INSTANT; {0,0,0}: never
  bool inplace;             // ALGORITHM=INPLACE supported; false: COPY only
  bool rebuilds;            // INPLACE rebuilds the table (clustered index)
  DdlLock lock;             // the weakest LOCK the operation permits (COPY: SHARED)
};

struct OnlineDdlRow {
  DdlOp op;
  std::string_view operation;  // the row's name in the vendor table
  DdlSupport mysql;
  DdlSupport mariadb;
  std::string_view note;       // the footnote that matters, if any
};

// The whole table, one row per DdlOp (in enum order).
const std::vector<OnlineDdlRow>& OnlineDdlTable();
const OnlineDdlRow& OnlineDdlRowFor(DdlOp op);

// Session state that changes how ALTER TABLE runs: SET statements earlier in the same file.
struct MysqlSession {
  bool foreign_key_checks = true;  // SET foreign_key_checks = 0 makes ADD FOREIGN KEY in-place
  std::string alter_algorithm;     // MariaDB SET alter_algorithm = …: the default ALGORITHM
};
// Applies a change to the session (SET foreign_key_checks …); other changes leave it alone.
void UpdateMysqlSession(const Change& change, MysqlSession* session);

// One action of the statement and how the server would run it on its own.
struct DdlAction {
  DdlOp op;
  std::string table;
  std::string what;           // "ADD COLUMN full_name", "ADD FULLTEXT INDEX ft_bio"
  std::string why;            // why this row applies when it is not the obvious one; may be empty
  DdlAlgorithm algorithm;     // the best algorithm this action supports on the version
  DdlLock lock;               // the weakest lock it permits
  bool rebuilds;              // at `algorithm`
  bool inplace_rebuilds;      // when the statement runs INPLACE
  bool inplace;               // INPLACE supported
};

struct OnlineDdlPrediction {
  DdlAlgorithm algorithm = DdlAlgorithm::kInstant;
  DdlLock lock = DdlLock::kNone;
  bool rebuilds = false;
  DdlAlgorithm natural_algorithm = DdlAlgorithm::kInstant;  // without ALGORITHM=/LOCK= clauses
  DdlLock natural_lock = DdlLock::kNone;
  std::vector<DdlAction> actions;
  std::string requested_algorithm;  // ALGORITHM= clause (or MariaDB alter_algorithm), upper-case
  std::string requested_lock;       // LOCK= clause, upper-case
  bool refused = false;             // the server rejects the requested ALGORITHM/LOCK
  std::string refusal;              // why, naming the action

  bool blocks_writes() const { return !refused && (algorithm == DdlAlgorithm::kCopy || lock != DdlLock::kNone); }
  std::string Summary() const;      // "ALGORITHM=INPLACE, LOCK=NONE"
};

struct OnlineDdlContext {
  const MysqlVersion& version;
  const Schema& schema;          // before the statement
  const MysqlSession& session;   // SET statements earlier in the file
};

// The prediction for a statement, or nullopt when it holds no ALTER TABLE action, index change or
// table rename (CREATE TABLE, DML, SET …).
std::optional<OnlineDdlPrediction> PredictOnlineDdl(const std::vector<Change>& changes,
                                                     const OnlineDdlContext& ctx);

// Bytes a character takes at most in a MySQL character set ("utf8mb4" → 4); utf8mb4 when empty or
// unknown.
int MysqlBytesPerChar(std::string_view charset);

}  // namespace migrate
