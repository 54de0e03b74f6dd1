#include <string>

#include "report/report.h"

namespace migrate {
namespace {

// GitHub workflow commands: data escapes %, CR, LF; properties also ':' and ','.
std::string EscapeData(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string EscapeProperty(const std::string& s) {
  std::string out;
  for (char c : EscapeData(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

void Annotation(std::ostream& out, const char* level, const std::string& path, SourcePos pos,
                const std::string& title, const std::string& message) {
  out << "::" << level << " file=" << EscapeProperty(path) << ",line=" << pos.line << ",col=" << pos.column
      << ",title=" << EscapeProperty(title) << "::" << EscapeData(message) << "\n";
}

}  // namespace

void WriteGithub(const LintReport& report, std::ostream& out) {
  for (const FileReport& file : report.files) {
    for (const InputError& e : file.errors) Annotation(out, "error", file.path, e.pos, "migrate input error", e.message);
    for (const StatementReport& st : file.statements) {
      for (const Finding& f : st.findings) {
        std::string message = f.message;
        if (!f.suggestion.empty()) message += "\nSuggestion: " + f.suggestion;
        Annotation(out, f.severity == Severity::kError ? "error" : "warning", file.path, f.pos,
                   "migrate " + f.rule, message);
      }
    }
  }
}

}  // namespace migrate
