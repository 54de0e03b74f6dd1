#include <cctype>

#include "analysis/rules/rules.h"
#include "base/strings.h"

namespace migrate::rules {
namespace {

// Whether SQL text (a CHECK or an index expression) names the column: an identifier token equal
// to it, bare or quoted ("c", `c`, [c]), ignoring case; string literals are skipped.
bool MentionsColumn(std::string_view text, const std::string& column) {
  const std::string want = ToLower(column);
  auto ident_char = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '$'; };
  for (size_t i = 0; i < text.size();) {
    const char ch = text[i];
    if (ch == '\'') {  // string literal, '' inside
      for (++i; i < text.size(); ++i) {
        if (text[i] == '\'' && (i + 1 >= text.size() || text[i + 1] != '\'')) break;
        if (text[i] == '\'') ++i;
      }
      ++i;
    } else if (ch == '"' || ch == '`' || ch == '[') {
      const char close = ch == '[' ? ']' : ch;
      size_t end = text.find(close, i + 1);
      if (end == std::string_view::npos) end = text.size();
      if (ToLower(text.substr(i + 1, end - i - 1)) == want) return true;
      i = end + 1;
    } else if (ident_char(ch)) {
      size_t end = i;
      while (end < text.size() && ident_char(text[end])) ++end;
      // A column of this table, not "other.col" of another one.
      const bool qualified_by_other = i > 0 && text[i - 1] == '.';
      if (!qualified_by_other && ToLower(text.substr(i, end - i)) == want) return true;
      i = end;
    } else {
      ++i;
    }
  }
  return false;
}

bool Lists(const std::vector<std::string>& columns, const std::string& column) {
  for (const std::string& c : columns) {
    if (ToLower(c) == ToLower(column)) return true;
  }
  return false;
}

}  // namespace

void CheckSqliteDropColumnUnsupported(const RuleContext& ctx, RuleOutput& out) {
  ForEach<DropColumn>(ctx, [&](const DropColumn& c) {
    const Table* table = ctx.schema.FindTable(c.table);
    if (table == nullptr || table->FindColumn(c.column) == nullptr) return;  // unknown shape
    std::vector<std::string> why;
    std::vector<std::string> drop_first;  // what can go before the column
    bool needs_rebuild = false;          // a part of the table definition that ALTER TABLE cannot drop
    for (const Constraint& k : table->constraints) {
      const ConstraintDef& d = k.def;
      std::string reason;
      switch (d.kind) {
        case ConstraintKind::kPrimaryKey:
          if (Lists(d.columns, c.column)) reason = "it is the PRIMARY KEY or part of it";
          break;
        case ConstraintKind::kUnique:
          if (Lists(d.columns, c.column)) reason = "it has a UNIQUE constraint";
          break;
        case ConstraintKind::kForeignKey:
          // REFERENCES written on the column itself goes with it; a table FOREIGN KEY blocks.
          if (ToLower(k.column) != ToLower(c.column) && Lists(d.columns, c.column)) {
            reason = "it has a FOREIGN KEY (REFERENCES " + (d.references ? d.references->table : "…") + ")";
          }
          break;
        case ConstraintKind::kCheck:
          // A CHECK written on the column itself goes with it; any other CHECK naming it blocks.
          if (ToLower(k.column) != ToLower(c.column) && MentionsColumn(d.check_text, c.column)) {
            reason = "CHECK (" + d.check_text + ") names it";
          }
          break;
        case ConstraintKind::kExclusion:
          break;
      }
      if (reason.empty()) continue;
      why.push_back(reason);
      needs_rebuild = true;
    }
    for (const Index* index : ctx.schema.IndexesOn(table->name)) {
      for (const std::string& key : index->columns) {
        if (!MentionsColumn(key, c.column)) continue;
        why.push_back("index " + index->name + " uses it");
        drop_first.push_back("DROP INDEX " + index->name);
        break;
      }
    }
    if (why.empty()) return;
    std::string suggestion;
    if (!drop_first.empty()) {
      suggestion = "first " + Join(drop_first, "; ") + " (in the same contract section)";
    }
    if (needs_rebuild) {
      if (!suggestion.empty()) suggestion += "; ";
      suggestion += "ALTER TABLE cannot remove that constraint: rebuild " + table->name + " without " + c.column +
                    " instead, spread over expand (CREATE TABLE new_" + table->name + " and sync triggers), "
                    "backfill (copy the rows in batches) and contract (DROP TABLE " + table->name + "; ALTER TABLE new_" +
                    table->name + " RENAME TO " + table->name + "); see sqlite-table-rebuild";
    }
    out.Report("ALTER TABLE " + c.table + " DROP COLUMN " + c.column + " fails on SQLite: " + Join(why, "; ") +
                   ". Views, triggers and generated columns that name it make it fail too",
               suggestion);
  });
}

}  // namespace migrate::rules
