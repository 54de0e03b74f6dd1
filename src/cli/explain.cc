// `migrate explain RULE`: prints a rule's documentation page; `--list` lists every rule.
#include <iostream>

#include "analysis/rule.h"
#include "analysis/rule_docs.h"
#include "cli/commands.h"

namespace migrate {

Result<int> RunExplainCommand(const GlobalOptions&, const ExplainArgs& args) {
  if (args.list) {
    for (const Rule& r : AllRules()) {
      std::cout << r.name << "  (" << SeverityName(r.severity) << ")  " << r.summary << "\n";
    }
    return 0;
  }
  if (args.rule.empty()) return Status::Usage("explain needs a rule name; `migrate explain --list` lists them");
  std::string_view doc = RuleDoc(args.rule);
  if (FindRule(args.rule) == nullptr || doc.empty()) {
    return Status::Usage("unknown rule '" + args.rule + "'; `migrate explain --list` lists them");
  }
  std::cout << doc;
  if (!doc.empty() && doc.back() != '\n') std::cout << "\n";
  return 0;
}

}  // namespace migrate
