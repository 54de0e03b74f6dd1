#include "sql/directives.h"

#include <cctype>
#include <charconv>

#include "base/strings.h"

namespace migrate {
namespace {

struct Token {
  size_t offset;
  std::string text;  // key=value with the value's quotes removed
  std::string key;
  std::string value;
  bool has_value = false;
};

// Splits on whitespace; a value may be double-quoted and contain spaces (reason="a b").
std::variant<std::vector<Token>, DirectiveError> Tokenize(std::string_view s, size_t base) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    if (std::isspace(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    Token t;
    t.offset = base + i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != '=') t.key += s[i++];
    if (i < s.size() && s[i] == '=') {
      t.has_value = true;
      ++i;
      if (i < s.size() && s[i] == '"') {
        size_t close = s.find('"', i + 1);
        if (close == std::string_view::npos) return DirectiveError{base + i, "unterminated quoted value"};
        t.value = std::string(s.substr(i + 1, close - i - 1));
        i = close + 1;
      } else {
        while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) t.value += s[i++];
      }
    }
    t.text = t.key + (t.has_value ? "=" + t.value : "");
    out.push_back(std::move(t));
  }
  return out;
}

bool IsPositiveInt(std::string_view v) {
  if (v.empty()) return false;
  long long n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  return ec == std::errc() && p == v.data() + v.size() && n > 0;
}

bool IsIdentifierList(std::string_view v) {
  if (v.empty()) return false;
  for (const std::string& part : Split(v, ',')) {
    if (part.empty()) return false;
    for (char c : part) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '$')) return false;
    }
  }
  return true;
}

}  // namespace

bool IsRequiresAppValue(std::string_view v) {
  size_t at = v.rfind('@');
  if (at != std::string_view::npos) {
    if (at == 0) return false;
    v = v.substr(at + 1);
  }
  size_t end = v.find_first_of("-+");
  std::string_view core = v.substr(0, end);
  if (core.empty()) return false;
  std::vector<std::string> parts = Split(core, '.');
  if (parts.size() > 3) return false;
  for (const std::string& p : parts) {
    if (p.empty()) return false;
    for (char c : p) if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return end == std::string_view::npos || end + 1 < v.size();
}

std::optional<std::variant<Directive, DirectiveError>> ParseDirective(std::string_view body) {
  size_t start = 0;
  while (start < body.size() && (body[start] == ' ' || body[start] == '\t')) ++start;
  std::string_view rest = body.substr(start);
  if (!StartsWith(rest, "migrate:")) return std::nullopt;
  size_t name_begin = start + 8;
  size_t name_end = name_begin;
  while (name_end < body.size() && !std::isspace(static_cast<unsigned char>(body[name_end]))) ++name_end;
  std::string name(body.substr(name_begin, name_end - name_begin));

  auto tokens_or = Tokenize(body.substr(name_end), name_end);
  if (auto* err = std::get_if<DirectiveError>(&tokens_or)) return *err;
  std::vector<Token> tokens = std::get<std::vector<Token>>(std::move(tokens_or));

  Directive d;
  if (name == "up" || name == "down") {
    d.kind = name == "up" ? DirectiveKind::kUp : DirectiveKind::kDown;
    for (const Token& t : tokens) {
      // dbmate's own option: transaction:false / transaction:true.
      if (t.text != "transaction:false" && t.text != "transaction:true") {
        return DirectiveError{t.offset, "unknown option '" + t.text + "' for migrate:" + name};
      }
      d.options["transaction"] = t.text.substr(12);
    }
    return d;
  }
  if (name == "ignore") {
    d.kind = DirectiveKind::kIgnore;
    if (tokens.empty() || tokens[0].has_value) {
      return DirectiveError{name_end, "migrate:ignore needs a rule list: -- migrate:ignore <rule>[,<rule>] reason=\"…\""};
    }
    for (const std::string& rule : Split(tokens[0].key, ',')) {
      if (rule.empty()) return DirectiveError{tokens[0].offset, "empty rule name in migrate:ignore"};
      d.rules.push_back(rule);
    }
    for (size_t i = 1; i < tokens.size(); ++i) {
      if (tokens[i].key != "reason" || !tokens[i].has_value) {
        return DirectiveError{tokens[i].offset, "unknown option '" + tokens[i].text + "' for migrate:ignore"};
      }
      d.options["reason"] = tokens[i].value;
    }
    if (Trim(d.options["reason"]).empty()) {
      return DirectiveError{name_end, "migrate:ignore needs a reason: reason=\"why this is safe\""};
    }
    return d;
  }

  if (name == "expand") {
    d.kind = DirectiveKind::kExpand;
  } else if (name == "backfill") {
    d.kind = DirectiveKind::kBackfill;
  } else if (name == "contract") {
    d.kind = DirectiveKind::kContract;
  } else {
    return DirectiveError{name_begin,
                          "unknown directive 'migrate:" + name +
                              "' (known: expand, backfill, contract, ignore, up, down)"};
  }
  for (const Token& t : tokens) {
    if (!t.has_value) return DirectiveError{t.offset, "option '" + t.key + "' needs a value: key=value"};
    bool ok = false;
    if (d.kind == DirectiveKind::kBackfill) {
      if (t.key == "batch") {
        if (!IsPositiveInt(t.value)) return DirectiveError{t.offset, "batch must be a positive integer, got '" + t.value + "'"};
        ok = true;
      } else if (t.key == "table" || t.key == "key") {
        if (!IsIdentifierList(t.value) || (t.key == "table" && t.value.find(',') != std::string::npos)) {
          return DirectiveError{t.offset, "invalid " + t.key + " '" + t.value + "'"};
        }
        ok = true;
      }
    } else if (d.kind == DirectiveKind::kContract && t.key == "requires-app") {
      if (!IsRequiresAppValue(t.value)) {
        return DirectiveError{t.offset, "requires-app must be [APP@]VERSION (semver), got '" + t.value + "'"};
      }
      ok = true;
    }
    if (!ok) return DirectiveError{t.offset, "unknown option '" + t.key + "' for migrate:" + name};
    if (d.options.count(t.key)) return DirectiveError{t.offset, "option '" + t.key + "' given twice"};
    d.options[t.key] = t.value;
  }
  return d;
}

}  // namespace migrate
