// The rule documentation pages (docs/rules/<rule>.md), embedded into the binary at build time
// so `migrate explain` and the SARIF reporter work from any directory.
#pragma once

#include <string_view>
#include <vector>

namespace migrate {

// The page of a rule, or an empty view when there is none.
std::string_view RuleDoc(std::string_view rule);
// Names of all embedded pages.
std::vector<std::string_view> DocumentedRules();

}  // namespace migrate
