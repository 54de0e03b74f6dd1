#include "rewrite/rewrite.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "base/strings.h"
#include "engine/loader.h"
#include "rewrite/recipe.h"
#include "rewrite/sqlite_rebuild.h"
#include "sql/front_end.h"

namespace migrate {
namespace {

// Rules that only say a statement is in the wrong section.
bool IsPlacementRule(const std::string& rule) {
  return rule == "contract-outside-contract-section" || rule == "backfill-outside-backfill-section" ||
         rule == "contract-without-requires-app";
}

// One piece of a section's output: a statement, or statements that run as one transaction.
struct Piece {
  std::vector<RecipeStatement> statements;
  bool atomic = false;
  std::vector<Ignore> ignores;  // a kept statement's own migrate:ignore lines
};

struct Sections {
  std::vector<Piece> expand, backfill, contract;
  std::vector<Piece>& Of(SectionKind k) {
    return k == SectionKind::kExpand ? expand : k == SectionKind::kBackfill ? backfill : contract;
  }
};

void Append(std::vector<Piece>* to, const std::vector<RecipeStatement>& statements, bool atomic) {
  if (statements.empty()) return;
  if (atomic) {
    to->push_back({statements, true, {}});
    return;
  }
  for (const RecipeStatement& s : statements) to->push_back({{s}, false, {}});
}

std::string IgnoreLine(const std::string& rule, const std::string& reason) {
  std::string r = reason;
  std::replace(r.begin(), r.end(), '"', '\'');
  return "-- migrate:ignore " + rule + " reason=\"" + r + "\"\n";
}

void Emit(std::string* out, const std::vector<Piece>& pieces) {
  for (const Piece& p : pieces) {
    if (p.atomic) *out += "BEGIN;\n";
    for (const Ignore& ig : p.ignores) *out += IgnoreLine(Join(ig.rules, ","), ig.reason);
    for (const RecipeStatement& s : p.statements) {
      if (!s.ignore.empty()) *out += IgnoreLine(s.ignore, s.reason);
      *out += s.sql + ";\n";
    }
    if (p.atomic) *out += "COMMIT;\n";
  }
}

// A comment line (or lines) from free text.
std::string SqlComment(const std::string& text) {
  std::string out = "-- ";
  for (char ch : text) {
    out += ch;
    if (ch == '\n') out += "-- ";
  }
  return out + "\n";
}

const StatementReport* ReportAt(const FileReport& report, const SourcePos& pos) {
  for (const StatementReport& s : report.statements) {
    if (s.pos.line == pos.line && s.pos.column == pos.column) return &s;
  }
  return nullptr;
}

// SQLite: the statements that need a table rebuild, one rebuild per table (its first statement
// carries the recipe, the others join it). Empty on the other dialects.
struct RebuildGroups {
  std::map<size_t, std::vector<size_t>> rebuilds;  // first statement → the statements of its rebuild
  std::map<size_t, size_t> joined;                 // a later statement → the first of its rebuild
  std::map<size_t, std::string> not_joined;        // a statement that cannot join its table's rebuild → why
};

RebuildGroups GroupSqliteRebuilds(const MigrationFile& file) {
  RebuildGroups g;
  if (file.dialect != Dialect::kSqlite) return g;
  std::map<std::string, size_t> open;  // table → first statement of its rebuild
  for (size_t i = 0; i < file.statements.size(); ++i) {
    const Statement& st = file.statements[i];
    if (st.changes.size() != 1 || !NeedsSqliteRebuild(st.changes[0])) {
      for (const Change& c : st.changes) {
        const std::string target = TargetTable(c);
        if (open.count(target)) open[target] = static_cast<size_t>(-1);  // touched in between: closed
      }
      continue;
    }
    const std::string table = TargetTable(st.changes[0]);
    auto it = open.find(table);
    if (it == open.end()) {
      open[table] = i;
      g.rebuilds[i] = {i};
    } else if (it->second == static_cast<size_t>(-1)) {
      g.not_joined[i] = "a second rebuild of " + table + " in one file (another statement on " + table +
                        " comes between): put the changes together, or in separate migrations";
    } else {
      g.rebuilds[it->second].push_back(i);
      g.joined[i] = it->second;
    }
  }
  return g;
}

}  // namespace

Result<RewriteResult> RewriteMigration(const MigrationFile& file, const Schema& before, const RewriteOptions& options) {
  if (!file.errors.empty()) {
    return Status::Input(file.path + ":" + std::to_string(file.errors[0].pos.line) + ":" +
                         std::to_string(file.errors[0].pos.column) + ": " + file.errors[0].message);
  }
  Schema analysed = before;
  const FileReport report = AnalyzeFile(file, &analysed, options.lint);

  RewriteResult result;
  Sections out;
  Schema schema = before;  // before each statement
  std::string requires_app = options.requires_app;
  std::optional<int64_t> batch;
  for (const Section& section : file.sections) {
    if (section.kind == SectionKind::kContract && requires_app.empty()) requires_app = section.requires_app;
    if (section.kind == SectionKind::kBackfill && section.batch) batch = section.batch;
  }

  const RebuildGroups groups = GroupSqliteRebuilds(file);
  const auto& [rebuilds, joined, not_joined] = groups;
  std::set<size_t> rebuilt;  // first statements whose rebuild was written
  std::vector<const Statement*> history_statements;
  for (const MigrationFile& h : options.history) {
    for (const Statement& st : h.statements) history_statements.push_back(&st);
  }

  for (size_t index = 0; index < file.statements.size(); ++index) {
    const Statement& stmt = file.statements[index];
    const SectionKind kind = file.sections.empty() ? SectionKind::kExpand : file.sections[stmt.section].kind;
    const StatementReport* sr = ReportAt(report, stmt.pos);
    std::vector<Finding> errors;
    if (sr) {
      for (const Finding& f : sr->findings) {
        if (f.severity == Severity::kError) errors.push_back(f);
      }
    }
    auto keep = [&](SectionKind where) { out.Of(where).push_back({{{stmt.text}}, false, stmt.ignores}); };
    // The recipe's statements into their sections, and the report line.
    auto emit = [&](const Recipe& recipe) {
      Append(&out.expand, recipe.expand, recipe.expand_atomic);
      Append(&out.backfill, recipe.backfill, false);
      Append(&out.contract, recipe.contract, false);
      Append(&out.contract, recipe.contract_swap, true);
      Append(&out.contract, recipe.contract_after, false);
      result.rewritten.push_back({stmt.pos, recipe.summary, recipe.notes});
    };
    const bool placement_only =
        !errors.empty() && std::all_of(errors.begin(), errors.end(), [](const Finding& f) { return IsPlacementRule(f.rule); });
    if (auto j = joined.find(index); j != joined.end()) {
      const size_t first = j->second;
      if (rebuilt.count(first)) {
        result.rewritten.push_back({stmt.pos, "part of the rebuild at line " + std::to_string(file.statements[first].pos.line), {}});
      } else {
        keep(kind);
        result.left.push_back({stmt.pos, "its table's rebuild (line " + std::to_string(file.statements[first].pos.line) +
                                         ") was not written", {}});
      }
    } else if (auto nj = not_joined.find(index); nj != not_joined.end()) {
      keep(kind);
      result.left.push_back({stmt.pos, nj->second, {}});
    } else if (rebuilds.count(index)) {
      std::vector<SqliteRebuildPart> parts;
      for (size_t k : rebuilds.at(index)) parts.push_back({&file.statements[k], &file.statements[k].changes[0]});
      SqliteRebuildInput input{TargetTable(stmt.changes[0]), parts, schema, history_statements};
      for (size_t k = 0; k < index; ++k) input.prior.push_back(&file.statements[k]);
      std::string why;
      std::optional<Recipe> recipe = stmt.in_transaction_block ? std::nullopt : SqliteRebuildRecipe(input, &why);
      if (stmt.in_transaction_block) why = "inside BEGIN … COMMIT: the recipe's steps need transactions of their own";
      if (!recipe) {
        keep(kind);
        result.left.push_back({stmt.pos, why, {}});
      } else {
        emit(*recipe);
        rebuilt.insert(index);
      }
    } else if (errors.empty()) {
      keep(kind);
    } else if (placement_only && sr) {
      const SectionKind where = sr->cls == ChangeClass::kContract   ? SectionKind::kContract
                                : sr->cls == ChangeClass::kBackfill ? SectionKind::kBackfill
                                                                    : kind;
      keep(where);
      result.moved.push_back({stmt.pos, std::string("moved to the ") + SectionKindName(where) + " section", {}});
    } else if (stmt.changes.size() != 1) {
      keep(kind);
      result.left.push_back({stmt.pos, "one statement with several actions: split it into one ALTER per action, "
                                       "then rewrite again", {}});
    } else if (stmt.in_transaction_block) {
      keep(kind);
      result.left.push_back({stmt.pos, "inside BEGIN … COMMIT: the recipe's steps need transactions of their own", {}});
    } else {
      std::string why;
      std::optional<Recipe> recipe = MakeRecipe({file.dialect, stmt, stmt.changes[0], schema, errors, options.compat_schema}, &why);
      if (!recipe) {
        keep(kind);
        result.left.push_back({stmt.pos, why, {}});
      } else {
        emit(*recipe);
      }
    }
    for (const Change& c : stmt.changes) schema.Apply(c);
  }

  if (!out.contract.empty() && requires_app.empty()) {
    return Status::Usage(file.path + ": the rewrite has a contract section, which needs the app version that no "
                         "longer uses what it removes: pass --requires-app VERSION");
  }

  std::string text = "-- Rewritten by `migrate rewrite` into expand / backfill / contract form (docs/recipes.md).\n";
  for (const RewriteItem& item : result.rewritten) {
    text += SqlComment("line " + std::to_string(item.pos.line) + ": " + item.what);
    for (const std::string& note : item.notes) text += SqlComment("  note: " + note);
  }
  for (const RewriteItem& item : result.left) {
    text += SqlComment("line " + std::to_string(item.pos.line) + ": left as it was: " + item.what);
  }
  if (!out.expand.empty()) {
    text += "\n-- migrate:expand\n";
    Emit(&text, out.expand);
  }
  if (!out.backfill.empty()) {
    text += "\n-- migrate:backfill" + (batch ? " batch=" + std::to_string(*batch) : std::string()) + "\n";
    Emit(&text, out.backfill);
  }
  if (!out.contract.empty()) {
    text += "\n-- migrate:contract requires-app=" + requires_app + "\n";
    Emit(&text, out.contract);
  }
  result.text = text;

  // The proof: the rewritten file, linted against the same history.
  std::unique_ptr<FrontEnd> fe = MakeFrontEnd(file.dialect);
  if (fe) {
    MigrationFile again = LoadMigration(file.path, result.text, *fe);
    Schema replay = before;
    result.after = AnalyzeFile(again, &replay, options.lint);
    result.after_errors = static_cast<int>(result.after.errors.size());
    for (const StatementReport& s : result.after.statements) {
      for (const Finding& f : s.findings) result.after_errors += f.severity == Severity::kError ? 1 : 0;
    }
  }
  return result;
}

}  // namespace migrate
