#include "analysis/rules/rules.h"
#include "base/strings.h"

namespace migrate::rules {

void CheckSqlitePragmaForeignKeys(const RuleContext& ctx, RuleOutput& out) {
  ForEach<Pragma>(ctx, [&](const Pragma& p) {
    std::string name = ToLower(p.name);
    if (size_t dot = name.rfind('.'); dot != std::string::npos) name = name.substr(dot + 1);
    if (name != "foreign_keys" || Trim(p.value).empty()) return;  // reading it is harmless
    std::string value = ToLower(Trim(p.value));
    std::erase_if(value, [](char ch) { return ch == '\'' || ch == '"'; });
    const bool off = value == "off" || value == "0" || value == "false" || value == "no";
    out.Report("PRAGMA foreign_keys = " + std::string(Trim(p.value)) + " does nothing inside a transaction, and "
                   "migrate runs each migration in one: foreign keys stay " +
                   (off ? "enforced if the connection enforces them, so a DROP TABLE later in the migration "
                          "first deletes every row, fires ON DELETE CASCADE / SET NULL on the tables that "
                          "reference it, or fails"
                        : "as the connection had them: nothing was turned on"),
               "remove the PRAGMA: whether foreign keys are enforced is settled when migrate opens its "
               "connection, before the transaction. While they are, a table that other tables reference "
               "cannot be swapped by a rebuild (its DROP fails, even with defer_foreign_keys, or deletes or "
               "nulls the referencing rows): change such a table column by column instead (expand: ADD "
               "COLUMN; backfill; contract: DROP COLUMN)");
  });
}

}  // namespace migrate::rules
