#include "engine/migration_set.h"

#include <filesystem>

#include "base/strings.h"
#include "engine/checksum.h"
#include "engine/loader.h"
#include "model/schema.h"
#include "sql/front_end.h"

namespace migrate {

bool LoadedMigration::Has(SectionKind kind) const {
  for (const Statement& s : file.statements) {
    if (file.sections[s.section].kind == kind) return true;
  }
  return false;
}

const Section* LoadedMigration::ContractSection() const {
  for (const Section& s : file.sections) {
    if (s.kind == SectionKind::kContract) return &s;
  }
  return nullptr;
}

std::vector<std::string> LoadedMigration::LintErrors() const {
  std::vector<std::string> out;
  for (const StatementReport& sr : report.statements) {
    for (const Finding& f : sr.findings) {
      if (f.severity != Severity::kError) continue;
      out.push_back(file.path + ":" + std::to_string(f.pos.line) + ":" + std::to_string(f.pos.column) + ": " + f.rule +
                    ": " + f.message);
    }
  }
  return out;
}

const LoadedMigration* MigrationSet::Find(const std::string& version) const {
  for (const LoadedMigration& m : migrations) {
    if (CompareVersions(m.version(), version) == 0) return &m;
  }
  return nullptr;
}

Result<MigrationSet> LoadMigrationSet(const std::string& dir, Dialect dialect, const LintSettings& settings) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Status::Input(dir + ": migrations directory not found (set --dir or `dir` in migrate.toml)");
  }
  Result<MigrationListing> listing = ListMigrationDir(dir);
  if (!listing.ok()) return listing.status();
  std::vector<std::string> errors;
  for (const PathError& e : listing->errors) errors.push_back(e.path + ": " + e.message);
  std::unique_ptr<FrontEnd> front_end = MakeFrontEnd(dialect);
  MigrationSet set;
  set.dir = dir;
  Schema schema;
  for (const std::string& path : listing->migrations) {
    std::string text;
    LoadedMigration m;
    m.name = std::filesystem::path(path).filename().string();
    if (!ReadFile(path, &text)) {
      errors.push_back(path + ": cannot read file");
      continue;
    }
    m.checksum = MigrationChecksum(text);
    m.file = LoadMigration(path, text, *front_end);
    for (const InputError& e : m.file.errors) {
      errors.push_back(path + ":" + std::to_string(e.pos.line) + ":" + std::to_string(e.pos.column) + ": " + e.message);
    }
    m.report = AnalyzeFile(m.file, &schema, settings);
    for (const InputError& e : m.report.errors) {
      if (m.file.errors.empty()) {
        errors.push_back(path + ":" + std::to_string(e.pos.line) + ":" + std::to_string(e.pos.column) + ": " + e.message);
      }
    }
    set.migrations.push_back(std::move(m));
  }
  if (!errors.empty()) return Status::Input("cannot load the migrations:\n  " + Join(errors, "\n  "));
  return set;
}

}  // namespace migrate
