#include "engine/backfill/batch_statement.h"

#include <cctype>
#include <cstring>
#include <optional>

#include "base/strings.h"
#include "sql/lexer.h"
#include "sql/quote.h"

namespace migrate {
namespace {

bool IsIdentStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool IsIdentChar(char c) {
  return IsIdentStart(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

// The shared lexer (sql/lexer.h) serves MySQL and SQLite. PostgreSQL needs what it lacks: E'…'
// strings with backslash escapes, $tag$…$tag$ bodies and nested /* */ comments, so it gets this
// small scanner. Only what the cut needs is exact: words, quoted identifiers, strings, parentheses
// and the statement's other characters as one-character symbols.
class PostgresScanner {
 public:
  explicit PostgresScanner(std::string_view s) : s_(s) {}

  Result<std::vector<Token>> Scan() {
    std::vector<Token> out;
    while (i_ < s_.size()) {
      const size_t b = i_;
      const char c = s_[i_];
      const char n = i_ + 1 < s_.size() ? s_[i_ + 1] : '\0';
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i_;
      } else if (c == '-' && n == '-') {
        size_t e = s_.find('\n', i_);
        i_ = e == std::string_view::npos ? s_.size() : e;
      } else if (c == '/' && n == '*') {
        if (!SkipBlockComment()) return Status::Input("unterminated /* comment");
      } else if (c == '\'') {
        if (!SkipQuoted('\'', false)) return Status::Input("unterminated quoted string");
        out.push_back(Make(TokenKind::kString, b));
      } else if (c == '"') {
        if (!SkipQuoted('"', false)) return Status::Input("unterminated quoted identifier");
        out.push_back(Make(TokenKind::kQuotedIdent, b));
      } else if (c == '$' && (n == '$' || IsIdentStart(n))) {
        // $tag$ … $tag$, or a word-like "$x" that is not a tag (then it is a symbol).
        size_t e = i_ + 1;
        while (e < s_.size() && IsIdentChar(s_[e]) && s_[e] != '$') ++e;
        if (e < s_.size() && s_[e] == '$') {
          std::string_view tag = s_.substr(i_, e + 1 - i_);
          size_t close = s_.find(tag, e + 1);
          if (close == std::string_view::npos) return Status::Input("unterminated dollar-quoted string " + std::string(tag));
          i_ = close + tag.size();
          out.push_back(Make(TokenKind::kString, b));
        } else {
          ++i_;
          out.push_back(Make(TokenKind::kSymbol, b));
        }
      } else if (c == '$' && std::isdigit(static_cast<unsigned char>(n))) {
        i_ += 2;
        while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
        out.push_back(Make(TokenKind::kVariable, b));
      } else if (IsIdentStart(c)) {
        size_t e = i_;
        while (e < s_.size() && IsIdentChar(s_[e])) ++e;
        std::string_view word = s_.substr(i_, e - i_);
        const bool u_amp = (word == "U" || word == "u") && e + 1 < s_.size() && s_[e] == '&' &&
                           (s_[e + 1] == '\'' || s_[e + 1] == '"');
        if (e < s_.size() && s_[e] == '\'' && word.size() == 1 && std::strchr("EeBbXxNn", word[0]) != nullptr) {
          // E'…' (backslash escapes), B'…', X'…', N'…'.
          i_ = e;
          if (!SkipQuoted('\'', word[0] == 'E' || word[0] == 'e')) return Status::Input("unterminated quoted string");
          out.push_back(Make(TokenKind::kString, b));
        } else if (u_amp) {
          i_ = e + 1;
          const char q = s_[i_];
          if (!SkipQuoted(q, false)) return Status::Input("unterminated U& string or identifier");
          out.push_back(Make(q == '"' ? TokenKind::kQuotedIdent : TokenKind::kString, b));
        } else {
          i_ = e;
          out.push_back(Make(TokenKind::kWord, b));
        }
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '.' || s_[i_] == '_')) ++i_;
        out.push_back(Make(TokenKind::kNumber, b));
      } else {
        ++i_;
        out.push_back(Make(TokenKind::kSymbol, b));
      }
    }
    return out;
  }

 private:
  Token Make(TokenKind kind, size_t b) const { return Token{kind, b, i_, s_.substr(b, i_ - b)}; }

