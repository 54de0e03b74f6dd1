// The migrations directory as the engine sees it: every migration loaded, checksummed and
// analysed in version order (the same analysis as `migrate lint`), with its sections' options.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "analysis/settings.h"
#include "base/status.h"
#include "model/migration.h"

namespace migrate {

struct LoadedMigration {
  MigrationFile file;
  std::string name;      // the file name, e.g. 0002_full_name.sql
  std::string checksum;  // engine/checksum.h
  FileReport report;     // analysis against the replay of the earlier migrations

  const std::string& version() const { return file.version; }
  bool Has(SectionKind kind) const;
  // The contract section (the first one), or nullptr.
  const Section* ContractSection() const;
  // Findings of severity error, as "path:line:col: rule: message".
  std::vector<std::string> LintErrors() const;
};

struct MigrationSet {
  std::string dir;
  std::vector<LoadedMigration> migrations;  // version order
  const LoadedMigration* Find(const std::string& version) const;
};

// Loads `dir`. Misnamed files, duplicate versions and syntax or directive errors are kInput
// errors naming every file, line and column.
Result<MigrationSet> LoadMigrationSet(const std::string& dir, Dialect dialect, const LintSettings& settings);

}  // namespace migrate
