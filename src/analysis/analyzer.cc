#include "analysis/analyzer.h"

#include <algorithm>

#include "analysis/rule.h"

namespace migrate {
namespace {

// Runs the rules on one statement and returns its findings, ignores applied.
std::vector<Finding> RunRules(const RuleContext& ctx, std::vector<InputError>* errors) {
  std::vector<Finding> findings;
  for (const Rule& rule : AllRules()) {
    if (rule.check == nullptr || !AppliesTo(rule.dialects, ctx.dialect)) continue;
    if (ctx.settings.disabled_rules.count(std::string(rule.name))) continue;
    if (ctx.rebuild && TableRebuild::Absorbs(rule.name)) continue;  // reported once as the recipe
    RuleOutput out(ctx.stmt.pos);
    rule.check(ctx, out);
    Severity severity = rule.severity;
    if (auto it = ctx.settings.severity_overrides.find(std::string(rule.name));
        it != ctx.settings.severity_overrides.end()) {
      severity = it->second;
    }
    for (const RuleOutput::Item& item : out.items()) {
      findings.push_back({std::string(rule.name), severity, item.pos, item.message, item.suggestion});
    }
  }

  // migrate:ignore: drop what it names; an ignore that suppressed nothing is itself reported,
  // after every ignore has been applied (so "unused-ignore" in a list can silence those reports).
  std::vector<Finding> unused;
  for (const Ignore& ig : ctx.stmt.ignores) {
    for (const std::string& name : ig.rules) {
      if (FindRule(name) == nullptr) {
        errors->push_back({ig.pos, "unknown rule '" + name + "' in migrate:ignore (see migrate explain --list)"});
        continue;
      }
      if (name == "unused-ignore") continue;
      size_t before = findings.size();
      std::erase_if(findings, [&](const Finding& f) { return f.rule == name; });
      if (findings.size() == before) {
        unused.push_back({"unused-ignore", Severity::kWarning, ig.pos,
                          "migrate:ignore " + name + " suppressed nothing: the rule did not fire on "
                              "this statement",
                          "remove the directive, or move it to the line before the statement it is for"});
      }
    }
  }
  const bool unused_silenced = ctx.settings.disabled_rules.count("unused-ignore") ||
                               std::any_of(ctx.stmt.ignores.begin(), ctx.stmt.ignores.end(), [](const Ignore& ig) {
                                 return std::find(ig.rules.begin(), ig.rules.end(), "unused-ignore") != ig.rules.end();
                               });
  if (!unused_silenced) {
    if (auto it = ctx.settings.severity_overrides.find("unused-ignore"); it != ctx.settings.severity_overrides.end()) {
      for (Finding& f : unused) f.severity = it->second;
    }
    findings.insert(findings.end(), unused.begin(), unused.end());
  }
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.column < b.pos.column;
  });
  return findings;
}

}  // namespace

FileReport AnalyzeFile(const MigrationFile& file, Schema* schema, const LintSettings& settings) {
  FileReport report;
  report.path = file.path;
  report.dialect = file.dialect;
  report.errors = file.errors;
  // A file with input errors is not analysed; a rollback script (.down.sql) is parsed only.
  if (!file.errors.empty() || file.rollback_script) return report;

  std::set<std::string> new_tables;  // created earlier in the current expand section
  int current_section = -1;
  // SQLite's table-rebuild recipe spans statements: find it first (see table_rebuild.h).
  std::vector<TableRebuild> rebuilds;
  if (file.dialect == Dialect::kSqlite) rebuilds = FindTableRebuilds(file);
  MysqlSession session;  // MySQL: SET foreign_key_checks … so far in this file
  for (const Statement& stmt : file.statements) {
    const size_t index = &stmt - file.statements.data();
    const TableRebuild* rebuild = nullptr;
    for (const TableRebuild& r : rebuilds) {
      if (r.HasStep(index)) rebuild = &r;
    }
    const Section& section = file.sections[stmt.section];
    const bool first_in_section = stmt.section != current_section;
    if (first_in_section) {
      current_section = stmt.section;
      new_tables.clear();
    }
    ClassifyContext cctx{file.dialect, *schema, new_tables};
    StatementReport sr;
    sr.pos = stmt.pos;
    sr.section = section.kind;
    sr.cls = ClassifyStatement(stmt.changes, cctx);
    sr.lock = StatementLock(stmt.changes, file.dialect, LockContext{settings, *schema, session});
    std::optional<OnlineDdlPrediction> online_ddl;
    if (file.dialect == Dialect::kMysql) {
      online_ddl = PredictOnlineDdl(stmt.changes, OnlineDdlContext{settings.mysql_version, *schema, session});
    }
    if (rebuild && !rebuild->online && rebuild->first == index) sr.cls = ChangeClass::kBreaking;
    RuleContext ctx{file.dialect, stmt,       section,  first_in_section, *schema,
                    new_tables,   settings,   sr.cls,   cctx,             rebuild,
                    online_ddl ? &*online_ddl : nullptr};
    sr.findings = RunRules(ctx, &report.errors);
    report.statements.push_back(std::move(sr));

    for (const Change& c : stmt.changes) {
      schema->Apply(c);
      UpdateMysqlSession(c, &session);
      if (section.kind != SectionKind::kExpand) continue;
      if (const auto* ct = std::get_if<CreateTable>(&c)) new_tables.insert(ct->table);
      if (const auto* dt = std::get_if<DropTable>(&c)) new_tables.erase(dt->table);
      if (const auto* rt = std::get_if<RenameTable>(&c); rt && new_tables.erase(rt->table)) {
        new_tables.insert(rt->new_name);
      }
    }
  }
  return report;
}

void ReplayFile(const MigrationFile& file, Schema* schema) {
  for (const Statement& stmt : file.statements) {
    for (const Change& c : stmt.changes) schema->Apply(c);
  }
}

}  // namespace migrate
