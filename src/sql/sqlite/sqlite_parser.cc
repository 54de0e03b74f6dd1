#include "sql/sqlite/sqlite_parser.h"

#include "base/strings.h"

namespace migrate::sqlite {

const FunctionVolatility& SqliteFunctions() {
  static const FunctionVolatility kFunctions = {
      // immutable
      {"cast", "lower", "upper", "coalesce", "ifnull", "nullif", "iif", "abs", "round", "length",
       "substr", "substring", "trim", "ltrim", "rtrim", "replace", "hex", "unhex", "printf", "format",
       "json", "jsonb", "json_array", "json_object", "char", "instr", "quote", "typeof", "zeroblob",
       "min", "max", "concat", "concat_ws", "unicode", "likely", "unlikely", "sign"},
      // stable: the date and time functions ('now' is fixed for one statement)
      {"date", "time", "datetime", "julianday", "strftime", "unixepoch", "timediff"},
      // stable without parentheses
      {"CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME"},
  };
  return kFunctions;
}

SqliteParser::SqliteParser(std::string_view statement) : ParserBase(statement, SqliteLexerDialect()) {}

void SqliteParser::Dispatch(std::vector<Change>* out) {
  const Token& t = Peek();
  if (t.kind != TokenKind::kWord) return Unmodelled(LeadingWords(2), out);
  if (t.IsWord("CREATE")) return ParseCreate(out);
  if (t.IsWord("ALTER")) return ParseAlterTable(out);
  if (t.IsWord("DROP")) return ParseDrop(out);
  if (t.IsWord("WITH")) return ParseWith(out);
  if (t.IsWord("INSERT") || t.IsWord("REPLACE")) return ParseInsert(out);
  if (t.IsWord("UPDATE")) return ParseUpdate(out);
  if (t.IsWord("DELETE")) return ParseDelete(out);
  if (t.IsWord("PRAGMA")) return ParsePragma(out);
  if (IsAnyWord({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"})) return ParseTransaction(out);
  if (IsAnyWord({"VACUUM", "REINDEX", "ANALYZE"})) return ParseMaintenance(out);
  if (IsAnyWord({"SELECT", "VALUES"})) return NoEffect("SELECT", out);
  if (IsAnyWord({"EXPLAIN", "ATTACH", "DETACH"})) return NoEffect(ToUpperAscii(t.text), out);
  Unmodelled(LeadingWords(2), out);
}

void SqliteParser::ParseCreate(std::vector<Change>* out) {
  const size_t start = pos();
  ExpectWord("CREATE");
  AcceptAnyWord({"TEMP", "TEMPORARY"});
  if (IsWord("TABLE")) {
    Rewind(start);
    return ParseCreateTable(out);
  }
  if (IsWord("VIRTUAL")) {
    Rewind(start);
    return ParseCreateVirtualTable(out);
  }
  if (IsWord("INDEX") || IsWords({"UNIQUE", "INDEX"})) {
    Rewind(start);
    return ParseCreateIndex(out);
  }
  if (IsAnyWord({"VIEW", "TRIGGER"})) {
    Rewind(start);
    return ParseCreateViewOrTrigger(out);
  }
  Rewind(start);
  Unmodelled(LeadingWords(2), out);
}

std::string SqliteParser::ParseObjectName(std::string_view what) {
  std::string name = ParseQualifiedName(what);
  if (name.size() > 5 && EqualsIgnoreCase(std::string_view(name).substr(0, 5), "main.")) name = name.substr(5);
  return name;
}

// ---- Columns ------------------------------------------------------------------------------------

namespace {

// Words that end a type name: the column constraints' first keywords.
bool EndsTypeName(const Token& t) {
  // ON is reserved (a conflict clause never follows a type directly).
  static constexpr std::string_view kWords[] = {"CONSTRAINT", "PRIMARY",    "NOT",       "NULL", "UNIQUE",
                                                "CHECK",      "DEFAULT",    "COLLATE",   "REFERENCES",
                                                "GENERATED",  "AS",         "ON"};
  for (std::string_view w : kWords) {
    if (t.IsWord(w)) return true;
  }
  return false;
}

}  // namespace

TypeName SqliteParser::ParseTypeName() {
  TypeName t;
  while (ok() && Peek().IsIdentifier() && !EndsTypeName(Peek())) {
    if (!t.name.empty()) t.name += ' ';
    t.name += ToLower(Next().Identifier());
  }
  if (!t.name.empty()) ParseTypeModifiers(&t);
  return t;
}

ColumnDef SqliteParser::ParseColumnDefinition() {
  ColumnDef col;
  if (Peek().kind == TokenKind::kString) {
    col.name = Next().StringValue(false);  // SQLite accepts 'name' as an identifier
  } else {
    col.name = ParseIdentifier("a column name");
  }
  col.type = ParseTypeName();
  ParseColumnConstraints(&col);
  return col;
}

void SqliteParser::SkipConflictClause() {
  if (!AcceptWords({"ON", "CONFLICT"})) return;
  if (AcceptAnyWord({"ROLLBACK", "ABORT", "FAIL", "IGNORE", "REPLACE"}).empty()) {
    Fail("ROLLBACK, ABORT, FAIL, IGNORE or REPLACE");
  }
}

void SqliteParser::ParseColumnConstraints(ColumnDef* col) {
  while (ok()) {
    std::string name;
    if (AcceptWord("CONSTRAINT")) name = ParseIdentifier("a constraint name");
    if (AcceptWords({"PRIMARY", "KEY"})) {
      col->primary_key = true;
      AcceptAnyWord({"ASC", "DESC"});
      SkipConflictClause();
      if (AcceptWord("AUTOINCREMENT")) col->auto_increment = true;
    } else if (AcceptWord("NOT")) {
      ExpectWord("NULL");
      col->not_null = true;
      SkipConflictClause();
    } else if (AcceptWord("NULL")) {
      SkipConflictClause();
    } else if (AcceptWord("UNIQUE")) {
      col->unique = true;
      SkipConflictClause();
    } else if (AcceptWord("CHECK")) {
      ConstraintDef check = ParseCheckBody();
      check.name = name;
      col->checks.push_back(std::move(check));
    } else if (AcceptWord("DEFAULT")) {
      col->default_value = ParseDefaultValue(SqliteFunctions());
    } else if (AcceptWord("COLLATE")) {
      col->collation = ParseIdentifier("a collation name");
    } else if (IsWord("REFERENCES")) {
      col->references = ParseReferences();
    } else if (IsWords({"GENERATED", "ALWAYS"}) || IsWord("AS")) {
      AcceptWords({"GENERATED", "ALWAYS"});
      ExpectWord("AS");
      SkipBalanced();
      col->generated = AcceptWord("STORED") ? Generated::kStored : Generated::kVirtual;
      AcceptWord("VIRTUAL");
    } else {
      if (!name.empty()) Fail("a column constraint");
      return;
    }
  }
}

// ---- Table constraints --------------------------------------------------------------------------

bool SqliteParser::AtTableConstraint() const {
  return IsAnyWord({"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"});
}

ConstraintDef SqliteParser::ParseTableConstraint() {
  ConstraintDef c;
  std::string name;
  if (AcceptWord("CONSTRAINT")) name = ParseIdentifier("a constraint name");
  if (AcceptWords({"PRIMARY", "KEY"})) {
    c.kind = ConstraintKind::kPrimaryKey;
    c.columns = ParseIndexedColumns();
    SkipConflictClause();
  } else if (AcceptWord("UNIQUE")) {
    c.kind = ConstraintKind::kUnique;
    c.columns = ParseIndexedColumns();
    SkipConflictClause();
  } else if (AcceptWord("CHECK")) {
    c = ParseCheckBody();
    SkipConflictClause();
  } else if (AcceptWords({"FOREIGN", "KEY"})) {
    c.kind = ConstraintKind::kForeignKey;
    c.columns = ParseIdentifierList("a column name");
    c.references = ParseReferences();
  } else {
    Fail("PRIMARY KEY, UNIQUE, CHECK or FOREIGN KEY");
  }
  c.name = name;
  return c;
}

}  // namespace migrate::sqlite
