#include "engine/migrator_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstring>
#include <functional>

namespace migrate {
namespace {

constexpr Millis kPoll{250};

// Who holds the PostgreSQL advisory lock: pid, application_name, client address, since when.
std::string PostgresHolder(Connection& conn) {
  Result<Rows> r = conn.Query(
      "SELECT a.pid::text, coalesce(a.application_name, ''), coalesce(host(a.client_addr), 'local'),"
      " to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS TZ') FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
      " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ?::bigint::oid AND l.objid = ?::bigint::oid"
      " AND l.objsubid = 1 LIMIT 1",
      {std::to_string(static_cast<uint64_t>(kPostgresLockKey) >> 32),
       std::to_string(static_cast<uint64_t>(kPostgresLockKey) & 0xffffffffULL)});
  if (!r.ok() || r->rows.empty()) return "another migrate session";
  const auto& v = r->rows[0];
  return "backend pid " + v[0].value_or("?") + " (application_name '" + v[1].value_or("") + "', client " +
         v[2].value_or("?") + ", connected " + v[3].value_or("?") + ")";
}

std::string MysqlHolder(Connection& conn, const std::string& name) {
  Result<Rows> r = conn.Query(
      "SELECT p.ID, p.USER, p.HOST FROM information_schema.PROCESSLIST p WHERE p.ID = IS_USED_LOCK(?)", {name});
  if (!r.ok() || r->rows.empty()) return "another migrate session";
  const auto& v = r->rows[0];
  return "connection " + v[0].value_or("?") + " (" + v[1].value_or("?") + "@" + v[2].value_or("?") + ")";
}

std::string FileHolder(int fd) {
  char buf[512] = {0};
  ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
  std::string text = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text.empty() ? "another migrate process" : text;
}

}  // namespace

Result<std::unique_ptr<MigratorLock>> MigratorLock::Acquire(const DatabaseUrl& url, Connection* conn, Millis wait,
                                                            Clock& clock, CancelToken* cancel) {
  std::unique_ptr<MigratorLock> lock(new MigratorLock());
  const int64_t deadline = clock.NowMillis() + wait.count();
  std::string what;
  if (url.dialect == Dialect::kSqlite) {
    if (url.path == ":memory:") return lock;  // a private database: nobody else can migrate it
    std::string path = url.path + ".migrate-lock";
    lock->fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock->fd_ < 0) return Status::Io("cannot open the lock file " + path + ": " + std::strerror(errno));
    what = "the lock file " + path;
  } else {
    lock->conn_ = conn;
    // MySQL lock names are at most 64 characters: long database names are shortened with a hash.
    lock->mysql_name_ = "migrate:" + url.database;
    if (lock->mysql_name_.size() > 64) {
      lock->mysql_name_ = lock->mysql_name_.substr(0, 47) + ":" +
                          std::to_string(std::hash<std::string>{}(url.database) % 10'000'000'000'000'000ULL);
    }
    what = url.dialect == Dialect::kPostgres ? "the migrator advisory lock" : "the migrator lock (GET_LOCK)";
  }
  while (true) {
    bool acquired = false;
    if (url.dialect == Dialect::kSqlite) {
      acquired = flock(lock->fd_, LOCK_EX | LOCK_NB) == 0;
      if (acquired) {
        char host[256] = {0};
        gethostname(host, sizeof(host) - 1);
        std::string who = "migrate pid " + std::to_string(getpid()) + " on " + host + " since " +
                          std::to_string(clock.NowSeconds()) + " (unix time)\n";
        if (ftruncate(lock->fd_, 0) == 0) (void)!pwrite(lock->fd_, who.data(), who.size(), 0);
      }
    } else {
      Result<Rows> r = url.dialect == Dialect::kPostgres
                           ? conn->Query("SELECT pg_try_advisory_lock(?::bigint)::int", {std::to_string(kPostgresLockKey)})
                           : conn->Query("SELECT GET_LOCK(?, 0)", {lock->mysql_name_});
      if (!r.ok()) return r.status();
      acquired = !r->rows.empty() && r->rows[0][0].value_or("0") == "1";
      if (!acquired) lock->conn_ = nullptr;  // nothing to release yet
      else lock->conn_ = conn;
    }
    if (acquired) return lock;
    if (clock.NowMillis() >= deadline) {
      std::string holder = url.dialect == Dialect::kPostgres ? PostgresHolder(*conn)
                           : url.dialect == Dialect::kMysql  ? MysqlHolder(*conn, lock->mysql_name_)
                                                             : FileHolder(lock->fd_);
      return Status::LockBusy("another migrator holds " + what + ": " + holder + "; gave up after " +
                              FormatDuration(wait) + " (--lock-wait)");
    }
    if (!clock.SleepFor(std::min<Millis>(kPoll, Millis(deadline - clock.NowMillis())), cancel)) {
      return Status::Cancelled("cancelled while waiting for " + what);
    }
  }
}

MigratorLock::~MigratorLock() {
  if (fd_ >= 0) {
    flock(fd_, LOCK_UN);
    close(fd_);
  }
  if (conn_) {
    if (conn_->dialect() == Dialect::kPostgres) {
      (void)conn_->Execute("SELECT pg_advisory_unlock(?::bigint)", {std::to_string(kPostgresLockKey)});
    } else {
      (void)conn_->Execute("SELECT RELEASE_LOCK(?)", {mysql_name_});
    }
  }
}

}  // namespace migrate
