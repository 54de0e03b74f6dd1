#include "sql/parser_base.h"

#include <cctype>
#include <cstdlib>

#include "base/strings.h"

namespace migrate {

std::string ToUpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

ParserBase::ParserBase(std::string_view text, const LexerDialect& dialect) : text_(text) {
  LexResult lexed = Lex(text, dialect);
  tokens_ = std::move(lexed.tokens);
  end_token_ = Token{TokenKind::kSymbol, text.size(), text.size(), std::string_view()};
  if (lexed.error) FailAt(lexed.error->offset, lexed.error->message);
}

// ---- Cursor -------------------------------------------------------------------------------------

const Token& ParserBase::Peek(size_t ahead) const {
  return pos_ + ahead < tokens_.size() ? tokens_[pos_ + ahead] : end_token_;
}

const Token& ParserBase::Next() {
  if (pos_ >= tokens_.size()) return end_token_;
  return tokens_[pos_++];
}

bool ParserBase::IsAnyWord(std::initializer_list<std::string_view> keywords, size_t ahead) const {
  for (std::string_view k : keywords) {
    if (Peek(ahead).IsWord(k)) return true;
  }
  return false;
}

bool ParserBase::IsWords(std::initializer_list<std::string_view> keywords) const {
  size_t i = 0;
  for (std::string_view k : keywords) {
    if (!Peek(i++).IsWord(k)) return false;
  }
  return true;
}

bool ParserBase::AcceptWord(std::string_view keyword) {
  if (!Peek().IsWord(keyword)) return false;
  ++pos_;
  return true;
}

bool ParserBase::AcceptWords(std::initializer_list<std::string_view> keywords) {
  if (!IsWords(keywords)) return false;
  pos_ += keywords.size();
  return true;
}

std::string ParserBase::AcceptAnyWord(std::initializer_list<std::string_view> keywords) {
  for (std::string_view k : keywords) {
    if (Peek().IsWord(k)) {
      ++pos_;
      return ToUpperAscii(k);
    }
  }
  return "";
}

bool ParserBase::AcceptSymbol(std::string_view symbol) {
  if (!Peek().IsSymbol(symbol)) return false;
  ++pos_;
  return true;
}

void ParserBase::ExpectWord(std::string_view keyword) {
  if (!AcceptWord(keyword)) Fail("\"" + ToUpperAscii(keyword) + "\"");
}

void ParserBase::ExpectWords(std::initializer_list<std::string_view> keywords) {
  for (std::string_view k : keywords) {
    if (!ok()) return;
    ExpectWord(k);
  }
}

void ParserBase::ExpectSymbol(std::string_view symbol) {
  if (!AcceptSymbol(symbol)) Fail("\"" + std::string(symbol) + "\"");
}

void ParserBase::ExpectEnd() {
  if (!AtEnd()) Fail("end of statement");
}

std::string ParserBase::Describe(const Token& t) {
  if (t.text.empty()) return "end of statement";
  std::string_view shown = t.text;
  if (shown.size() > 40) shown = shown.substr(0, 40);
  return "\"" + std::string(shown) + (shown.size() < t.text.size() ? "…" : "") + "\"";
}

void ParserBase::Fail(std::string_view expected) {
  if (!ok()) return;
  const Token& t = Peek();
  FailAt(t.begin, "expected " + std::string(expected) + " but found " + Describe(t));
}

void ParserBase::FailAt(size_t offset, std::string message) {
  if (error_) return;
  error_ = SyntaxError{offset, std::move(message)};
  pos_ = tokens_.size();
}

// ---- Names --------------------------------------------------------------------------------------

std::string ParserBase::ParseIdentifier(std::string_view what) {
  if (!AtIdentifier()) {
    Fail(what);
    return "";
  }
  return Next().Identifier();
}

std::string ParserBase::ParseQualifiedName(std::string_view what) {
  std::string name = ParseIdentifier(what);
  while (ok() && IsSymbol(".") && AtIdentifier(1)) {
    ++pos_;
    name += "." + Next().Identifier();
  }
  return name;
}

std::vector<std::string> ParserBase::ParseIdentifierList(std::string_view what) {
  std::vector<std::string> out;
  ExpectSymbol("(");
  do {
    out.push_back(ParseIdentifier(what));
  } while (ok() && AcceptSymbol(","));
  ExpectSymbol(")");
  return out;
}

// ---- Skipping -----------------------------------------------------------------------------------

void ParserBase::SkipBalanced() {
  if (!IsSymbol("(")) {
    Fail("\"(\"");
    return;
  }
  const Token& open = Peek();
  int depth = 0;
  while (!AtEnd()) {
    const Token& t = Next();
    if (t.IsSymbol("(")) {
      ++depth;
    } else if (t.IsSymbol(")")) {
      if (--depth == 0) return;
    }
  }
  FailAt(open.begin, "unbalanced \"(\": no matching \")\" before the end of the statement");
}

size_t ParserBase::SkipExpression(std::initializer_list<std::string_view> stop_words) {
  int depth = 0;
  while (!AtEnd()) {
    const Token& t = Peek();
    if (depth == 0) {
      if (t.IsSymbol(",") || t.IsSymbol(")") || t.IsSymbol(";")) break;
      bool stop = false;
      for (std::string_view w : stop_words) stop = stop || t.IsWord(w);
      if (stop) break;
    }
    if (t.IsSymbol("(")) {
      ++depth;
    } else if (t.IsSymbol(")")) {
      --depth;
    }
    ++pos_;
  }
  if (depth > 0 && ok()) FailAt(text_.size(), "unbalanced \"(\": no matching \")\" before the end of the statement");
  return pos_;
}

bool ParserBase::HasWordAtDepthZero(std::string_view keyword) const {
  int depth = 0;
  for (size_t i = pos_; i < tokens_.size(); ++i) {
    const Token& t = tokens_[i];
    if (t.IsSymbol("(")) ++depth;
    else if (t.IsSymbol(")")) --depth;
    else if (depth == 0 && t.IsWord(keyword)) return true;
  }
  return false;
}

std::string_view ParserBase::TextOf(size_t first, size_t end) const {
  if (first >= end || first >= tokens_.size()) return {};
  end = std::min(end, tokens_.size());
  return text_.substr(tokens_[first].begin, tokens_[end - 1].end - tokens_[first].begin);
}

// ---- Types and expressions ----------------------------------------------------------------------

void ParserBase::ParseTypeModifiers(TypeName* t) {
  if (!AcceptSymbol("(")) return;
  const bool strings = Peek().kind == TokenKind::kString;  // ENUM/SET members
  do {
    if (strings) {
      if (Peek().kind != TokenKind::kString) {
        Fail("a string");
        return;
      }
      t->values.emplace_back(Next().text);
      continue;
    }
    bool negative = false;
    if (AcceptSymbol("-")) negative = true;
    else AcceptSymbol("+");
    const Token& n = Peek();
    if (n.kind != TokenKind::kNumber || n.text.find_first_not_of("0123456789") != std::string_view::npos) {
      Fail("an integer");
      return;
    }
    std::string digits(Next().text);
    int64_t v = std::strtoll(digits.c_str(), nullptr, 10);
    t->modifiers.push_back(negative ? -v : v);
  } while (ok() && AcceptSymbol(","));
  ExpectSymbol(")");
}

namespace {

bool InList(const std::vector<std::string_view>& list, std::string_view word) {
  for (std::string_view w : list) {
    if (EqualsIgnoreCase(w, word)) return true;
  }
  return false;
}

// Words that may precede "(" without being a function call.
bool IsOperatorKeyword(const Token& t) {
  static constexpr std::string_view kWords[] = {
      "AND", "OR", "NOT", "XOR", "IN", "IS", "LIKE", "GLOB", "REGEXP", "RLIKE", "MATCH", "BETWEEN",
      "WHEN", "THEN", "ELSE", "CASE", "AS", "ON", "USING", "DISTINCT", "ALL", "ANY", "SOME",
      "INTERVAL", "DIV", "MOD", "ESCAPE", "COLLATE", "END", "EXISTS", "VALUES"};
  for (std::string_view w : kWords) {
    if (t.IsWord(w)) return true;
  }
  return false;
}

}  // namespace

Expr ParserBase::MakeExpr(size_t first, size_t end, const FunctionVolatility& functions) const {
  Expr e;
  end = std::min(end, tokens_.size());
  e.text = std::string(TextOf(first, end));
  // NULL or (NULL).
  size_t b = first, z = end;
  while (z - b >= 3 && tokens_[b].IsSymbol("(") && tokens_[z - 1].IsSymbol(")")) {
    ++b;
    --z;
  }
  e.is_null = z - b == 1 && tokens_[b].IsWord("NULL");

  auto merge = [&e](Volatility v, std::string function) {
    if (v > e.volatility) {
      e.volatility = v;
      e.volatile_function = std::move(function);
    }
  };
  for (size_t i = first; i < end; ++i) {
    const Token& t = tokens_[i];
    if (t.kind != TokenKind::kWord) continue;
    if (t.IsWord("SELECT")) {
      merge(Volatility::kVolatile, "a subquery");
      continue;
    }
    const bool call = i + 1 < end && tokens_[i + 1].IsSymbol("(");
    const bool after_as = i > first && tokens_[i - 1].IsWord("AS");  // CAST(x AS CHAR(10))
    const bool qualified = i > first && tokens_[i - 1].IsSymbol(".");
    if (!call) {
      if (!qualified && InList(functions.stable_words, t.text)) merge(Volatility::kStable, "");
      continue;
    }
    if (after_as || IsOperatorKeyword(t)) continue;
    std::string name = ToLower(t.text);
    if (InList(functions.immutable, name)) continue;
    if (InList(functions.stable, name)) {
      merge(Volatility::kStable, "");
    } else {
      merge(Volatility::kVolatile, name + "()");
    }
  }
  return e;
}

Expr ParserBase::ParseExpr(const FunctionVolatility& functions, std::initializer_list<std::string_view> stop_words) {
  size_t first = pos_;
  size_t end = SkipExpression(stop_words);
  if (ok() && end == first) {
    Fail("an expression");
    return {};
  }
  return MakeExpr(first, end, functions);
}

Expr ParserBase::ParseDefaultValue(const FunctionVolatility& functions) {
  const size_t first = pos_;
  const Token& t = Peek();
  if (t.IsSymbol("(")) {
    SkipBalanced();
  } else if (t.IsSymbol("-") || t.IsSymbol("+")) {
    ++pos_;
    if (Peek().kind != TokenKind::kNumber) {
      Fail("a number");
      return {};
    }
    ++pos_;
  } else if (t.kind == TokenKind::kString) {
    while (Peek().kind == TokenKind::kString) ++pos_;  // 'a' 'b' is one literal
  } else if (t.kind == TokenKind::kWord && !t.text.empty() && t.text[0] == '_' &&
             Peek(1).kind == TokenKind::kString) {
    pos_ += 2;  // _utf8mb4'x'
  } else if (t.kind == TokenKind::kNumber) {
    ++pos_;
  } else if (t.kind == TokenKind::kWord || t.kind == TokenKind::kQuotedIdent) {
    ++pos_;
    if (IsSymbol("(")) SkipBalanced();  // NOW(), CURRENT_TIMESTAMP(6)
  } else {
    Fail("a default value");
    return {};
  }
  return MakeExpr(first, pos_, functions);
}

ConstraintDef ParserBase::ParseCheckBody() {
  ConstraintDef c;
  c.kind = ConstraintKind::kCheck;
  ExpectSymbol("(");
  const size_t first = pos_;
  const size_t end = SkipExpression();
  if (ok() && end == first) Fail("an expression");
  ExpectSymbol(")");
  if (!ok()) return c;
  c.check_text = std::string(TextOf(first, end));
  if (end - first == 4 && TokenAt(first).IsIdentifier() && TokenAt(first + 1).IsWord("IS") &&
      TokenAt(first + 2).IsWord("NOT") && TokenAt(first + 3).IsWord("NULL")) {
    c.not_null_column = TokenAt(first).Identifier();
  }
  return c;
}

ForeignKeyRef ParserBase::ParseReferences() {
  ForeignKeyRef ref;
  ExpectWord("REFERENCES");
  ref.table = ParseQualifiedName("a table name");
  if (IsSymbol("(")) ref.columns = ParseIdentifierList("a column name");
  while (ok()) {
    if (AcceptWord("MATCH")) {
      ParseIdentifier("FULL, PARTIAL or SIMPLE");
    } else if (AcceptWord("ON")) {
      if (!AcceptWord("DELETE") && !AcceptWord("UPDATE")) {
        Fail("DELETE or UPDATE");
        break;
      }
      if (AcceptWord("SET")) {
        if (!AcceptWord("NULL") && !AcceptWord("DEFAULT")) Fail("NULL or DEFAULT");
      } else if (AcceptWords({"NO", "ACTION"})) {
      } else if (AcceptAnyWord({"CASCADE", "RESTRICT"}).empty()) {
        Fail("a referential action (CASCADE, RESTRICT, SET NULL, SET DEFAULT or NO ACTION)");
      }
    } else if (IsWords({"NOT", "DEFERRABLE"}) || IsWord("DEFERRABLE")) {
      AcceptWord("NOT");
      AcceptWord("DEFERRABLE");
      if (AcceptWord("INITIALLY") && AcceptAnyWord({"DEFERRED", "IMMEDIATE"}).empty()) {
        Fail("DEFERRED or IMMEDIATE");
      }
    } else {
      break;
    }
  }
  return ref;
}

std::vector<std::string> ParserBase::ParseIndexedColumns() {
  std::vector<std::string> out;
  ExpectSymbol("(");
  do {
    const Token& t = Peek();
    const Token& after = Peek(1);
    if (t.IsIdentifier() && (after.IsSymbol(",") || after.IsSymbol(")") || after.IsWord("ASC") ||
                             after.IsWord("DESC") || after.IsWord("COLLATE"))) {
      out.push_back(Next().Identifier());
    } else if (t.IsIdentifier() && after.IsSymbol("(") && Peek(2).kind == TokenKind::kNumber &&
               Peek(3).IsSymbol(")")) {
      out.push_back(Next().Identifier());  // MySQL prefix: name(10)
      pos_ += 3;
    } else {
      const size_t first = pos_;
      const size_t end = SkipExpression({"ASC", "DESC", "COLLATE"});
      if (ok() && end == first) Fail("a column name or an expression");
      out.emplace_back(TextOf(first, end));
    }
    if (AcceptWord("COLLATE")) ParseIdentifier("a collation name");
    AcceptAnyWord({"ASC", "DESC"});
  } while (ok() && AcceptSymbol(","));
  ExpectSymbol(")");
  return out;
}

void ParserBase::SkipRest() {
  std::vector<size_t> opens;  // offsets of the open "("
  while (!AtEnd()) {
    const Token& t = Next();
    if (t.IsSymbol("(")) {
      opens.push_back(t.begin);
    } else if (t.IsSymbol(")")) {
      if (opens.empty()) {
        FailAt(t.begin, "unbalanced \")\": no matching \"(\"");
        return;
      }
      opens.pop_back();
    }
  }
  if (!opens.empty()) FailAt(opens.back(), "unbalanced \"(\": no matching \")\" before the end of the statement");
}

std::string ParserBase::LeadingWords(size_t max_words) const {
  std::string out;
  for (size_t i = 0; i < tokens_.size() && i < max_words; ++i) {
    if (tokens_[i].kind != TokenKind::kWord) break;
    if (!out.empty()) out += ' ';
    out += ToUpperAscii(tokens_[i].text);
  }
  return out;
}

std::vector<Change> ParserBase::ParseStatement() {
  std::vector<Change> out;
  if (!ok()) return out;
  if (AtEnd()) {
    Fail("a statement");
    return out;
  }
  Dispatch(&out);
  if (ok()) ExpectEnd();
  if (!ok()) out.clear();
  return out;
}

void ParserBase::Unmodelled(std::string what, std::vector<Change>* out) {
  SkipRest();
  out->push_back(Unanalyzed{std::move(what)});
}

void ParserBase::NoEffect(std::string what, std::vector<Change>* out) {
  SkipRest();
  out->push_back(NoSchemaEffect{std::move(what)});
}

bool ParserBase::ParseSavepointStatement(bool release_needs_keyword, std::vector<Change>* out) {
  if (AcceptWord("SAVEPOINT")) {
    ParseIdentifier("a savepoint name");
    out->push_back(NoSchemaEffect{"SAVEPOINT"});
    return true;
  }
  if (AcceptWord("RELEASE")) {
    if (release_needs_keyword) ExpectWord("SAVEPOINT");
    else AcceptWord("SAVEPOINT");
    ParseIdentifier("a savepoint name");
    out->push_back(NoSchemaEffect{"RELEASE SAVEPOINT"});
    return true;
  }
  return false;
}

}  // namespace migrate
