#include <nlohmann/json.hpp>

#include "report/report.h"

namespace migrate {

void WriteJson(const LintReport& report, std::ostream& out) {
  using nlohmann::ordered_json;
  ordered_json files = ordered_json::array();
  for (const FileReport& file : report.files) {
    ordered_json statements = ordered_json::array();
    for (const StatementReport& st : file.statements) {
      ordered_json s;
      s["line"] = st.pos.line;
      s["column"] = st.pos.column;
      s["section"] = SectionKindName(st.section);
      s["class"] = ChangeClassName(st.cls);
      if (st.lock) {
        s["lock"] = {{"level", st.lock->level},
                     {"algorithm", st.lock->algorithm.empty() ? ordered_json(nullptr)
                                                              : ordered_json(st.lock->algorithm)}};
      }
      ordered_json findings = ordered_json::array();
      for (const Finding& f : st.findings) {
        findings.push_back({{"rule", f.rule},
                            {"severity", SeverityName(f.severity)},
                            {"line", f.pos.line},
                            {"column", f.pos.column},
                            {"message", f.message},
                            {"suggestion", f.suggestion}});
      }
      s["findings"] = std::move(findings);
      statements.push_back(std::move(s));
    }
    ordered_json errors = ordered_json::array();
    for (const InputError& e : file.errors) {
      errors.push_back({{"line", e.pos.line}, {"column", e.pos.column}, {"message", e.message}});
    }
    files.push_back({{"path", file.path},
                     {"dialect", DialectName(file.dialect)},
                     {"statements", std::move(statements)},
                     {"errors", std::move(errors)}});
  }
  const LintSummary& sum = report.summary;
  ordered_json doc = {{"files", std::move(files)},
                      {"summary",
                       {{"files", sum.files},
                        {"statements", sum.statements},
                        {"errors", sum.errors},
                        {"warnings", sum.warnings},
                        {"input_errors", sum.input_errors}}}};
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace migrate
