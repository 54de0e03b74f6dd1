// One migrator at a time (SPEC §5). PostgreSQL: a session advisory lock, polled with
// pg_try_advisory_lock on a connection of its own (connect directly, not through a
// transaction-pooling PgBouncer: it breaks session locks). MySQL/MariaDB: GET_LOCK on its own
// connection. SQLite: an exclusive flock on "<database>.migrate-lock" beside the database file,
// never a long write transaction, so apps keep writing. Released by the destructor (and by the
// server or the kernel if the process dies).
#pragma once

#include <memory>
#include <string>

#include "base/duration.h"
#include "base/status.h"
#include "drivers/driver.h"
#include "engine/clock.h"

namespace migrate {

class MigratorLock {
 public:
  // Waits up to `wait`, polling; kLockBusy naming the holder when it is not acquired in time.
  // `conn` is a dedicated connection (unused for SQLite; may be null there).
  static Result<std::unique_ptr<MigratorLock>> Acquire(const DatabaseUrl& url, Connection* conn, Millis wait,
                                                       Clock& clock, CancelToken* cancel);
  ~MigratorLock();
  MigratorLock(const MigratorLock&) = delete;
  MigratorLock& operator=(const MigratorLock&) = delete;

 private:
  MigratorLock() = default;
  Connection* conn_ = nullptr;
  std::string mysql_name_;
  int fd_ = -1;
};

// The advisory lock key migrate uses on PostgreSQL (the bytes of "migrate\0" as an int64).
inline constexpr int64_t kPostgresLockKey = 0x6d69677261746500;

}  // namespace migrate
