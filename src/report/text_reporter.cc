#include "report/report.h"

#include <string>

namespace migrate {
namespace {

struct Palette {
  const char* error = "";
  const char* warning = "";
  const char* dim = "";
  const char* bold = "";
  const char* reset = "";
};

Palette MakePalette(bool color) {
  if (!color) return {};
  return {"\033[31m", "\033[33m", "\033[2m", "\033[1m", "\033[0m"};
}

std::string Plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

std::optional<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "text") return OutputFormat::kText;
  if (name == "json") return OutputFormat::kJson;
  if (name == "sarif") return OutputFormat::kSarif;
  if (name == "github") return OutputFormat::kGithub;
  return std::nullopt;
}

void WriteText(const LintReport& report, std::ostream& out, bool color) {
  const Palette p = MakePalette(color);
  for (const FileReport& file : report.files) {
    for (const InputError& e : file.errors) {
      out << p.bold << file.path << ":" << e.pos.line << ":" << e.pos.column << ":" << p.reset << " "
          << p.error << "error" << p.reset << ": " << e.message << "\n";
    }
    for (const StatementReport& st : file.statements) {
      for (const Finding& f : st.findings) {
        const bool err = f.severity == Severity::kError;
        out << p.bold << file.path << ":" << f.pos.line << ":" << f.pos.column << ":" << p.reset << " "
            << (err ? p.error : p.warning) << SeverityName(f.severity) << "[" << f.rule << "]" << p.reset
            << ": " << f.message << "\n";
        if (!f.suggestion.empty()) {
          out << "  " << p.dim << "suggestion:" << p.reset << " ";
          for (char c : f.suggestion) {
            out << c;
            if (c == '\n') out << "  ";
          }
          out << "\n";
        }
      }
    }
  }
  const LintSummary& s = report.summary;
  out << Plural(s.files, "file") << ", " << Plural(s.statements, "statement") << ": "
      << Plural(s.errors, "error") << ", " << Plural(s.warnings, "warning");
  if (s.input_errors) out << ", " << Plural(s.input_errors, "input error");
  out << "\n";
}

}  // namespace migrate
