// The MySQL or MariaDB server a MySQL-dialect migration must run on safely: a flavour and a
// version, as written in migrate.toml's `mysql-version` ("mysql-8.0", "mysql-8.0.28",
// "mariadb-10.11"). Online DDL support differs between the two flavours and across versions, so
// the online DDL prediction (mysql_online_ddl.h) judges against this.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace migrate {

enum class MysqlFlavor { kMysql, kMariadb };

struct MysqlVersion {
  MysqlFlavor flavor = MysqlFlavor::kMysql;
  int major = 8;
  int minor = 0;
  int patch = -1;  // -1: not given, meaning the newest patch release of major.minor

  // True when this version is `major.minor.patch` or later; an unknown patch counts as newest.
  bool AtLeast(int major_at_least, int minor_at_least, int patch_at_least = 0) const;
  bool is_mariadb() const { return flavor == MysqlFlavor::kMariadb; }
  std::string ToString() const;     // "mysql-8.0", "mariadb-10.11.6": the setting's spelling
  std::string DisplayName() const;  // "MySQL 8.0", "MariaDB 10.11.6": for messages

  // Parses "mysql-X.Y[.Z]" or "mariadb-X.Y[.Z]" (case-insensitive). Accepts MySQL 5.7, 8.0–8.4
  // and 9.x, MariaDB 10.2–10.11, 11.x and 12.x; nullopt otherwise.
  static std::optional<MysqlVersion> Parse(std::string_view text);

  bool operator==(const MysqlVersion&) const = default;
};

// The default: MySQL 8.0 (its newest patch release).
inline constexpr MysqlVersion kDefaultMysqlVersion{};

}  // namespace migrate
