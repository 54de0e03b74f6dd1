// What the hand-written recursive-descent front ends (src/sql/mysql/, src/sql/sqlite/) share: a
// cursor over one statement's tokens (Lex() output) with accept/expect helpers, identifier and
// qualified-name parsing, skipping of parenthesised groups and expressions, type modifiers,
// expression capture with default-value volatility, and the first SyntaxError.
//
// Errors are sticky: the first failure is recorded (offset of the offending token, relative to
// the statement text, and what was expected) and the cursor jumps to the end, so every loop of
// the dialect parser stops on its own and later failures do not overwrite the first one.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/change.h"
#include "sql/front_end.h"
#include "sql/lexer.h"

namespace migrate {

// How a dialect's built-in functions behave in a DEFAULT expression. A call to a function in
// neither list is volatile (rand(), uuid(), user functions …).
struct FunctionVolatility {
  std::vector<std::string_view> immutable;  // deterministic: lower(), concat(), cast() …
  std::vector<std::string_view> stable;     // once per statement: now(), current_timestamp() …
  std::vector<std::string_view> stable_words;  // without parentheses: CURRENT_TIMESTAMP …
};

class ParserBase {
 public:
  ParserBase(std::string_view text, const LexerDialect& dialect);
  virtual ~ParserBase() = default;

  // Parses the whole statement: the dialect's Dispatch, then the end of input. Empty on error.
  std::vector<Change> ParseStatement();

  bool ok() const { return !error_.has_value(); }
  const std::optional<SyntaxError>& error() const { return error_; }

 protected:
  // ---- Cursor ---------------------------------------------------------------------------------
  // The token `ahead` positions from the cursor; past the end an empty kSymbol at text.size().
  const Token& Peek(size_t ahead = 0) const;
  bool AtEnd() const { return pos_ >= tokens_.size(); }
  const Token& Next();  // consumes one token (none at the end)
  size_t pos() const { return pos_; }
  void Rewind(size_t pos) { if (ok()) pos_ = pos; }

  bool IsWord(std::string_view keyword, size_t ahead = 0) const { return Peek(ahead).IsWord(keyword); }
  bool IsAnyWord(std::initializer_list<std::string_view> keywords, size_t ahead = 0) const;
  bool IsSymbol(std::string_view symbol, size_t ahead = 0) const { return Peek(ahead).IsSymbol(symbol); }
  // The keywords in sequence ("IF", "NOT", "EXISTS") start at the cursor.
  bool IsWords(std::initializer_list<std::string_view> keywords) const;

  bool AcceptWord(std::string_view keyword);
  // All of the keywords in sequence, or nothing.
  bool AcceptWords(std::initializer_list<std::string_view> keywords);
  // One of the keywords; returns it upper-cased, or "" when none is next.
  std::string AcceptAnyWord(std::initializer_list<std::string_view> keywords);
  bool AcceptSymbol(std::string_view symbol);

  void ExpectWord(std::string_view keyword);
  void ExpectWords(std::initializer_list<std::string_view> keywords);
  void ExpectSymbol(std::string_view symbol);
  void ExpectEnd();

  // Records `expected "X" but found "Y"` at the next token (first error only).
  void Fail(std::string_view expected);
  void FailAt(size_t offset, std::string message);
  // How a token is shown in messages: "\"(\"", "end of statement".
  static std::string Describe(const Token& t);

  // ---- Names ----------------------------------------------------------------------------------
  // A bare word or a quoted identifier (quotes removed). `what` names it in the error message.
  bool AtIdentifier(size_t ahead = 0) const { return Peek(ahead).IsIdentifier(); }
  std::string ParseIdentifier(std::string_view what);
  // name or schema.name (or a.b.c): the parts unquoted and joined with '.'.
  std::string ParseQualifiedName(std::string_view what);
  // "(" name, … ")": identifiers only.
  std::vector<std::string> ParseIdentifierList(std::string_view what);

  // ---- Skipping -------------------------------------------------------------------------------
  // At "(": skips to just after its matching ")". Fails at the end of the statement.
  void SkipBalanced();
  // Skips an expression: stops before ",", ";" or ")" at depth 0, before any of `stop_words` at
  // depth 0, or at the end. Returns the index of the first token after the expression.
  size_t SkipExpression(std::initializer_list<std::string_view> stop_words = {});
  // Skips to the end of the statement.
  void SkipToEnd() { if (ok()) pos_ = tokens_.size(); }
  // True when `keyword` appears at parenthesis depth 0 from the cursor on (the cursor stays).
  bool HasWordAtDepthZero(std::string_view keyword) const;

  // The source text of tokens [first, end) as written; "" when empty.
  std::string_view TextOf(size_t first, size_t end) const;
  std::string_view text() const { return text_; }
  const Token& TokenAt(size_t i) const { return i < tokens_.size() ? tokens_[i] : end_token_; }

  // ---- Types and expressions ------------------------------------------------------------------
  // "(" n [, m …] ")" with signed integers into `t->modifiers`, or quoted strings into
  // `t->values` (ENUM/SET). No-op when the next token is not "(".
  void ParseTypeModifiers(TypeName* t);
  // The expression of tokens [first, end): its text, is_null, and volatility.
  Expr MakeExpr(size_t first, size_t end, const FunctionVolatility& functions) const;
  // Skips an expression (see SkipExpression) and returns it as an Expr. Fails when it is empty.
  Expr ParseExpr(const FunctionVolatility& functions, std::initializer_list<std::string_view> stop_words = {});

  // DEFAULT's value: a literal (signed number, string(s) with an optional _charset introducer,
  // NULL, TRUE …), a bare keyword or function call (CURRENT_TIMESTAMP, NOW(6)), or "(" expr ")"
  // (the text keeps the parentheses).
  Expr ParseDefaultValue(const FunctionVolatility& functions);
  // After CHECK: "(" expr ")" as a CHECK constraint (check_text without the parentheses;
  // not_null_column when it is exactly "col IS NOT NULL").
  ConstraintDef ParseCheckBody();
  // At REFERENCES: REFERENCES table [(cols)] then any of MATCH x, ON DELETE|UPDATE action,
  // [NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE].
  ForeignKeyRef ParseReferences();
  // "(" indexed column, … ")": a name (MySQL prefix length "name(10)" keeps the name), or an
  // expression as written; each may be followed by COLLATE x and ASC|DESC.
  std::vector<std::string> ParseIndexedColumns();
  // Skips the rest of the statement, checking that its parentheses balance.
  void SkipRest();

  // A statement's leading keywords upper-cased ("CREATE SERVER"), to name what is not modelled.
  std::string LeadingWords(size_t max_words) const;

  // The dialect's statement dispatch, at the first token.
  virtual void Dispatch(std::vector<Change>* out) = 0;
  // Skips the rest of the statement and records it as not modelled / as having no schema effect.
  void Unmodelled(std::string what, std::vector<Change>* out);
  void NoEffect(std::string what, std::vector<Change>* out);
  // SAVEPOINT name / RELEASE [SAVEPOINT] name: no schema effect. MySQL requires the SAVEPOINT
  // keyword after RELEASE, SQLite does not. False when the statement is neither.
  bool ParseSavepointStatement(bool release_needs_keyword, std::vector<Change>* out);

 private:
  std::string_view text_;
  std::vector<Token> tokens_;
  Token end_token_;
  size_t pos_ = 0;
  std::optional<SyntaxError> error_;
};

// Upper-cases an ASCII word ("innodb" → "INNODB").
std::string ToUpperAscii(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace migrate
