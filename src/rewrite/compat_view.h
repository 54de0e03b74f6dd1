// PostgreSQL compatibility schema, pgroll-style: a rename (column or table) done for real in the
// expand, with a view in the running app version's own schema that still shows the old names.
// The running version finds the view first because its search_path names that schema before the
// table's (`SET search_path = app_v1, public`, from its first deploy: a schema that does not exist
// yet is skipped by PostgreSQL); the new version's search_path names another schema and finds the
// table. The view selects every column of the table by name, the renamed one aliased, so it is
// automatically updatable: the old version reads and writes through it. No extra column, no
// trigger, no backfill. The contract drops the view and the schema.
#pragma once

#include <optional>
#include <string>

#include "rewrite/recipe.h"

namespace migrate {

// The recipe for a RenameColumn or RenameTable change, or the reason there is none (`*why`).
// input.compat_schema is the schema the running app version puts first in its search_path.
std::optional<Recipe> CompatSchemaRecipe(const RecipeInput& input, std::string* why);

}  // namespace migrate
