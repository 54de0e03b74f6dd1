#include "sql/lexer.h"

#include <cctype>

#include "sql/lexer_scanner.h"

namespace migrate {

bool Token::IsWord(std::string_view keyword) const {
  if (kind != TokenKind::kWord || text.size() != keyword.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(text[i])) != std::toupper(static_cast<unsigned char>(keyword[i])))
      return false;
  }
  return true;
}

bool Token::IsSymbol(std::string_view symbol) const { return kind == TokenKind::kSymbol && text == symbol; }

std::string Token::Identifier() const {
  if (kind != TokenKind::kQuotedIdent || text.size() < 2) return std::string(text);
  char open = text.front();
  char close = open == '[' ? ']' : open;
  std::string out;
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    out += text[i];
    if (text[i] == close && close != ']' && i + 2 < text.size() && text[i + 1] == close) ++i;
  }
  return out;
}

std::string Token::StringValue(bool backslash_escapes) const {
  std::string_view t = text;
  // Prefixes: N'…', X'…', B'…' (the value is returned as written for hex and bit strings).
  if (!t.empty() && t.front() != '\'' && t.front() != '"') t.remove_prefix(1);
  if (t.size() < 2) return std::string(t);
  char q = t.front();
  std::string out;
  for (size_t i = 1; i + 1 < t.size(); ++i) {
    char c = t[i];
    if (backslash_escapes && c == '\\' && i + 2 < t.size()) {
      char n = t[++i];
      switch (n) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case '0': out += '\0'; break;
        default: out += n; break;
      }
      continue;
    }
    out += c;
    if (c == q && i + 2 < t.size() && t[i + 1] == q) ++i;
  }
  return out;
}

LexerDialect MysqlLexerDialect() {
  LexerDialect d;
  d.hash_comments = true;
  d.dash_comment_needs_space = true;
  d.versioned_comments = true;
  d.backslash_escapes = true;
  d.double_quote_is_string = true;
  d.backtick_idents = true;
  return d;
}

LexerDialect SqliteLexerDialect() {
  LexerDialect d;
  d.backtick_idents = true;
  d.bracket_idents = true;
  return d;
}

LexResult Lex(std::string_view text, const LexerDialect& dialect) {
  LexResult out;
  Scanner scanner(text, dialect);
  while (true) {
    scanner.SkipTrivia(&out.comments);
    if (scanner.error()) break;
    std::optional<Token> t = scanner.Next();
    if (!t) break;
    out.tokens.push_back(*t);
  }
  out.error = scanner.error();
  return out;
}

}  // namespace migrate
