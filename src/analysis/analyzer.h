// The analyzer: runs classification and every applicable rule over a loaded migration file,
// statement by statement against the replayed schema, applies migrate:ignore directives and
// updates the schema as it goes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/classify.h"
#include "analysis/finding.h"
#include "analysis/locks.h"
#include "analysis/settings.h"
#include "model/migration.h"
#include "model/schema.h"

namespace migrate {

struct StatementReport {
  SourcePos pos;
  SectionKind section = SectionKind::kExpand;
  ChangeClass cls = ChangeClass::kOther;
  std::optional<LockInfo> lock;
  std::vector<Finding> findings;
};

struct FileReport {
  std::string path;
  Dialect dialect = Dialect::kPostgres;
  std::vector<StatementReport> statements;
  std::vector<InputError> errors;
};

// Analyses `file` against `schema` (the replay of the migrations before it) and leaves the
// schema as it is after the file. A file with input errors is not analysed.
FileReport AnalyzeFile(const MigrationFile& file, Schema* schema, const LintSettings& settings);

// Replays a file's changes into the schema without judging them.
void ReplayFile(const MigrationFile& file, Schema* schema);

}  // namespace migrate
