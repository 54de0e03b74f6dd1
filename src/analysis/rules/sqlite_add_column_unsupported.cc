#include <cctype>

#include "analysis/rules/rules.h"
#include "base/strings.h"

namespace migrate::rules {
namespace {

// A literal SQLite can store as the default of existing rows: a number (signed), a string, a
// blob, NULL, TRUE or FALSE.
bool IsLiteral(std::string_view t) {
  t = Trim(t);
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) t = Trim(t.substr(1));
  if (t.empty()) return false;
  const std::string lower = ToLower(t);
  if (lower == "null" || lower == "true" || lower == "false") return true;
  if (lower.size() >= 3 && lower[0] == 'x' && lower[1] == '\'' && lower.back() == '\'') return true;
  if (t.size() >= 2 && t.front() == '\'' && t.back() == '\'') {
    // One string: every quote inside is doubled.
    for (size_t i = 1; i + 1 < t.size(); ++i) {
      if (t[i] == '\'' && t[++i] != '\'') return false;
    }
    return true;
  }
  return lower.find_first_not_of("0123456789abcdefx.e+-_") == std::string::npos &&
         std::isdigit(static_cast<unsigned char>(lower[0])) != 0;
}

// CURRENT_TIME, CURRENT_DATE, CURRENT_TIMESTAMP, or an expression in parentheses that is not a
// plain literal: SQLite cannot compute it once for the rows the table already has.
bool IsNonConstantDefault(const Expr& e) {
  std::string t = ToLower(Trim(e.text));
  if (t == "current_time" || t == "current_date" || t == "current_timestamp") return true;
  if (t.empty() || t.front() != '(') return false;
  while (t.size() >= 2 && t.front() == '(' && t.back() == ')') t = std::string(Trim(t.substr(1, t.size() - 2)));
  return !IsLiteral(t);
}

}  // namespace

void CheckSqliteAddColumnUnsupported(const RuleContext& ctx, RuleOutput& out) {
  ForEach<AddColumn>(ctx, [&](const AddColumn& c) {
    const ColumnDef& col = c.column;
    const std::string& t = c.table;
    const std::string add = "ALTER TABLE " + t + " ADD COLUMN " + col.name + " " + col.type.ToString();
    std::vector<std::string> why, fix;
    // Refused whatever the table holds.
    if (col.primary_key) {
      why.push_back("SQLite cannot add a PRIMARY KEY column");
      fix.push_back("a new PRIMARY KEY needs a table rebuild spread over expand, backfill and contract "
                    "(see sqlite-table-rebuild)");
    }
    if (col.unique) {
      why.push_back("SQLite cannot add a UNIQUE column");
      fix.push_back(add + "; then CREATE UNIQUE INDEX " + t + "_" + col.name + "_key ON " + t + " (" + col.name +
                    "), which enforces the same rule (it blocks writers while it builds)");
    }
    // Refused on a table that has rows; a table created earlier in this expand section has none.
    if (ctx.IsExistingTable(t)) {
      const bool has_default = col.default_value && !col.default_value->is_null;
      if (col.generated == Generated::kStored) {
        why.push_back("SQLite cannot add a STORED generated column to a table that has rows");
        fix.push_back("add it VIRTUAL (computed when read; ADD COLUMN accepts it), or as a plain column "
                      "that a backfill section fills and triggers keep current");
      } else if (has_default && col.generated == Generated::kNone && IsNonConstantDefault(*col.default_value)) {
        why.push_back("its DEFAULT " + col.default_value->text + " is not a constant, and SQLite refuses "
                      "that on a table that has rows");
        fix.push_back(add + " (no DEFAULT, or a constant one); backfill: UPDATE " + t + " SET " + col.name +
                      " = " + col.default_value->text + " WHERE " + col.name + " IS NULL in batches; new rows "
                      "get the value from the app or an AFTER INSERT trigger");
      }
      if (col.references && has_default && col.generated == Generated::kNone) {
        why.push_back("it has REFERENCES and a non-NULL DEFAULT, which SQLite refuses on a table that has "
                      "rows while foreign keys are enforced");
        fix.push_back("add it with REFERENCES " + col.references->table + " and no DEFAULT, then fill it in a "
                      "backfill section");
      }
    }
    if (why.empty()) return;
    out.Report("ALTER TABLE " + t + " ADD COLUMN " + col.name + " fails: " + Join(why, "; ") +
                   ", so the migration stops here",
               Join(fix, "; "));
  });
}

}  // namespace migrate::rules
