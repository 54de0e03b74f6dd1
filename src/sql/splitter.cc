#include "sql/splitter.h"

#include <cctype>

namespace migrate {
namespace {

bool IsIdentStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool IsIdentChar(char c) {
  return IsIdentStart(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

// Scans PostgreSQL text. Each Skip* function is called at the opening delimiter and returns the
// offset one past the closing one, or npos when the text ends first.
class PostgresScanner {
 public:
  explicit PostgresScanner(std::string_view text) : s_(text) {}

  SplitResult Run() {
    SplitResult out;
    std::vector<Comment> pending;
    size_t stmt_begin = std::string_view::npos;
    size_t last_token_end = 0;
    int depth = 0;          // parentheses
    int atomic_depth = 0;   // BEGIN ATOMIC … END nesting (CASE … END counts inside it)
    std::string_view prev_word;
    size_t i = 0;
    auto note_token = [&](size_t begin, size_t end) {
      if (stmt_begin == std::string_view::npos) stmt_begin = begin;
      last_token_end = end;
    };
    auto finish = [&]() {
      if (stmt_begin != std::string_view::npos) {
        RawStatement st;
        st.begin = stmt_begin;
        st.end = last_token_end;
        st.text = s_.substr(stmt_begin, last_token_end - stmt_begin);
        st.leading_comments = std::move(pending);
        pending.clear();
        out.statements.push_back(std::move(st));
      }
      stmt_begin = std::string_view::npos;
      depth = 0;
      atomic_depth = 0;
      prev_word = {};
    };

    while (i < s_.size()) {
      char c = s_[i];
      char n = i + 1 < s_.size() ? s_[i + 1] : '\0';
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i;
        continue;
      }
      if (c == '-' && n == '-') {
        size_t e = s_.find('\n', i);
        if (e == std::string_view::npos) e = s_.size();
        size_t body_end = e;
        if (body_end > i && s_[body_end - 1] == '\r') --body_end;
        if (stmt_begin == std::string_view::npos)
          pending.push_back({i, e, true, s_.substr(i + 2, body_end - i - 2)});
        i = e;
        continue;
      }
      if (c == '/' && n == '*') {
        size_t e = SkipBlockComment(i);
        if (e == std::string_view::npos) return Fail(out, i, "unterminated /* comment");
        if (stmt_begin == std::string_view::npos)
          pending.push_back({i, e, false, s_.substr(i + 2, e - i - 4)});
        i = e;
        continue;
      }
      if (c == ';') {
        if (depth == 0 && atomic_depth == 0) {
          finish();
        }
        ++i;
        continue;
      }
      size_t begin = i;
      size_t e;
      if (c == '\'') {
        e = SkipQuoted(i, '\'', /*backslash=*/false);
        if (e == std::string_view::npos) return Fail(out, begin, "unterminated quoted string");
      } else if ((c == 'E' || c == 'e') && n == '\'') {
        e = SkipQuoted(i + 1, '\'', /*backslash=*/true);
        if (e == std::string_view::npos) return Fail(out, begin, "unterminated quoted string");
      } else if (c == '"') {
        e = SkipQuoted(i, '"', /*backslash=*/false);
        if (e == std::string_view::npos) return Fail(out, begin, "unterminated quoted identifier");
      } else if (c == '$' && DollarTagEnd(i) != std::string_view::npos) {
        size_t tag_end = DollarTagEnd(i);
        std::string_view tag = s_.substr(i, tag_end - i);
        size_t close = s_.find(tag, tag_end);
        if (close == std::string_view::npos) return Fail(out, begin, "unterminated dollar-quoted string");
        e = close + tag.size();
      } else if (IsIdentStart(c)) {
        e = i + 1;
        while (e < s_.size() && IsIdentChar(s_[e])) ++e;
        std::string_view word = s_.substr(i, e - i);
        if (EqualsIgnoreCase(prev_word, "begin") && EqualsIgnoreCase(word, "atomic")) {
          ++atomic_depth;
        } else if (atomic_depth > 0 && EqualsIgnoreCase(word, "case")) {
          ++atomic_depth;
        } else if (atomic_depth > 0 && EqualsIgnoreCase(word, "end")) {
          --atomic_depth;
        }
        prev_word = word;
        note_token(begin, e);
        i = e;
        continue;
      } else {
        if (c == '(') ++depth;
        if (c == ')' && depth > 0) --depth;
        e = i + 1;
      }
      prev_word = {};
      note_token(begin, e);
      i = e;
    }
    finish();
    out.trailing_comments = std::move(pending);
    return out;
  }

 private:
  SplitResult& Fail(SplitResult& out, size_t offset, std::string message) {
    out.error = SplitError{offset, std::move(message)};
    return out;
  }

  size_t SkipBlockComment(size_t i) const {
    int nest = 0;
    while (i + 1 < s_.size()) {
      if (s_[i] == '/' && s_[i + 1] == '*') {
        ++nest;
        i += 2;
      } else if (s_[i] == '*' && s_[i + 1] == '/') {
        i += 2;
        if (--nest == 0) return i;
      } else {
        ++i;
      }
    }
    return std::string_view::npos;
  }

  size_t SkipQuoted(size_t i, char q, bool backslash) const {
    ++i;
    while (i < s_.size()) {
      char c = s_[i];
      if (backslash && c == '\\') {
        i += 2;
        continue;
      }
      if (c == q) {
        if (i + 1 < s_.size() && s_[i + 1] == q) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      ++i;
    }
    return std::string_view::npos;
  }

  // At a '$': the offset one past the closing '$' of a tag like $$ or $body$, else npos.
  // "$1" (a parameter) is not a tag.
  size_t DollarTagEnd(size_t i) const {
    size_t j = i + 1;
    if (j < s_.size() && s_[j] == '$') return j + 1;
    if (j >= s_.size() || !IsIdentStart(s_[j])) return std::string_view::npos;
    while (j < s_.size() && (IsIdentStart(s_[j]) || std::isdigit(static_cast<unsigned char>(s_[j])))) ++j;
    if (j < s_.size() && s_[j] == '$') return j + 1;
    return std::string_view::npos;
  }

  std::string_view s_;
};

}  // namespace

SplitResult SplitPostgres(std::string_view text) { return PostgresScanner(text).Run(); }

}  // namespace migrate
