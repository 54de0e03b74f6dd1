// SplitMysql and SplitSqlite: statement splitting on top of the shared Scanner.
#include <cctype>
#include <string>

#include "sql/lexer.h"
#include "sql/lexer_scanner.h"

namespace migrate {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

// Tracks BEGIN … END nesting inside a routine or trigger body, so ';' there does not end the
// statement. Openers: BEGIN (not at the statement start) and CASE; END closes one unless it is
// END IF / END LOOP / END WHILE / END REPEAT (their openers are not counted); END CASE closes a
// CASE statement.
class BlockTracker {
 public:
  explicit BlockTracker(bool mysql) : mysql_(mysql) {}

  void Reset() {
    words_ = 0;
    routine_ = false;
    depth_ = 0;
    after_end_ = false;
    first_word_create_ = false;
  }

  void OnToken(const Token& t) {
    const bool is_word = t.kind == TokenKind::kWord;
    if (words_ == 0) first_word_create_ = t.IsWord("CREATE");
    ++words_;
    if (!routine_) {
      // CREATE [DEFINER=… | OR REPLACE | TEMP …] PROCEDURE|FUNCTION|TRIGGER|EVENT …: the keyword
      // must come before any "(" or object word (CREATE TABLE event … is not an event).
      if (t.IsSymbol("(") || t.IsWord("TABLE") || t.IsWord("INDEX") || t.IsWord("VIEW") ||
          t.IsWord("DATABASE") || t.IsWord("SCHEMA") || t.IsWord("USER") || t.IsWord("ROLE")) {
        first_word_create_ = false;
      }
      if (first_word_create_ && words_ <= 12 && is_word &&
          (t.IsWord("TRIGGER") || (mysql_ && (t.IsWord("PROCEDURE") || t.IsWord("FUNCTION") ||
                                              t.IsWord("EVENT"))))) {
        routine_ = true;
      }
      return;
    }
    if (after_end_) {
      after_end_ = false;
      if (t.IsWord("IF") || t.IsWord("LOOP") || t.IsWord("WHILE") || t.IsWord("REPEAT")) {
        ++depth_;  // undo the decrement: END IF closes an uncounted opener
        return;
      }
      if (t.IsWord("CASE")) return;  // END CASE closes the CASE counted below
    }
    if (t.IsWord("BEGIN") || t.IsWord("CASE")) {
      ++depth_;
    } else if (t.IsWord("END")) {
      if (depth_ > 0) --depth_;
      after_end_ = true;
    }
  }

  // True while inside a body (a ';' does not end the statement).
  bool InBody() const { return depth_ > 0; }

 private:
  bool mysql_;
  int words_ = 0;
  bool first_word_create_ = false;
  bool routine_ = false;
  int depth_ = 0;
  bool after_end_ = false;
};

SplitResult SplitWithScanner(std::string_view text, const LexerDialect& dialect, bool mysql) {
  SplitResult out;
  Scanner scanner(text, dialect);
  std::string delimiter = ";";
  BlockTracker blocks(mysql);
  std::vector<Comment> pending;
  size_t stmt_begin = std::string_view::npos;
  size_t last_end = 0;

  auto finish = [&] {
    if (stmt_begin != std::string_view::npos) {
      out.statements.push_back({stmt_begin, last_end, text.substr(stmt_begin, last_end - stmt_begin),
                                std::move(pending)});
      pending.clear();
    }
    stmt_begin = std::string_view::npos;
    blocks.Reset();
  };

  while (true) {
    scanner.SkipTrivia(stmt_begin == std::string_view::npos ? &pending : nullptr);
    if (scanner.error()) {
      out.error = scanner.error();
      return out;
    }
    if (scanner.AtEnd()) break;
    size_t at = scanner.pos();
    // MySQL client command: DELIMITER <string> on a line of its own, at a statement boundary.
    if (mysql && stmt_begin == std::string_view::npos && at + 9 < text.size() &&
        EqualsIgnoreCase(text.substr(at, 9), "DELIMITER") && (text[at + 9] == ' ' || text[at + 9] == '\t')) {
      size_t eol = text.find('\n', at);
      if (eol == std::string_view::npos) eol = text.size();
      std::string_view rest = text.substr(at + 10, eol - at - 10);
      size_t b = rest.find_first_not_of(" \t");
      size_t e = rest.find_last_not_of(" \t\r");
      if (b != std::string_view::npos) {
        delimiter = std::string(rest.substr(b, e - b + 1));
        scanner.set_pos(eol);
        continue;
      }
    }
    // The statement terminator: ';' (outside bodies) or the custom delimiter.
    if (delimiter != ";" && text.substr(at, delimiter.size()) == delimiter) {
      scanner.set_pos(at + delimiter.size());
      finish();
      continue;
    }
    std::optional<Token> t = scanner.Next();
    if (!t) {
      if (scanner.error()) {
        out.error = scanner.error();
        return out;
      }
      break;
    }
    if (delimiter != ";" && t->kind != TokenKind::kString && t->kind != TokenKind::kQuotedIdent) {
      // The client looks for a custom delimiter character by character: END$$ ends at "$$"
      // although "$" may continue a word.
      size_t k = t->text.find(delimiter);
      if (k != std::string_view::npos && k > 0) {
        t->end = t->begin + k;
        t->text = t->text.substr(0, k);
        scanner.set_pos(t->end);
      }
    }
    if (delimiter == ";" && t->IsSymbol(";") && !blocks.InBody()) {
      finish();
      continue;
    }
    if (stmt_begin == std::string_view::npos) stmt_begin = t->begin;
    last_end = t->end;
    blocks.OnToken(*t);
  }
  finish();
  out.trailing_comments = std::move(pending);
  return out;
}

}  // namespace

SplitResult SplitMysql(std::string_view text) { return SplitWithScanner(text, MysqlLexerDialect(), true); }
SplitResult SplitSqlite(std::string_view text) { return SplitWithScanner(text, SqliteLexerDialect(), false); }

}  // namespace migrate
