// The loader: finds a directory's migrations (<version>_<slug>.sql, golang-migrate's .up/.down
// pairs), orders them by version, and turns a file's text into a MigrationFile: statements split
// and parsed by the dialect front end, sections and ignores read from directive comments.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/migration.h"
#include "sql/front_end.h"

namespace migrate {

struct MigrationName {
  std::string version;  // digits, as written
  std::string slug;
  bool down = false;    // <version>_<slug>.down.sql
};

// Parses "<version>_<slug>.sql" (or .up.sql / .down.sql); nullopt when the name does not match.
std::optional<MigrationName> ParseMigrationName(std::string_view filename);
// Numeric comparison of digit strings of any length: <0, 0, >0.
int CompareVersions(std::string_view a, std::string_view b);

struct PathError {
  std::string path;
  std::string message;
};

struct MigrationListing {
  std::vector<std::string> migrations;  // up files in version order
  std::vector<std::string> rollbacks;   // .down.sql files
  std::vector<PathError> errors;        // misnamed .sql files, duplicate versions
};

// Lists a migrations directory. Fails only when the directory cannot be read.
Result<MigrationListing> ListMigrationDir(const std::string& dir);

// Builds a MigrationFile from a file's text. Problems become MigrationFile::errors.
MigrationFile LoadMigration(const std::string& path, std::string_view text, const FrontEnd& front_end);
// Reads the file first; an unreadable file is reported as an input error.
MigrationFile LoadMigrationFile(const std::string& path, const FrontEnd& front_end);

}  // namespace migrate
