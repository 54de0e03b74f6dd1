// Semantic versions (https://semver.org, 2.0.0): the app versions the contract gate compares.
// Parsing is strict about the identifiers semver allows, with two conveniences for versions as
// people write them: a leading "v" ("v2.0.0") and a shortened core ("2" is 2.0.0, "2.1" is
// 2.1.0). Precedence follows semver §11: build metadata is ignored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace migrate {

struct SemVer {
  int64_t major = 0;
  int64_t minor = 0;
  int64_t patch = 0;
  std::vector<std::string> prerelease;  // "rc.1" → {"rc", "1"}; empty for a release
  std::string build;                    // after "+", as written; ignored by precedence
  // "1.2.3", "1.2.3-rc.1", "1.2.3-rc.1+build.5" (always three core numbers, no "v").
  std::string ToString() const;
};

// Parses "1.2.3", "v1.2.3-rc.1+sha.abc", "2", "2.1". Errors (Status::Input) name the problem:
// empty or non-numeric parts, leading zeros, empty or invalid identifiers, numbers over int64.
Result<SemVer> ParseSemVer(std::string_view text);

// Precedence: <0 when a < b, 0 when equal (build metadata ignored), >0 when a > b.
int CompareSemVer(const SemVer& a, const SemVer& b);

}  // namespace migrate
