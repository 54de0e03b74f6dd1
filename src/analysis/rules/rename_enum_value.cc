#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckRenameEnumValue(const RuleContext& ctx, RuleOutput& out) {
  ForEach<RenameEnumValue>(ctx, [&](const RenameEnumValue& c) {
    out.Report("renaming value '" + c.value + "' of type " + c.type + " to '" + c.new_value +
                   "' breaks the running app, which still writes and compares '" + c.value + "'",
               "expand: ALTER TYPE " + c.type + " ADD VALUE '" + c.new_value + "'; backfill: UPDATE rows "
                   "from '" + c.value + "' to '" + c.new_value + "' in batches once the app writes '" +
                   c.new_value + "'; keep '" + c.value + "' (PostgreSQL cannot drop an enum value "
                   "without recreating the type)");
  });
}

}  // namespace migrate::rules
