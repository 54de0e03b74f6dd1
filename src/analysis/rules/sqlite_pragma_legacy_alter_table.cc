#include "analysis/rules/rules.h"
#include "base/strings.h"

namespace migrate::rules {

void CheckSqlitePragmaLegacyAlterTable(const RuleContext& ctx, RuleOutput& out) {
  ForEach<Pragma>(ctx, [&](const Pragma& p) {
    std::string name = ToLower(p.name);
    if (size_t dot = name.rfind('.'); dot != std::string::npos) name = name.substr(dot + 1);
    if (name != "legacy_alter_table") return;
    std::string value = ToLower(Trim(p.value));
    std::erase_if(value, [](char ch) { return ch == '\'' || ch == '"'; });
    if (value != "on" && value != "1" && value != "true" && value != "yes") return;  // reading or turning it off
    out.Report("PRAGMA legacy_alter_table = " + std::string(Trim(p.value)) + " makes every later ALTER TABLE … "
                   "RENAME on this connection, in this migration and the ones after it, leave the references "
                   "in trigger bodies and views (and, with foreign keys off, in REFERENCES clauses) to the old "
                   "name, which then no longer exists: the app's writes that fire those triggers and its "
                   "queries of those views fail",
               "remove the PRAGMA. Rebuild a table in the order SQLite documents, which needs no legacy "
               "behaviour: CREATE TABLE new_x …; copy; DROP TABLE x; ALTER TABLE new_x RENAME TO x, spread "
               "over expand, backfill and contract (see sqlite-table-rebuild); recreate triggers and views "
               "that must change with CREATE TRIGGER / CREATE VIEW");
  });
}

}  // namespace migrate::rules
