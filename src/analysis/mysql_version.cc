#include "analysis/mysql_version.h"

#include <charconv>
#include <vector>

#include "base/strings.h"

namespace migrate {

bool MysqlVersion::AtLeast(int major_at_least, int minor_at_least, int patch_at_least) const {
  if (major != major_at_least) return major > major_at_least;
  if (minor != minor_at_least) return minor > minor_at_least;
  return patch < 0 || patch >= patch_at_least;
}

std::string MysqlVersion::ToString() const {
  std::string s = std::string(is_mariadb() ? "mariadb-" : "mysql-") + std::to_string(major) + "." +
                  std::to_string(minor);
  if (patch >= 0) s += "." + std::to_string(patch);
  return s;
}

std::string MysqlVersion::DisplayName() const {
  std::string s = std::string(is_mariadb() ? "MariaDB " : "MySQL ") + std::to_string(major) + "." +
                  std::to_string(minor);
  if (patch >= 0) s += "." + std::to_string(patch);
  return s;
}

std::optional<MysqlVersion> MysqlVersion::Parse(std::string_view text) {
  const std::string lower = ToLower(Trim(text));
  MysqlVersion v;
  std::string_view rest;
  if (StartsWith(lower, "mysql-")) {
    v.flavor = MysqlFlavor::kMysql;
    rest = std::string_view(lower).substr(6);
  } else if (StartsWith(lower, "mariadb-")) {
    v.flavor = MysqlFlavor::kMariadb;
    rest = std::string_view(lower).substr(8);
  } else {
    return std::nullopt;
  }
  std::vector<std::string> parts = Split(rest, '.');
  if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
  int numbers[3] = {0, 0, -1};
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& p = parts[i];
    if (p.empty() || p.size() > 3) return std::nullopt;
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), numbers[i]);
    if (ec != std::errc() || end != p.data() + p.size()) return std::nullopt;
  }
  v.major = numbers[0];
  v.minor = numbers[1];
  v.patch = numbers[2];
  bool known = false;
  if (v.flavor == MysqlFlavor::kMysql) {
    known = (v.major == 5 && v.minor == 7) || (v.major == 8 && v.minor <= 4) || v.major == 9;
  } else {
    known = (v.major == 10 && v.minor >= 2 && v.minor <= 11) || v.major == 11 || v.major == 12;
  }
  if (!known) return std::nullopt;
  return v;
}

}  // namespace migrate
