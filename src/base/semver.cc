#include "base/semver.h"

#include <cctype>
#include <limits>

#include "base/strings.h"

namespace migrate {
namespace {

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// [0-9A-Za-z-]+
bool IsIdentifier(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

Status Bad(std::string_view text, const std::string& why) {
  return Status::Input("invalid semantic version \"" + std::string(text) + "\": " + why);
}

// A core number: digits, no leading zero, fits int64.
Result<int64_t> ParseNumber(std::string_view whole, std::string_view part, const char* what) {
  if (part.empty()) return Bad(whole, std::string("the ") + what + " version is empty");
  if (!IsDigits(part)) return Bad(whole, std::string("the ") + what + " version \"" + std::string(part) + "\" is not a number");
  if (part.size() > 1 && part[0] == '0') {
    return Bad(whole, std::string("the ") + what + " version \"" + std::string(part) + "\" has a leading zero");
  }
  int64_t v = 0;
  for (char c : part) {
    int d = c - '0';
    if (v > (std::numeric_limits<int64_t>::max() - d) / 10) {
      return Bad(whole, std::string("the ") + what + " version is too large");
    }
    v = v * 10 + d;
  }
  return v;
}

// Numeric identifiers of any length compare numerically (they have no leading zeros).
int CompareNumeric(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace

std::string SemVer::ToString() const {
  std::string out = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  if (!prerelease.empty()) out += "-" + Join(prerelease, ".");
  if (!build.empty()) out += "+" + build;
  return out;
}

Result<SemVer> ParseSemVer(std::string_view text) {
  std::string_view s = Trim(text);
  if (s.empty()) return Status::Input("invalid semantic version: empty");
  if (s[0] == 'v' || s[0] == 'V') s.remove_prefix(1);
  SemVer v;

  // Build metadata: after the first '+'.
  if (size_t plus = s.find('+'); plus != std::string_view::npos) {
    std::string_view build = s.substr(plus + 1);
    if (build.empty()) return Bad(text, "empty build metadata after \"+\"");
    for (const std::string& id : Split(build, '.')) {
      if (!IsIdentifier(id)) {
        return Bad(text, "build identifier \"" + id + "\" must be non-empty and only [0-9A-Za-z-]");
      }
    }
    v.build = std::string(build);
    s = s.substr(0, plus);
  }
  // Pre-release: after the first '-' (identifiers may themselves contain '-').
  if (size_t dash = s.find('-'); dash != std::string_view::npos) {
    std::string_view pre = s.substr(dash + 1);
    if (pre.empty()) return Bad(text, "empty pre-release after \"-\"");
    for (const std::string& id : Split(pre, '.')) {
      if (!IsIdentifier(id)) {
        return Bad(text, "pre-release identifier \"" + id + "\" must be non-empty and only [0-9A-Za-z-]");
      }
      if (IsDigits(id) && id.size() > 1 && id[0] == '0') {
        return Bad(text, "numeric pre-release identifier \"" + id + "\" has a leading zero");
      }
      v.prerelease.push_back(id);
    }
    s = s.substr(0, dash);
  }

  std::vector<std::string> core = Split(s, '.');
  if (core.size() > 3) return Bad(text, "more than three numbers (MAJOR.MINOR.PATCH)");
  static const char* kWhat[] = {"major", "minor", "patch"};
  int64_t* fields[] = {&v.major, &v.minor, &v.patch};
  for (size_t i = 0; i < core.size(); ++i) {
    Result<int64_t> n = ParseNumber(text, core[i], kWhat[i]);
    if (!n.ok()) return n.status();
    *fields[i] = *n;
  }
  return v;
}

int CompareSemVer(const SemVer& a, const SemVer& b) {
  if (a.major != b.major) return a.major < b.major ? -1 : 1;
  if (a.minor != b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch != b.patch) return a.patch < b.patch ? -1 : 1;
  // A pre-release has lower precedence than the release.
  if (a.prerelease.empty() || b.prerelease.empty()) {
    if (a.prerelease.empty() && b.prerelease.empty()) return 0;
    return a.prerelease.empty() ? 1 : -1;
  }
  for (size_t i = 0; i < a.prerelease.size() && i < b.prerelease.size(); ++i) {
    const std::string& x = a.prerelease[i];
    const std::string& y = b.prerelease[i];
    const bool xn = IsDigits(x), yn = IsDigits(y);
    int c = 0;
    if (xn && yn) {
      c = CompareNumeric(x, y);
    } else if (xn != yn) {
      c = xn ? -1 : 1;  // numeric identifiers sort before alphanumeric ones
    } else {
      int r = x.compare(y);  // ASCII order
      c = r < 0 ? -1 : (r > 0 ? 1 : 0);
    }
    if (c != 0) return c;
  }
  if (a.prerelease.size() == b.prerelease.size()) return 0;
  return a.prerelease.size() < b.prerelease.size() ? -1 : 1;
}

}  // namespace migrate
