#include "sql/lexer_scanner.h"

#include <array>
#include <cctype>

namespace migrate {
namespace {

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsIdentStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool IsIdentChar(char c) { return IsIdentStart(c) || IsDigit(c) || c == '$'; }

constexpr std::array<std::string_view, 14> kMultiCharSymbols = {
    "<=>", "->>", "<=", ">=", "<>", "!=", "||", "&&", ":=", "<<", ">>", "->", "==", "::"};

}  // namespace

bool Scanner::StartsLineComment() const {
  if (pos_ + 1 >= s_.size() || s_[pos_] != '-' || s_[pos_ + 1] != '-') {
    return d_.hash_comments && pos_ < s_.size() && s_[pos_] == '#';
  }
  if (!d_.dash_comment_needs_space) return true;
  return pos_ + 2 >= s_.size() || IsSpace(s_[pos_ + 2]);
}

void Scanner::SkipTrivia(std::vector<Comment>* comments) {
  while (pos_ < s_.size() && !error_) {
    char c = s_[pos_];
    if (IsSpace(c)) {
      ++pos_;
      continue;
    }
    if (StartsLineComment()) {
      size_t start = pos_;
      size_t body = pos_ + (c == '#' ? 1 : 2);
      size_t e = s_.find('\n', pos_);
      if (e == std::string_view::npos) e = s_.size();
      size_t body_end = e > body && s_[e - 1] == '\r' ? e - 1 : e;
      if (comments) comments->push_back({start, e, true, s_.substr(body, body_end - body)});
      pos_ = e;
      continue;
    }
    if (c == '/' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '*') {
      if (d_.versioned_comments && pos_ + 2 < s_.size() && s_[pos_ + 2] == '!') {
        // /*!50001 … */: the content is SQL for servers at or above that version.
        pos_ += 3;
        while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
        ++versioned_depth_;
        continue;
      }
      size_t close = s_.find("*/", pos_ + 2);
      if (close == std::string_view::npos) {
        error_ = SplitError{pos_, "unterminated /* comment"};
        return;
      }
      if (comments) comments->push_back({pos_, close + 2, false, s_.substr(pos_ + 2, close - pos_ - 2)});
      pos_ = close + 2;
      continue;
    }
    // The end of a /*! … */ comment. A statement cut out of a file may start inside one, so a
    // stray "*/" is its end too (MySQL has no "*/" operator sequence worth keeping).
    if (d_.versioned_comments && c == '*' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '/') {
      if (versioned_depth_ > 0) --versioned_depth_;
      pos_ += 2;
      continue;
    }
    return;
  }
}

size_t Scanner::SkipQuoted(size_t i, char close, bool backslash) const {
  ++i;
  while (i < s_.size()) {
    char c = s_[i];
    if (backslash && c == '\\') {
      i += 2;
      continue;
    }
    if (c == close) {
      if (close != ']' && i + 1 < s_.size() && s_[i + 1] == close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return std::string_view::npos;
}

std::optional<Token> Scanner::Next() {
  if (pos_ >= s_.size() || error_) return std::nullopt;
  const size_t b = pos_;
  const char c = s_[b];
  const char n = b + 1 < s_.size() ? s_[b + 1] : '\0';
  TokenKind kind = TokenKind::kSymbol;
  size_t e = b + 1;
  auto quoted = [&](size_t at, char close, bool backslash, const char* what) -> bool {
    e = SkipQuoted(at, close, backslash);
    if (e == std::string_view::npos) {
      error_ = SplitError{b, std::string("unterminated ") + what};
      return false;
    }
    return true;
  };

  if (c == '\'') {
    kind = TokenKind::kString;
    if (!quoted(b, '\'', d_.backslash_escapes, "quoted string")) return std::nullopt;
  } else if (c == '"') {
    kind = d_.double_quote_is_string ? TokenKind::kString : TokenKind::kQuotedIdent;
    if (!quoted(b, '"', d_.double_quote_is_string && d_.backslash_escapes, "double-quoted string"))
      return std::nullopt;
  } else if (c == '`' && d_.backtick_idents) {
    kind = TokenKind::kQuotedIdent;
    if (!quoted(b, '`', false, "backquoted identifier")) return std::nullopt;
  } else if (c == '[' && d_.bracket_idents) {
    kind = TokenKind::kQuotedIdent;
    if (!quoted(b, ']', false, "[identifier]")) return std::nullopt;
  } else if ((c == 'x' || c == 'X' || c == 'b' || c == 'B' || c == 'n' || c == 'N') && n == '\'') {
    kind = TokenKind::kString;  // hex, bit and national string literals
    if (!quoted(b + 1, '\'', d_.backslash_escapes && (c == 'n' || c == 'N'), "quoted string"))
      return std::nullopt;
  } else if (IsDigit(c) || (c == '.' && IsDigit(n))) {
    kind = TokenKind::kNumber;
    if (c == '0' && (n == 'x' || n == 'X' || n == 'b' || n == 'B')) {
      e = b + 2;
      while (e < s_.size() && std::isxdigit(static_cast<unsigned char>(s_[e]))) ++e;
    } else {
      e = b;
      while (e < s_.size() && (IsDigit(s_[e]) || s_[e] == '.')) ++e;
      if (e < s_.size() && (s_[e] == 'e' || s_[e] == 'E')) {
        size_t k = e + 1;
        if (k < s_.size() && (s_[k] == '+' || s_[k] == '-')) ++k;
        if (k < s_.size() && IsDigit(s_[k])) {
          e = k;
          while (e < s_.size() && IsDigit(s_[e])) ++e;
        }
      }
      // MySQL allows identifiers that start with digits (1col): take the rest as a word.
      if (e < s_.size() && IsIdentStart(s_[e])) {
        kind = TokenKind::kWord;
        while (e < s_.size() && IsIdentChar(s_[e])) ++e;
      }
    }
  } else if (IsIdentStart(c)) {
    kind = TokenKind::kWord;
    while (e < s_.size() && IsIdentChar(s_[e])) ++e;
  } else if (c == '@') {
    kind = TokenKind::kVariable;
    e = b + 1;
    if (e < s_.size() && s_[e] == '@') ++e;
    if (e < s_.size() && (s_[e] == '\'' || s_[e] == '"' || s_[e] == '`')) {
      if (!quoted(e, s_[e], d_.backslash_escapes, "quoted variable name")) return std::nullopt;
    } else {
      while (e < s_.size() && (IsIdentChar(s_[e]) || s_[e] == '.')) ++e;
    }
  } else if (c == '?' || ((c == ':' || c == '$') && (IsIdentStart(n) || IsDigit(n)))) {
    kind = TokenKind::kVariable;
    e = b + 1;
    while (e < s_.size() && (IsIdentChar(s_[e]))) ++e;
  } else {
    for (std::string_view sym : kMultiCharSymbols) {
      if (s_.substr(b, sym.size()) == sym) {
        e = b + sym.size();
        break;
      }
    }
  }
  pos_ = e;
  return Token{kind, b, e, s_.substr(b, e - b)};
}

}  // namespace migrate
