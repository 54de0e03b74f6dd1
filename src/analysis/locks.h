// The lock a statement takes (and on MySQL/MariaDB, its online DDL algorithm), as reported in
// lint's JSON and by plan. PostgreSQL levels follow the "Explicit Locking" table of its docs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/mysql_online_ddl.h"
#include "analysis/settings.h"
#include "model/change.h"
#include "model/schema.h"

namespace migrate {

struct LockInfo {
  std::string level;      // e.g. "ACCESS EXCLUSIVE"; MySQL/MariaDB: "NONE", "SHARED", "EXCLUSIVE"
  std::string algorithm;  // MySQL/MariaDB online DDL algorithm; empty elsewhere
};

// What the lock of a statement depends on besides its changes.
struct LockContext {
  const LintSettings& settings;  // mysql_version: the MySQL/MariaDB flavour and version
  const Schema& schema;          // before the statement
  const MysqlSession& session;   // MySQL: SET foreign_key_checks … earlier in the file
};

// The strongest lock among the statement's changes, or nullopt when it takes none worth naming.
// MySQL/MariaDB: the predicted online DDL LOCK and ALGORITHM (mysql_online_ddl.h) of ALTER TABLE,
// CREATE/DROP INDEX and RENAME TABLE; nullopt for other statements and for statements the server
// would refuse (an ALGORITHM=/LOCK= it cannot honour).
std::optional<LockInfo> StatementLock(const std::vector<Change>& changes, Dialect dialect, const LockContext& ctx);

}  // namespace migrate