  // At an opening quote: moves past the closing one ('' and "" stay inside; with `backslash`,
  // \x too). False when unterminated.
  bool SkipQuoted(char q, bool backslash) {
    size_t k = i_ + 1;
    while (k < s_.size()) {
      if (backslash && s_[k] == '\\') {
        k += 2;
        continue;
      }
      if (s_[k] == q) {
        if (k + 1 < s_.size() && s_[k + 1] == q) {
          k += 2;
          continue;
        }
        i_ = k + 1;
        return true;
      }
      ++k;
    }
    return false;
  }

  // Nested /* /* */ */ comments, as PostgreSQL has them.
  bool SkipBlockComment() {
    int depth = 0;
    size_t k = i_;
    while (k + 1 < s_.size()) {
      if (s_[k] == '/' && s_[k + 1] == '*') {
        ++depth;
        k += 2;
      } else if (s_[k] == '*' && s_[k + 1] == '/') {
        k += 2;
        if (--depth == 0) {
          i_ = k;
          return true;
        }
      } else {
        ++k;
      }
    }
    return false;
  }

  std::string_view s_;
  size_t i_ = 0;
};

Result<std::vector<Token>> Tokenize(std::string_view sql, Dialect dialect) {
  if (dialect == Dialect::kPostgres) return PostgresScanner(sql).Scan();
  LexResult lexed = Lex(sql, dialect == Dialect::kMysql ? MysqlLexerDialect() : SqliteLexerDialect());
  if (lexed.error) return Status::Input(lexed.error->message);
  return std::move(lexed.tokens);
}

bool IsAnyWord(const Token& t, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (t.IsWord(w)) return true;
  }
  return false;
}

// Words that may follow a table name and are never its alias.
bool EndsTableReference(const Token& t) {
  return IsAnyWord(t, {"SET", "WHERE", "USING", "RETURNING", "ORDER", "LIMIT", "INDEXED", "NOT", "PARTITION",
                       "JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "FULL", "NATURAL", "STRAIGHT_JOIN", "OUTER",
                       "FROM", "ON"});
}

