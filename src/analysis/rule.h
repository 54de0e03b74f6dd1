// A lint rule: a name, a default severity, the dialects it applies to and a check function that
// looks at one statement in context. Rules are rows of one table (registry.cc); each check lives
// in src/analysis/rules/<rule_name>.cc and its reasoning in docs/rules/<rule-name>.md.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/classify.h"
#include "analysis/finding.h"
#include "analysis/mysql_online_ddl.h"
#include "analysis/settings.h"
#include "analysis/table_rebuild.h"
#include "model/migration.h"
#include "model/schema.h"

namespace migrate {

// Everything a rule may look at for one statement.
struct RuleContext {
  Dialect dialect;
  const Statement& stmt;
  const Section& section;
  bool first_in_section;                    // the first statement of its section
  const Schema& schema;                     // before this statement
  const std::set<std::string>& new_tables;  // created earlier in the current expand section
  const LintSettings& settings;
  ChangeClass statement_class;
  const ClassifyContext& classify;
  const TableRebuild* rebuild = nullptr;    // the SQLite table-rebuild recipe this statement is a step of
  // MySQL/MariaDB: the predicted online DDL of this statement (ALTER TABLE, CREATE/DROP INDEX,
  // RENAME TABLE), or nullptr (other statements, other dialects).
  const OnlineDdlPrediction* online_ddl = nullptr;

  // True unless the table was created earlier in this expand section (SPEC §2's exemption).
  // A table the replay does not know counts as existing.
  bool IsExistingTable(const std::string& table) const { return new_tables.count(table) == 0; }
};

// Collects one rule's findings; the runner fills in the rule name and severity.
class RuleOutput {
 public:
  explicit RuleOutput(SourcePos default_pos) : default_pos_(default_pos) {}
  void Report(std::string message, std::string suggestion) {
    items_.push_back({default_pos_, std::move(message), std::move(suggestion)});
  }
  void ReportAt(SourcePos pos, std::string message, std::string suggestion) {
    items_.push_back({pos, std::move(message), std::move(suggestion)});
  }
  struct Item {
    SourcePos pos;
    std::string message;
    std::string suggestion;
  };
  const std::vector<Item>& items() const { return items_; }

 private:
  SourcePos default_pos_;
  std::vector<Item> items_;
};

using CheckFn = void (*)(const RuleContext&, RuleOutput&);

enum DialectMask : unsigned { kPostgresOnly = 1u, kMysqlOnly = 2u, kSqliteOnly = 4u, kAllDialects = 7u };
bool AppliesTo(unsigned mask, Dialect d);

struct Rule {
  std::string_view name;     // kebab-case; docs/rules/<name>.md
  Severity severity;         // default severity
  unsigned dialects;         // DialectMask
  std::string_view summary;  // one line, for SARIF and `explain` listings
  CheckFn check;             // nullptr for rules the analyzer itself raises (unused-ignore)
};

const std::vector<Rule>& AllRules();
const Rule* FindRule(std::string_view name);

// Calls fn for every change of type T in the statement.
template <typename T, typename Fn>
void ForEach(const RuleContext& ctx, Fn&& fn) {
  for (const Change& c : ctx.stmt.changes) {
    if (const T* t = std::get_if<T>(&c)) fn(*t);
  }
}

}  // namespace migrate
