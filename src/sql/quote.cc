#include "sql/quote.h"

namespace migrate {
namespace {

char CloseOf(char open) { return open == '[' ? ']' : open; }

bool IsQuote(char c) { return c == '"' || c == '`' || c == '['; }

// One part of a qualified name with its quotes removed; every quoted run is unquoted in place.
std::string Unquote(std::string_view part) {
  std::string out;
  size_t i = 0;
  while (i < part.size()) {
    char c = part[i];
    if (!IsQuote(c)) {
      out += c;
      ++i;
      continue;
    }
    const char close = CloseOf(c);
    ++i;
    while (i < part.size()) {
      if (part[i] == close) {
        if (close != ']' && i + 1 < part.size() && part[i + 1] == close) {
          out += close;
          i += 2;
          continue;
        }
        ++i;
        break;
      }
      out += part[i++];
    }
  }
  return out;
}

}  // namespace

std::string QuoteIdentifier(Dialect dialect, std::string_view name) {
  const char q = dialect == Dialect::kMysql ? '`' : '"';
  std::string out;
  out.reserve(name.size() + 2);
  out += q;
  for (char c : name) {
    out += c;
    if (c == q) out += q;
  }
  out += q;
  return out;
}

std::vector<std::string> SplitQualifiedName(std::string_view name) {
  std::vector<std::string> parts;
  size_t start = 0;
  size_t i = 0;
  while (i <= name.size()) {
    if (i == name.size() || name[i] == '.') {
      parts.push_back(Unquote(name.substr(start, i - start)));
      start = i + 1;
      ++i;
      continue;
    }
    if (IsQuote(name[i])) {
      const char close = CloseOf(name[i]);
      ++i;
      while (i < name.size()) {
        if (name[i] == close) {
          if (close != ']' && i + 1 < name.size() && name[i + 1] == close) {
            i += 2;
            continue;
          }
          break;
        }
        ++i;
      }
      if (i < name.size()) ++i;  // past the closing quote (an unterminated one runs to the end)
      continue;
    }
    ++i;
  }
  return parts;
}

std::string UnqualifiedName(std::string_view name) {
  std::vector<std::string> parts = SplitQualifiedName(name);
  return parts.empty() ? std::string(name) : parts.back();
}

std::string QuoteQualifiedName(Dialect dialect, std::string_view name) {
  if (name.empty()) return "";
  std::string out;
  for (const std::string& part : SplitQualifiedName(name)) {
    if (!out.empty()) out += '.';
    out += QuoteIdentifier(dialect, part);
  }
  return out;
}

std::string QuoteLiteral(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    out += c;
    if (c == '\'') out += '\'';
  }
  out += '\'';
  return out;
}

std::string QuoteLiteral(Dialect dialect, std::string_view value) {
  if (dialect != Dialect::kMysql) return QuoteLiteral(value);
  std::string out = "'";
  for (char c : value) {
    out += c;
    if (c == '\'' || c == '\\') out += c;
  }
  out += '\'';
  return out;
}

}  // namespace migrate