bool IsJoinWord(const Token& t) {
  return IsAnyWord(t, {"JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "FULL", "NATURAL", "STRAIGHT_JOIN"});
}

// An identifier part in the form QuoteQualifiedName takes: quoted parts keep their quotes, bare
// words are folded to lower case on PostgreSQL.
std::string NamePart(const Token& t, Dialect dialect) {
  if (t.kind == TokenKind::kWord && dialect == Dialect::kPostgres) return ToLower(t.text);
  return std::string(t.text);
}

class Cutter {
 public:
  Cutter(std::string_view sql, Dialect dialect, std::vector<Token> tokens)
      : sql_(sql), dialect_(dialect), t_(std::move(tokens)) {}

  Result<BatchableStatement> Run() {
    while (!t_.empty() && t_.back().IsSymbol(";")) t_.pop_back();
    if (t_.empty()) return Refuse("the statement is empty");
    if (t_[0].IsWord("WITH")) {
      return Refuse("a statement with a WITH … (common table expression) prefix cannot be batched by key: "
                    "write the backfill as a plain UPDATE or DELETE (a subquery in its WHERE may do the same)");
    }
    const bool update = t_[0].IsWord("UPDATE");
    if (!update && !t_[0].IsWord("DELETE")) {
      return Refuse("only UPDATE and DELETE statements can be batched by key; this statement starts with \"" +
                    std::string(t_[0].text) + "\"");
    }
    const char* verb = update ? "UPDATE" : "DELETE";
    pos_ = 1;
    if (update) {
      while (At({"LOW_PRIORITY", "IGNORE"})) ++pos_;                       // MySQL
      if (Word("OR") && pos_ + 1 < t_.size()) pos_ += 2;                    // SQLite UPDATE OR IGNORE …
    } else {
      while (At({"LOW_PRIORITY", "QUICK", "IGNORE"})) ++pos_;               // MySQL
      if (!Word("FROM")) {
        if (dialect_ == Dialect::kMysql) {
          return Refuse("a multi-table DELETE (DELETE t1, … FROM …) cannot be batched by key: "
                        "delete from one table with DELETE FROM t WHERE …");
        }
        return Refuse("cannot find FROM after DELETE");
      }
      ++pos_;
    }
    if (Word("ONLY")) ++pos_;  // PostgreSQL

    // The target table: name [. name …].
    if (pos_ >= t_.size() || !t_[pos_].IsIdentifier()) {
      return Refuse(std::string("cannot find the target table of the ") + verb);
    }
    std::string table = NamePart(t_[pos_++], dialect_);
    while (pos_ + 1 < t_.size() && t_[pos_].IsSymbol(".") && t_[pos_ + 1].IsIdentifier()) {
      table += "." + NamePart(t_[pos_ + 1], dialect_);
      pos_ += 2;
    }
    if (pos_ < t_.size() && t_[pos_].IsSymbol("*")) ++pos_;  // PostgreSQL: t * (with descendants)
    // MySQL PARTITION (p1, …) selection.
    if (Word("PARTITION") && pos_ + 1 < t_.size() && t_[pos_ + 1].IsSymbol("(")) {
      ++pos_;
      SkipParens();
    }
    std::string alias;
    if (Word("AS") && pos_ + 1 < t_.size() && t_[pos_ + 1].IsIdentifier()) {
      alias = NamePart(t_[pos_ + 1], dialect_);
      pos_ += 2;
    } else if (pos_ < t_.size() && t_[pos_].IsIdentifier() && !EndsTableReference(t_[pos_])) {
      alias = NamePart(t_[pos_++], dialect_);
    }
    // SQLite INDEXED BY i / NOT INDEXED.
    if (Word("INDEXED") && pos_ + 2 < t_.size()) {
      pos_ += 3;
    } else if (Word("NOT") && pos_ + 1 < t_.size() && t_[pos_ + 1].IsWord("INDEXED")) {
      pos_ += 2;
    }

    if (pos_ < t_.size() && (t_[pos_].IsSymbol(",") || IsJoinWord(t_[pos_]))) {
      return Refuse(std::string("a multi-table ") + verb +
                    " (a join or a list of tables) cannot be batched by key: the key range needs one target table");
    }
    if (!update && Word("USING") && dialect_ == Dialect::kMysql) {
      return Refuse("a multi-table DELETE (DELETE FROM … USING …) cannot be batched by key: "
                    "delete from one table with DELETE FROM t WHERE …");
    }
    if (update && !Word("SET")) return Refuse("cannot find SET after the target table of the UPDATE");
    std::vector<std::pair<std::string, std::string>> assignments;
    if (update) assignments = Assignments(pos_ + 1);

    // The rest at parenthesis depth 0: WHERE, RETURNING, ORDER BY, LIMIT.
    std::optional<size_t> where, returning;
    int depth = 0;
    for (size_t i = pos_; i < t_.size(); ++i) {
      const Token& t = t_[i];
      if (t.IsSymbol("(")) ++depth;
      if (t.IsSymbol(")")) --depth;
      if (depth != 0 || t.kind != TokenKind::kWord) continue;
      if (t.IsWord("WHERE") && !where && !returning) {
        where = i;
        if (i + 2 < t_.size() && t_[i + 1].IsWord("CURRENT") && t_[i + 2].IsWord("OF")) {
          return Refuse(std::string(verb) + " … WHERE CURRENT OF a cursor cannot be batched by key");
        }
      } else if (t.IsWord("RETURNING") && !returning) {
        returning = i;
      } else if ((t.IsWord("ORDER") && i + 1 < t_.size() && t_[i + 1].IsWord("BY")) || t.IsWord("LIMIT")) {
        return Refuse(std::string(verb) + " with ORDER BY or LIMIT cannot be batched by key: the engine's key " +
                      "ranges take the place of LIMIT; remove ORDER BY and LIMIT from the statement");
      }
    }

    BatchableStatement out;
    out.is_delete = !update;
    out.assignments = std::move(assignments);
    out.table = table;
    out.qualifier = alias.empty() ? table : alias;
    const size_t body_end = returning ? *returning : t_.size();
    const size_t head_end = where ? *where : body_end;
    out.head = Text(0, head_end);
    if (where) {
      if (*where + 1 >= body_end) return Refuse(std::string(verb) + " … WHERE has no condition");
      out.condition = Text(*where + 1, body_end);
    }
    if (returning) out.tail = Text(*returning, t_.size());
    return out;
  }

 private:
  Status Refuse(const std::string& why) const { return Status::Input(why); }

  bool Word(std::string_view w) const { return pos_ < t_.size() && t_[pos_].IsWord(w); }

  // SET items from token `first` up to a depth-0 WHERE, FROM or RETURNING: `col = expr` each; an
  // item of another shape ((a, b) = …, t.col = …) empties the list.
  std::vector<std::pair<std::string, std::string>> Assignments(size_t first) const {
    std::vector<std::pair<std::string, std::string>> out;
    size_t item = first;
    int depth = 0;
    for (size_t i = first; i <= t_.size(); ++i) {
      const bool end = i == t_.size() || (depth == 0 && t_[i].kind == TokenKind::kWord &&
                                          IsAnyWord(t_[i], {"WHERE", "FROM", "RETURNING"}));
      if (!end) {
        if (t_[i].IsSymbol("(")) ++depth;
        if (t_[i].IsSymbol(")")) --depth;
      }
      if (end || (depth == 0 && t_[i].IsSymbol(","))) {
        if (item + 2 >= i || !t_[item].IsIdentifier() || !t_[item + 1].IsSymbol("=")) return {};
        out.emplace_back(ToLower(t_[item].Identifier()), Text(item + 2, i));
        item = i + 1;
      }
      if (end) break;
    }
    return out;
  }
  bool At(std::initializer_list<std::string_view> words) const { return pos_ < t_.size() && IsAnyWord(t_[pos_], words); }

  // At "(": moves past the matching ")".
  void SkipParens() {
    int depth = 0;
    while (pos_ < t_.size()) {
      if (t_[pos_].IsSymbol("(")) ++depth;
      if (t_[pos_].IsSymbol(")") && --depth == 0) {
        ++pos_;
        return;
      }
      ++pos_;
    }
  }

  // The source text from token `first` through token `last - 1` (comments around them excluded).
  std::string Text(size_t first, size_t last) const {
    if (first >= last) return "";
    return std::string(sql_.substr(t_[first].begin, t_[last - 1].end - t_[first].begin));
  }

  std::string_view sql_;
  Dialect dialect_;
  std::vector<Token> t_;
  size_t pos_ = 0;
};

std::string ColumnList(Dialect dialect, std::string_view qualifier, const std::vector<std::string>& key) {
  std::string out;
  const std::string q = qualifier.empty() ? "" : QuoteQualifiedName(dialect, qualifier) + ".";
  for (size_t i = 0; i < key.size(); ++i) {
    if (i) out += ", ";
    out += q + QuoteIdentifier(dialect, key[i]);
  }
  return out;
}

// "q.k > ?" or "(q.a, q.b) > (?, ?)".
std::string KeyComparison(Dialect dialect, std::string_view qualifier, const std::vector<std::string>& key,
                          std::string_view op) {
  const std::string cols = ColumnList(dialect, qualifier, key);
  if (key.size() == 1) return cols + " " + std::string(op) + " ?";
  std::string marks;
  for (size_t i = 0; i < key.size(); ++i) marks += i ? ", ?" : "?";
  return "(" + cols + ") " + std::string(op) + " (" + marks + ")";
}

}  // namespace

Result<BatchableStatement> PrepareBatchStatement(std::string_view sql, Dialect dialect) {
  Result<std::vector<Token>> tokens = Tokenize(sql, dialect);
  if (!tokens.ok()) return Status::Input("cannot read the backfill statement: " + tokens.status().message());
  return Cutter(sql, dialect, std::move(tokens).value()).Run();
}

std::string BatchSql(const BatchableStatement& s, Dialect dialect, const std::vector<std::string>& key,
                     bool has_lower, bool has_upper) {
  std::vector<std::string> conditions;
  if (!s.condition.empty()) conditions.push_back("(" + s.condition + ")");
  if (!key.empty() && has_lower) conditions.push_back(KeyComparison(dialect, s.qualifier, key, ">"));
  if (!key.empty() && has_upper) conditions.push_back(KeyComparison(dialect, s.qualifier, key, "<="));
  std::string out = s.head;
  if (!conditions.empty()) out += " WHERE " + Join(conditions, " AND ");
  if (!s.tail.empty()) out += " " + s.tail;
  return out;
}

std::string BatchSqlWith(const BatchableStatement& s, const std::vector<std::string>& extra_conditions) {
  std::vector<std::string> conditions;
  if (!s.condition.empty()) conditions.push_back("(" + s.condition + ")");
  conditions.insert(conditions.end(), extra_conditions.begin(), extra_conditions.end());
  std::string out = s.head;
  if (!conditions.empty()) out += " WHERE " + Join(conditions, " AND ");
  if (!s.tail.empty()) out += " " + s.tail;
  return out;
}

namespace {

// Words of an expression, lower-cased identifiers outside strings (column references, roughly).
std::vector<std::string> IdentifierWords(std::string_view text, Dialect dialect) {
  std::vector<std::string> out;
  Result<std::vector<Token>> tokens = Tokenize(text, dialect);
  if (!tokens.ok()) return {"<unreadable>"};
  for (const Token& t : *tokens) {
    if (t.IsIdentifier()) out.push_back(ToLower(t.Identifier()));
  }
  return out;
}

// The condition's top-level AND conjuncts, as token ranges' text, whitespace-normalised.
std::vector<std::vector<std::string>> Conjuncts(std::string_view condition, Dialect dialect) {
  std::vector<std::vector<std::string>> out(1);
  Result<std::vector<Token>> tokens = Tokenize(condition, dialect);
  if (!tokens.ok()) return {};
  int depth = 0;
  for (const Token& t : *tokens) {
    if (t.IsSymbol("(")) ++depth;
    if (t.IsSymbol(")")) --depth;
    if (depth == 0 && t.IsWord("AND")) {
      out.emplace_back();
      continue;
    }
    if (depth == 0 && t.IsWord("OR")) return {};  // a top-level OR: no conjunct guards every row
    out.back().push_back(t.IsIdentifier() ? ToLower(t.Identifier()) : std::string(t.text));
  }
  return out;
}

std::string JoinTokens(const std::vector<std::string>& tokens, size_t from) {
  std::string out;
  for (size_t i = from; i < tokens.size(); ++i) out += (i > from ? " " : "") + tokens[i];
  return out;
}

}  // namespace

bool RepeatedBatchIsNoOp(const BatchableStatement& s, Dialect dialect, std::string* why) {
  if (s.is_delete) return true;
  if (s.assignments.empty()) {
    *why = "its SET list is not plain `column = expression` items";
    return false;
  }
  for (const auto& [column, expr] : s.assignments) {
    for (const std::string& word : IdentifierWords(expr, dialect)) {
      for (const auto& [set_column, unused] : s.assignments) {
        if (word == set_column) {
          *why = "SET " + column + " = " + expr + " reads " + set_column + ", which the statement changes";
          return false;
        }
      }
    }
  }
  for (const std::vector<std::string>& conj : Conjuncts(s.condition, dialect)) {
    // Drop a qualifier: q . c … → c …
    std::vector<std::string> c = conj;
    if (c.size() > 2 && c[1] == ".") c.erase(c.begin(), c.begin() + 2);
    if (c.empty()) continue;
    for (const auto& [column, expr] : s.assignments) {
      if (c[0] != column) continue;
      if (c.size() == 3 && ToLower(c[1]) == "is" && ToLower(c[2]) == "null") return true;
      std::vector<std::string> rhs_tokens;
      size_t rhs = 0;
      if (c.size() > 4 && ToLower(c[1]) == "is" && ToLower(c[2]) == "distinct" && ToLower(c[3]) == "from") rhs = 4;
      else if (c.size() > 3 && ((c[1] == "<" && c[2] == ">") || (c[1] == "!" && c[2] == "="))) rhs = 3;
      else if (c.size() > 2 && (c[1] == "<>" || c[1] == "!=")) rhs = 2;
      if (rhs == 0) continue;
      std::vector<std::vector<std::string>> expr_tokens = Conjuncts(expr, dialect);
      if (expr_tokens.size() == 1 && JoinTokens(c, rhs) == JoinTokens(expr_tokens[0], 0)) return true;
    }
  }
  *why = "its WHERE has no conjunct such as `c IS NULL` that excludes the rows it has already set";
  return false;
}

std::string NextUpperBoundSql(Dialect dialect, std::string_view table, const std::vector<std::string>& key,
                              bool has_lower, int64_t batch_size) {
  const std::string cols = ColumnList(dialect, "", key);
  std::string out = "SELECT " + cols + " FROM " + QuoteQualifiedName(dialect, table);
  if (has_lower) out += " WHERE " + KeyComparison(dialect, "", key, ">");
  out += " ORDER BY " + cols + " LIMIT 1 OFFSET " + std::to_string(batch_size > 1 ? batch_size - 1 : 0);
  return out;
}

}  // namespace migrate
