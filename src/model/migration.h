// A loaded migration file: its name parts, sections (from directives), statements with their
// Changes and source positions, and the input errors that stopped its analysis.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/source.h"
#include "model/change.h"

namespace migrate {

enum class SectionKind { kExpand, kBackfill, kContract };
const char* SectionKindName(SectionKind k);  // "expand", "backfill", "contract"

struct Section {
  SectionKind kind = SectionKind::kExpand;
  SourcePos pos;                      // of the directive (1:1 for an implicit section)
  bool implicit = false;              // no directive: the whole file is one expand section
  std::optional<int64_t> batch;       // backfill batch=N
  std::string table;                  // backfill table=T
  std::vector<std::string> key;       // backfill key=a,b
  std::string requires_app;           // contract requires-app=[APP@]VERSION, as written
};

// `-- migrate:ignore rule[,rule] reason="…"` attached to the next statement.
struct Ignore {
  std::vector<std::string> rules;
  std::string reason;
  SourcePos pos;
};

struct Statement {
  std::string text;        // without the terminating ';'
  size_t offset = 0;       // byte offset of the first token in the file
  SourcePos pos;           // line/column of the first token
  int section = 0;         // index into MigrationFile::sections
  bool in_transaction_block = false;  // between an explicit BEGIN and COMMIT/ROLLBACK
  std::vector<Change> changes;
  std::vector<Ignore> ignores;
};

struct InputError {
  SourcePos pos;
  std::string message;
};

struct MigrationFile {
  std::string path;
  std::string version;     // digits; empty when the name does not follow <version>_<slug>.sql
  std::string slug;
  bool rollback_script = false;   // <version>_<slug>.down.sql: parsed, not classified
  Dialect dialect = Dialect::kPostgres;
  std::vector<Section> sections;
  std::vector<Statement> statements;          // the migration (dbmate: after migrate:up)
  std::vector<Statement> rollback_statements; // dbmate's migrate:down part: parsed, not classified
  std::vector<InputError> errors;             // syntax and directive errors
};

}  // namespace migrate
