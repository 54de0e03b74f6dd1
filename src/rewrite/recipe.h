// A recipe: the expand / backfill / contract statements that do what one breaking or locking
// statement meant, the online way. One function per kind of change (recipes.cc); each either
// returns its recipe or says why it cannot (then the statement is left as it was, and reported).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/finding.h"
#include "model/migration.h"
#include "model/schema.h"

namespace migrate {

// One generated statement, without ';'. `ignore` (a rule name) adds a migrate:ignore line before
// it, with `reason`: for the rare statement that is safe here though its rule cannot tell.
struct RecipeStatement {
  std::string sql;
  std::string ignore;
  std::string reason;
};

struct Recipe {
  std::vector<RecipeStatement> expand;
  bool expand_atomic = false;  // the expand statements run as one transaction (BEGIN … COMMIT)
  std::vector<RecipeStatement> backfill;
  std::vector<RecipeStatement> contract;
  // After `contract`: statements that must run as one transaction (emitted between BEGIN and
  // COMMIT), e.g. the swap at the end of a type change.
  std::vector<RecipeStatement> contract_swap;
  // After the swap's COMMIT, one statement each (e.g. a connection setting put back).
  std::vector<RecipeStatement> contract_after;
  std::string summary;              // "rename column users.name to full_name: new column, sync triggers, …"
  std::vector<std::string> notes;   // what the user must know or do (printed on stderr, and as comments)
};

struct RecipeInput {
  Dialect dialect;
  const Statement& statement;
  const Change& change;
  const Schema& schema;              // before the statement
  const std::vector<Finding>& findings;  // the statement's error findings
  // PostgreSQL, rename column/table: the schema the running app version puts first in its
  // search_path; the rename then keeps the old name in a view there (compat_view.h). Empty: the
  // dual-write recipes.
  std::string compat_schema;
};

// The recipe for the statement's change, or the reason there is none (`*why`).
std::optional<Recipe> MakeRecipe(const RecipeInput& input, std::string* why);

}  // namespace migrate
