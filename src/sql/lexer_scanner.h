// The character-level scanner behind Lex() and the MySQL/SQLite splitters: skips whitespace and
// comments, and reads one token at a time from a position the caller can inspect (the MySQL
// splitter checks for DELIMITER lines and custom delimiters between tokens).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "sql/lexer.h"

namespace migrate {

class Scanner {
 public:
  Scanner(std::string_view text, const LexerDialect& dialect) : s_(text), d_(dialect) {}

  // Skips whitespace and comments, appending the comments to `comments` (may be nullptr).
  void SkipTrivia(std::vector<Comment>* comments);
  // The next token, or nullopt at the end of the text or on an error.
  std::optional<Token> Next();

  size_t pos() const { return pos_; }
  void set_pos(size_t pos) { pos_ = pos; }
  bool AtEnd() const { return pos_ >= s_.size(); }
  std::string_view text() const { return s_; }
  const std::optional<SplitError>& error() const { return error_; }

 private:
  bool StartsLineComment() const;
  size_t SkipQuoted(size_t i, char close, bool backslash) const;

  std::string_view s_;
  LexerDialect d_;
  size_t pos_ = 0;
  int versioned_depth_ = 0;  // open /*! … */ comments whose content is being read as SQL
  std::optional<SplitError> error_;
};

}  // namespace migrate
