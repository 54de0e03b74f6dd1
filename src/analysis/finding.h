// A lint finding: a rule's verdict on one statement, with where, why and the safe alternative.
#pragma once

#include <string>

#include "base/source.h"

namespace migrate {

enum class Severity { kWarning, kError };
const char* SeverityName(Severity s);  // "warning", "error"

struct Finding {
  std::string rule;
  Severity severity = Severity::kError;
  SourcePos pos;
  std::string message;
  std::string suggestion;
};

}  // namespace migrate
