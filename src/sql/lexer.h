// The tokenizer shared by the hand-written front ends (MySQL/MariaDB and SQLite): one pass over
// the text yielding tokens with byte offsets, and the comments between them. Dialect differences
// (quote characters, escapes, comment forms) are flags in LexerDialect.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/splitter.h"

namespace migrate {

enum class TokenKind {
  kWord,         // keyword or bare identifier: users, SELECT, _x1
  kQuotedIdent,  // `x`, "x" (where double quotes are identifiers), [x]
  kString,       // 'x', and "x" where double quotes are strings (MySQL default)
  kNumber,       // 42, 4.2, 1e3, 0x1F
  kVariable,     // @x, @@session.x, ?, :name, $1
  kSymbol,       // ( ) , ; . = operators; multi-character operators are one token (<=, ||, :=)
};

struct Token {
  TokenKind kind = TokenKind::kSymbol;
  size_t begin = 0;
  size_t end = 0;
  std::string_view text;  // [begin, end) of the source

  bool IsWord(std::string_view keyword) const;   // a kWord equal to `keyword`, ignoring case
  bool IsSymbol(std::string_view symbol) const;  // a kSymbol equal to `symbol`
  bool IsIdentifier() const { return kind == TokenKind::kWord || kind == TokenKind::kQuotedIdent; }
  // The identifier's name: quotes removed and doubled quotes undone; words as written.
  std::string Identifier() const;
  // A string literal's value with quotes removed and escapes undone.
  std::string StringValue(bool backslash_escapes) const;
};

struct LexerDialect {
  bool hash_comments = false;         // MySQL: # to end of line
  bool dash_comment_needs_space = false;  // MySQL: "--" starts a comment only before whitespace
  bool versioned_comments = false;    // MySQL: /*! … */ and /*!50001 … */ hold SQL
  bool backslash_escapes = false;     // MySQL: \' inside strings
  bool double_quote_is_string = false;  // MySQL (without ANSI_QUOTES): "x" is a string
  bool backtick_idents = false;       // MySQL, SQLite
  bool bracket_idents = false;        // SQLite: [x]
};

LexerDialect MysqlLexerDialect();
LexerDialect SqliteLexerDialect();

struct LexResult {
  std::vector<Token> tokens;
  std::vector<Comment> comments;    // in text order
  std::optional<SplitError> error;  // unterminated quote or comment (tokens up to it are kept)
};

// Tokenizes `text` (a whole file or one statement).
LexResult Lex(std::string_view text, const LexerDialect& dialect);

// Splitters on top of the lexer (declared here beside SplitPostgres's header for discoverability).
// MySQL: DELIMITER lines change the terminator; BEGIN … END bodies of CREATE PROCEDURE, FUNCTION,
// TRIGGER and EVENT (with nested BEGIN/CASE/IF/LOOP/WHILE/REPEAT … END) are not cut at ';'.
SplitResult SplitMysql(std::string_view text);
// SQLite: CREATE TRIGGER … BEGIN … END bodies (with CASE … END inside) are not cut at ';'.
SplitResult SplitSqlite(std::string_view text);

}  // namespace migrate
