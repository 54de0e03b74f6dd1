// Statement splitting: cuts a migration file's text into statements at top-level semicolons,
// knowing each dialect's quotes and comments, and keeps the comments found between statements
// (section directives live there). Offsets are byte offsets into the text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migrate {

struct Comment {
  size_t begin = 0;  // offset of "--" or "/*"
  size_t end = 0;    // one past the comment (a line comment excludes its newline)
  bool line = true;  // "--" comment (false: block comment)
  // Text of a line comment after "--", or of a block comment between "/*" and "*/".
  std::string_view body;
};

struct RawStatement {
  size_t begin = 0;  // offset of the statement's first token
  size_t end = 0;    // one past its last token (the terminating ';' excluded)
  std::string_view text;                   // [begin, end)
  std::vector<Comment> leading_comments;   // comments since the previous statement
};

struct SplitError {
  size_t offset = 0;
  std::string message;
};

struct SplitResult {
  std::vector<RawStatement> statements;
  std::vector<Comment> trailing_comments;  // comments after the last statement
  std::optional<SplitError> error;         // unterminated quote or comment
};

// PostgreSQL: '…' with '' escapes, E'…' with backslash escapes, "…" identifiers, $tag$…$tag$
// bodies, -- comments, nested /* */ comments, parentheses (CREATE RULE … (a; b)) and
// BEGIN ATOMIC … END function bodies.
SplitResult SplitPostgres(std::string_view text);

}  // namespace migrate
