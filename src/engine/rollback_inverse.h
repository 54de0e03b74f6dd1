// The inverse of a migration's expand section, for `migrate rollback` (SPEC §3): DROP statements
// that undo what the expand statements created, in reverse order, with IF EXISTS where the
// dialect has it so that a rerun after a partial rollback succeeds. What cannot be undone
// safely (a dropped NOT NULL, a changed default, an enum value, inserted rows, CREATE … IF NOT
// EXISTS or OR REPLACE, which may have met an existing object, statements not analysed …) is
// refused with the reason and the statement's position; the engine then needs a rollback script
// or a human. Changes to a table, column or type the same expand section created need no
// inverse of their own: dropping what was created undoes them.
#pragma once

#include <string>
#include <vector>

#include "base/source.h"
#include "model/change.h"
#include "model/migration.h"

namespace migrate {

struct InverseStatement {
  std::string sql;        // one statement, without ';'
  SourcePos of;           // the expand statement it undoes
  std::string describes;  // "undoes CREATE TABLE users"
};

struct Inverse {
  std::vector<InverseStatement> statements;  // in execution order (the reverse of the file's)
  std::string refusal;                       // why the expand cannot be undone; empty when it can
  SourcePos refusal_pos;                     // the statement refused
  bool ok() const { return refusal.empty(); }
};

// The inverse of `file`'s expand sections for `dialect`. The first refusal (in file order) stops:
// statements then stays empty. A file with input errors is refused (its statements are not all
// known).
Inverse InverseOfExpand(const MigrationFile& file, Dialect dialect);

}  // namespace migrate
