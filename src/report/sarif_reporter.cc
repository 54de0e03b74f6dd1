#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

#include "analysis/rule.h"
#include "analysis/rule_docs.h"
#include "base/version.h"
#include "report/report.h"

namespace migrate {
namespace {

using nlohmann::ordered_json;

// A URI reference for a path (RFC 3986): relative paths stay relative, absolute ones become
// file:// URIs; characters outside the unreserved set and '/' are percent-encoded.
std::string PathToUri(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = !path.empty() && path[0] == '/' ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

ordered_json Location(const std::string& path, SourcePos pos) {
  return {{"physicalLocation",
           {{"artifactLocation", {{"uri", PathToUri(path)}}},
            {"region", {{"startLine", pos.line}, {"startColumn", pos.column}}}}}};
}

}  // namespace

void WriteSarif(const LintReport& report, std::ostream& out) {
  ordered_json rules = ordered_json::array();
  std::map<std::string, int> index;
  for (const Rule& r : AllRules()) {
    index[std::string(r.name)] = static_cast<int>(rules.size());
    std::string doc(RuleDoc(r.name));
    rules.push_back({{"id", r.name},
                     {"name", r.name},
                     {"shortDescription", {{"text", r.summary}}},
                     {"fullDescription", {{"text", r.summary}}},
                     {"help", {{"text", doc}, {"markdown", doc}}},
                     {"defaultConfiguration", {{"level", SeverityName(r.severity)}}}});
  }
  ordered_json results = ordered_json::array();
  ordered_json notifications = ordered_json::array();
  for (const FileReport& file : report.files) {
    for (const InputError& e : file.errors) {
      notifications.push_back({{"level", "error"},
                               {"message", {{"text", e.message}}},
                               {"locations", ordered_json::array({Location(file.path, e.pos)})}});
    }
    for (const StatementReport& st : file.statements) {
      for (const Finding& f : st.findings) {
        std::string text = f.message;
        if (!f.suggestion.empty()) text += "\nSuggestion: " + f.suggestion;
        results.push_back({{"ruleId", f.rule},
                           {"ruleIndex", index[f.rule]},
                           {"level", SeverityName(f.severity)},
                           {"message", {{"text", text}}},
                           {"locations", ordered_json::array({Location(file.path, f.pos)})}});
      }
    }
  }
  ordered_json run = {
      {"tool",
       {{"driver",
         {{"name", "migrate"},
          {"version", kMigrateVersion},
          {"rules", std::move(rules)}}}}},
      {"invocations",
       ordered_json::array({{{"executionSuccessful", report.summary.input_errors == 0},
                             {"toolExecutionNotifications", std::move(notifications)}}})},
      {"results", std::move(results)}};
  ordered_json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                      {"version", "2.1.0"},
                      {"runs", ordered_json::array({std::move(run)})}};
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace migrate
