// Directive comments (SPEC §1): `-- migrate:expand|backfill|contract [key=value …]`,
// `-- migrate:ignore rule[,rule] reason="…"`, and dbmate's `-- migrate:up` / `-- migrate:down`.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace migrate {

enum class DirectiveKind { kUp, kDown, kExpand, kBackfill, kContract, kIgnore };

struct Directive {
  DirectiveKind kind = DirectiveKind::kExpand;
  std::map<std::string, std::string> options;  // key=value pairs, values unquoted
  std::vector<std::string> rules;              // ignore: the rules it suppresses
};

struct DirectiveError {
  size_t offset = 0;  // into the comment body
  std::string message;
};

// Parses the body of a line comment (the text after "--"). nullopt when the comment is not a
// directive at all (does not start with "migrate:").
std::optional<std::variant<Directive, DirectiveError>> ParseDirective(std::string_view body);

// True when `v` is [APP@]MAJOR[.MINOR[.PATCH]][-pre][+build].
bool IsRequiresAppValue(std::string_view v);

}  // namespace migrate
