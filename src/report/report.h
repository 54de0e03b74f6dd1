// Reporters: render a LintReport as text (for terminals), JSON (SPEC §4, stable), SARIF 2.1.0
// (code-scanning upload) or GitHub workflow annotations. Only the report goes to stdout.
#pragma once

#include <optional>
#include <ostream>
#include <string_view>

#include "lint/lint_runner.h"

namespace migrate {

enum class OutputFormat { kText, kJson, kSarif, kGithub };
std::optional<OutputFormat> ParseOutputFormat(std::string_view name);

void WriteText(const LintReport& report, std::ostream& out, bool color);
void WriteJson(const LintReport& report, std::ostream& out);
void WriteSarif(const LintReport& report, std::ostream& out);
void WriteGithub(const LintReport& report, std::ostream& out);

inline void WriteReport(OutputFormat format, const LintReport& report, std::ostream& out, bool color) {
  switch (format) {
    case OutputFormat::kText: return WriteText(report, out, color);
    case OutputFormat::kJson: return WriteJson(report, out);
    case OutputFormat::kSarif: return WriteSarif(report, out);
    case OutputFormat::kGithub: return WriteGithub(report, out);
  }
}

}  // namespace migrate
