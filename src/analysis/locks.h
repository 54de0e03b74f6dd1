// The lock a statement takes (and on MySQL/MariaDB, its online DDL algorithm), as reported in
// lint's JSON and by plan. PostgreSQL levels follow the "Explicit Locking" table of its docs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/change.h"

namespace migrate {

struct LockInfo {
  std::string level;      // e.g. "ACCESS EXCLUSIVE"
  std::string algorithm;  // MySQL/MariaDB online DDL algorithm; empty elsewhere
};

// The strongest lock among the statement's changes, or nullopt when it takes none worth naming.
std::optional<LockInfo> StatementLock(const std::vector<Change>& changes, Dialect dialect);

}  // namespace migrate
