#include "sql/mysql/mysql_parser.h"

#include <array>
#include <utility>

#include "base/strings.h"

namespace migrate::mysql {

const FunctionVolatility& MysqlFunctions() {
  static const FunctionVolatility kFunctions = {
      // immutable
      {"cast", "convert", "char", "binary", "concat", "concat_ws", "lower", "upper", "lcase", "ucase",
       "coalesce", "ifnull", "nullif", "if", "abs", "round", "floor", "ceil", "ceiling", "length",
       "char_length", "substring", "substr", "trim", "ltrim", "rtrim", "replace", "hex", "unhex", "md5",
       "sha1", "sha2", "json_array", "json_object", "json_quote", "json_merge_preserve", "date_format",
       "str_to_date", "date_add", "date_sub", "adddate", "subdate", "timestampadd", "greatest", "least",
       "point", "st_geomfromtext", "st_pointfromtext", "st_srid", "inet_aton", "inet6_aton",
       "uuid_to_bin", "bin_to_uuid", "from_unixtime", "date", "time", "timestamp", "year", "month",
       "day", "left", "right", "lpad", "rpad", "repeat", "space", "format", "truncate", "mod"},
      // stable
      {"now", "current_timestamp", "localtime", "localtimestamp", "current_date", "curdate",
       "current_time", "curtime", "utc_timestamp", "utc_date", "utc_time", "unix_timestamp",
       "current_user", "user", "session_user", "system_user", "database", "schema", "version"},
      // stable without parentheses
      {"CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "LOCALTIME", "LOCALTIMESTAMP",
       "UTC_TIMESTAMP", "UTC_DATE", "UTC_TIME", "CURRENT_USER"},
  };
  return kFunctions;
}

MysqlParser::MysqlParser(std::string_view statement) : ParserBase(statement, MysqlLexerDialect()) {}

void MysqlParser::Dispatch(std::vector<Change>* out) {
  const Token& t = Peek();
  if (t.IsSymbol("(")) {
    // (SELECT …) UNION …
    return NoEffect("SELECT", out);
  }
  if (t.kind != TokenKind::kWord) return Unmodelled(LeadingWords(2), out);
  if (t.IsWord("CREATE")) return ParseCreate(out);
  if (t.IsWord("ALTER")) return ParseAlter(out);
  if (t.IsWord("DROP")) return ParseDrop(out);
  if (t.IsWord("RENAME")) return ParseRename(out);
  if (t.IsWord("INSERT") || t.IsWord("REPLACE")) return ParseInsert(out);
  if (t.IsWord("UPDATE")) return ParseUpdate(out);
  if (t.IsWord("DELETE")) return ParseDelete(out);
  if (t.IsWord("WITH")) return ParseWith(out);
  if (t.IsWord("TRUNCATE")) return ParseTruncate(out);
  if (t.IsWord("SET")) return ParseSet(out);
  if (IsAnyWord({"START", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"})) return ParseTransaction(out);
  if (t.IsWord("LOCK")) return ParseLockTables(out);
  if (t.IsWord("UNLOCK")) return NoEffect("UNLOCK TABLES", out);
  if (IsAnyWord({"OPTIMIZE", "ANALYZE", "CHECK", "CHECKSUM", "REPAIR"})) return ParseTableMaintenance(out);
  if (IsAnyWord({"SELECT", "TABLE", "VALUES"})) return NoEffect("SELECT", out);
  if (IsAnyWord({"SHOW", "DESCRIBE", "DESC", "EXPLAIN", "HELP"})) return NoEffect(ToUpperAscii(t.text), out);
  if (IsAnyWord({"GRANT", "REVOKE", "FLUSH", "PREPARE", "DEALLOCATE", "USE", "HANDLER", "RESET"})) {
    return NoEffect(ToUpperAscii(t.text), out);
  }
  // CALL runs a routine whose body is not analysed; DO, EXECUTE, LOAD DATA … run SQL we do not see.
  if (t.IsWord("CALL") && AtIdentifier(1)) return Unmodelled("CALL " + std::string(Peek(1).text), out);
  if (IsAnyWord({"EXECUTE", "DO", "CALL"})) return Unmodelled(ToUpperAscii(t.text), out);
  return Unmodelled(LeadingWords(2), out);
}

void MysqlParser::ParseCreate(std::vector<Change>* out) {
  const size_t start = pos();
  ExpectWord("CREATE");
  const bool or_replace = AcceptWords({"OR", "REPLACE"});
  if (IsWord("TABLE") || IsWords({"TEMPORARY", "TABLE"})) {
    Rewind(start);
    return ParseCreateTable(out);
  }
  if (IsWord("INDEX") ||
      (IsAnyWord({"UNIQUE", "FULLTEXT", "SPATIAL", "ONLINE", "OFFLINE"}) && (IsWord("INDEX", 1) || IsWord("INDEX", 2)))) {
    Rewind(start);
    return ParseCreateIndex(out);
  }
  if (IsAnyWord({"USER", "ROLE"})) return NoEffect("CREATE " + ToUpperAscii(Peek().text), out);
  if (IsAnyWord({"TABLESPACE", "SERVER", "LOGFILE", "UNDO", "RESOURCE", "SPATIAL"})) {
    return Unmodelled("CREATE " + ToUpperAscii(Peek().text), out);
  }
  ParseCreateObject(or_replace, out);
}

void MysqlParser::ParseAlter(std::vector<Change>* out) {
  const size_t start = pos();
  ExpectWord("ALTER");
  AcceptAnyWord({"ONLINE", "OFFLINE"});
  AcceptWord("IGNORE");
  if (IsWord("TABLE")) {
    Rewind(start);
    return ParseAlterTable(out);
  }
  if (IsAnyWord({"ALGORITHM", "DEFINER", "SQL", "VIEW"})) {
    SkipDefinerAndFriends();
    if (AcceptWord("VIEW")) {
      // ALTER VIEW redefines the view, like CREATE OR REPLACE VIEW.
      std::string name = ParseQualifiedName("a view name");
      SkipRest();
      if (ok()) out->push_back(CreateObject{ObjectKind::kView, name, true});
      return;
    }
    // ALTER DEFINER=… PROCEDURE/EVENT …
  }
  if (IsAnyWord({"DATABASE", "SCHEMA", "USER", "EVENT", "PROCEDURE", "FUNCTION", "SEQUENCE"})) {
    return NoEffect("ALTER " + ToUpperAscii(Peek().text), out);
  }
  Rewind(start);
  Unmodelled(LeadingWords(2), out);
}

// ---- Data types ---------------------------------------------------------------------------------

namespace {

bool IsIntegerType(std::string_view n) {
  return n == "tinyint" || n == "smallint" || n == "mediumint" || n == "int" || n == "bigint";
}

// Maps one lower-case spelling to MySQL's canonical type name.
std::string CanonicalName(const std::string& n) {
  static const std::array<std::pair<std::string_view, std::string_view>, 28> kAliases = {{
      {"integer", "int"}, {"int4", "int"}, {"int1", "tinyint"}, {"int2", "smallint"},
      {"int3", "mediumint"}, {"middleint", "mediumint"}, {"int8", "bigint"}, {"dec", "decimal"},
      {"numeric", "decimal"}, {"fixed", "decimal"}, {"double precision", "double"}, {"real", "double"},
      {"float4", "float"}, {"float8", "double"}, {"character", "char"}, {"character varying", "varchar"},
      {"char varying", "varchar"}, {"national char", "char"}, {"national character", "char"},
      {"nchar", "char"}, {"national varchar", "varchar"}, {"nvarchar", "varchar"},
      {"nchar varying", "varchar"}, {"national char varying", "varchar"},
      {"national character varying", "varchar"}, {"long varchar", "mediumtext"}, {"long", "mediumtext"},
      {"long varbinary", "mediumblob"},
  }};
  for (const auto& [alias, canonical] : kAliases) {
    if (n == alias) return std::string(canonical);
  }
  return n;
}

void Canonicalize(TypeName* t, bool is_unsigned) {
  std::string n = CanonicalName(t->name);
  if (n == "bool" || n == "boolean") {
    n = "tinyint";
    t->modifiers = {1};
  }
  if (IsIntegerType(n) && !(n == "tinyint" && t->modifiers == std::vector<int64_t>{1})) t->modifiers.clear();
  if (n == "decimal") {
    if (t->modifiers.empty()) t->modifiers = {10, 0};
    if (t->modifiers.size() == 1) t->modifiers.push_back(0);
  }
  if (n == "float" && t->modifiers.size() == 1) {
    // FLOAT(p): a precision in bits picks FLOAT or DOUBLE.
    n = t->modifiers[0] > 24 ? "double" : "float";
    t->modifiers.clear();
  }
  if ((n == "char" || n == "binary" || n == "bit") && t->modifiers.empty()) t->modifiers = {1};
  if ((n == "datetime" || n == "timestamp" || n == "time") && t->modifiers == std::vector<int64_t>{0}) {
    t->modifiers.clear();
  }
  if (n == "year") t->modifiers.clear();
  if (is_unsigned) n += " unsigned";
  t->name = std::move(n);
}

}  // namespace

TypeName MysqlParser::ParseDataType(ColumnDef* col) {
  TypeName t;
  if (Peek().kind != TokenKind::kWord) {
    Fail("a data type");
    return t;
  }
  std::string name = ToLower(Next().text);
  // Multi-word spellings.
  if (name == "double" && AcceptWord("PRECISION")) {
    name = "double precision";
  } else if (name == "national") {
    std::string second = AcceptAnyWord({"CHARACTER", "CHAR", "VARCHAR"});
    if (second.empty()) {
      Fail("CHAR, CHARACTER or VARCHAR");
      return t;
    }
    name += " " + ToLower(second);
  } else if (name == "long") {
    std::string second = AcceptAnyWord({"VARCHAR", "VARBINARY"});
    if (!second.empty()) name += " " + ToLower(second);
  }
  if ((name == "character" || name == "char" || name == "nchar" || name == "national char" ||
       name == "national character") &&
      AcceptWord("VARYING")) {
    name += " varying";
  }
  t.name = name;
  ParseTypeModifiers(&t);
  bool is_unsigned = false;
  while (ok()) {
    if (AcceptWord("UNSIGNED") || AcceptWord("ZEROFILL")) {
      is_unsigned = true;
    } else if (!AcceptWord("SIGNED")) {
      break;
    }
  }
  if (name == "serial") {
    // SERIAL = BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE.
    t.name = "bigint";
    is_unsigned = true;
    if (col) col->auto_increment = col->not_null = col->unique = true;
  }
  Canonicalize(&t, is_unsigned);
  return t;
}

// ---- Column definitions -------------------------------------------------------------------------

ColumnDef MysqlParser::ParseColumnDefinition() {
  ColumnDef col;
  col.name = ParseIdentifier("a column name");
  col.type = ParseDataType(&col);
  ParseColumnAttributes(&col);
  return col;
}

void MysqlParser::ParseColumnAttributes(ColumnDef* col) {
  while (ok()) {
    if (AcceptWord("NOT")) {
      ExpectWord("NULL");
      col->not_null = true;
    } else if (AcceptWord("NULL")) {
      col->not_null = false;
    } else if (AcceptWord("DEFAULT")) {
      col->default_value = ParseDefaultValue(MysqlFunctions());
    } else if (AcceptWords({"ON", "UPDATE"})) {
      ParseDefaultValue(MysqlFunctions());  // CURRENT_TIMESTAMP[(n)]: no schema effect
    } else if (AcceptWord("AUTO_INCREMENT")) {
      col->auto_increment = true;
    } else if (AcceptWords({"SERIAL", "DEFAULT", "VALUE"})) {
      col->auto_increment = col->not_null = col->unique = true;
    } else if (AcceptWord("UNIQUE")) {
      AcceptWord("KEY");
      col->unique = true;
    } else if (AcceptWords({"PRIMARY", "KEY"}) || AcceptWord("KEY")) {
      col->primary_key = col->not_null = true;
    } else if (AcceptWord("COMMENT")) {
      if (Peek().kind != TokenKind::kString) Fail("a string");
      else Next();
    } else if (AcceptWord("COLLATE")) {
      col->collation = ParseNameOrString("a collation name");
    } else if (AcceptWords({"CHARACTER", "SET"}) || AcceptWord("CHARSET")) {
      col->charset = ParseNameOrString("a character set name");
    } else if (IsAnyWord({"BINARY", "ASCII", "UNICODE", "BYTE", "VISIBLE", "INVISIBLE"})) {
      Next();
    } else if (AcceptAnyWord({"COLUMN_FORMAT", "STORAGE"}) != "") {
      if (AcceptAnyWord({"FIXED", "DYNAMIC", "DEFAULT", "DISK", "MEMORY", "COMPRESSED"}).empty()) {
        Fail("FIXED, DYNAMIC, DEFAULT, DISK or MEMORY");
      }
    } else if (AcceptAnyWord({"ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE", "COMPRESSED", "SRID",
                              "REF_SYSTEM_ID"}) != "") {
      // [=] value (COMPRESSED may stand alone).
      if (AcceptSymbol("=") || Peek().kind == TokenKind::kString || Peek().kind == TokenKind::kNumber) {
        if (Peek().kind == TokenKind::kString || Peek().kind == TokenKind::kNumber || AtIdentifier()) Next();
        else Fail("a value");
      }
    } else if (AcceptWords({"WITH", "SYSTEM", "VERSIONING"}) || AcceptWords({"WITHOUT", "SYSTEM", "VERSIONING"})) {
    } else if (IsWord("CHECK") || (IsWord("CONSTRAINT") && (IsWord("CHECK", 1) || IsWord("CHECK", 2)))) {
      std::string name;
      if (AcceptWord("CONSTRAINT") && !IsWord("CHECK")) name = ParseIdentifier("a constraint name");
      ExpectWord("CHECK");
      ConstraintDef check = ParseCheckBody();
      check.name = name;
      if (AcceptWord("NOT")) ExpectWord("ENFORCED");
      else AcceptWord("ENFORCED");
      col->checks.push_back(std::move(check));
    } else if (IsWord("REFERENCES")) {
      col->references = ParseReferences();
    } else if (IsWords({"GENERATED", "ALWAYS"}) || IsWord("AS")) {
      AcceptWords({"GENERATED", "ALWAYS"});
      ExpectWord("AS");
      SkipBalanced();
      std::string kind = AcceptAnyWord({"VIRTUAL", "STORED", "PERSISTENT"});
      col->generated = kind == "STORED" || kind == "PERSISTENT" ? Generated::kStored : Generated::kVirtual;
    } else {
      return;
    }
  }
}

std::string MysqlParser::ParseNameOrString(std::string_view what) {
  if (Peek().kind == TokenKind::kString) return Next().StringValue(true);
  return ParseIdentifier(what);
}

void MysqlParser::ParseColumnPosition(ColumnDef* col) {
  if (AcceptWord("FIRST")) {
    col->position = "FIRST";
  } else if (AcceptWord("AFTER")) {
    col->position = "AFTER " + ParseIdentifier("a column name");
  }
}

// ---- Key definitions ----------------------------------------------------------------------------

bool MysqlParser::AtKeyDefinition() const {
  return IsAnyWord({"INDEX", "KEY", "UNIQUE", "FULLTEXT", "SPATIAL", "PRIMARY", "FOREIGN", "CONSTRAINT", "CHECK"});
}

void MysqlParser::SkipIndexOptions() {
  while (ok()) {
    if (AcceptWord("USING")) {
      if (AcceptAnyWord({"BTREE", "HASH", "RTREE"}).empty()) Fail("BTREE, HASH or RTREE");
    } else if (AcceptWord("KEY_BLOCK_SIZE") || AcceptWord("ENGINE_ATTRIBUTE") ||
               AcceptWord("SECONDARY_ENGINE_ATTRIBUTE") || AcceptWord("CLUSTERING")) {
      AcceptSymbol("=");
      if (AtEnd() || IsSymbol(",") || IsSymbol(")")) Fail("a value");
      else Next();
    } else if (AcceptWords({"WITH", "PARSER"})) {
      ParseIdentifier("a parser name");
    } else if (AcceptWord("COMMENT")) {
      if (Peek().kind != TokenKind::kString) Fail("a string");
      else Next();
    } else if (AcceptAnyWord({"VISIBLE", "INVISIBLE", "IGNORED"}) != "" || AcceptWords({"NOT", "IGNORED"})) {
    } else {
      return;
    }
  }
}

KeyDefinition MysqlParser::ParseKeyDefinition(const std::string& table) {
  KeyDefinition key;
  key.index.table = table;
  std::string constraint_name;
  const bool has_constraint = AcceptWord("CONSTRAINT");
  if (has_constraint && !IsAnyWord({"PRIMARY", "UNIQUE", "FOREIGN", "CHECK"})) {
    AcceptIfNotExists();
    constraint_name = ParseIdentifier("a constraint name");
  }
  auto index_name = [&]() {
    // [IF NOT EXISTS] [name] [USING type] before the column list.
    if (AcceptIfNotExists()) key.index.if_not_exists = true;
    if (AtIdentifier() && !IsWord("USING")) key.index.index = Next().Identifier();
    SkipIndexOptions();
  };
  if (AcceptWord("PRIMARY")) {
    ExpectWord("KEY");
    SkipIndexOptions();
    key.constraint.kind = ConstraintKind::kPrimaryKey;
    key.constraint.name = constraint_name;
    key.constraint.columns = ParseIndexedColumns();
    SkipIndexOptions();
  } else if (AcceptWord("UNIQUE")) {
    AcceptAnyWord({"INDEX", "KEY"});
    key.is_index = true;
    key.index.unique = true;
    key.index.index = constraint_name;
    index_name();
    key.index.columns = ParseIndexedColumns();
    SkipIndexOptions();
  } else if (AcceptWords({"FOREIGN", "KEY"})) {
    key.constraint.kind = ConstraintKind::kForeignKey;
    key.constraint.name = constraint_name;
    AcceptIfNotExists();
    if (AtIdentifier()) {
      std::string index = Next().Identifier();  // the index MySQL creates for the key
      if (constraint_name.empty()) key.constraint.name = index;
    }
    key.constraint.columns = ParseIdentifierList("a column name");
    key.constraint.references = ParseReferences();
  } else if (AcceptWord("CHECK")) {
    key.constraint = ParseCheckBody();
    key.constraint.name = constraint_name;
    if (AcceptWord("NOT")) ExpectWord("ENFORCED");
    else AcceptWord("ENFORCED");
  } else if (!has_constraint && (IsAnyWord({"INDEX", "KEY", "FULLTEXT", "SPATIAL"}))) {
    std::string kind = AcceptAnyWord({"FULLTEXT", "SPATIAL"});
    key.is_index = true;
    key.index.kind = kind;
    if (kind.empty()) Next();
    else AcceptAnyWord({"INDEX", "KEY"});
    index_name();
    key.index.columns = ParseIndexedColumns();
    SkipIndexOptions();
  } else {
    Fail(has_constraint ? "PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK" : "a key definition");
  }
  return key;
}

// ---- Table options ------------------------------------------------------------------------------

namespace {

constexpr std::string_view kTableOptions[] = {
    "ENGINE", "TYPE", "AUTO_INCREMENT", "AVG_ROW_LENGTH", "CHECKSUM", "TABLE_CHECKSUM", "COMMENT",
    "COMPRESSION", "CONNECTION", "DELAY_KEY_WRITE", "ENCRYPTION", "ENCRYPTED", "ENCRYPTION_KEY_ID",
    "INSERT_METHOD", "KEY_BLOCK_SIZE", "MAX_ROWS", "MIN_ROWS", "PACK_KEYS", "PASSWORD", "ROW_FORMAT",
    "STATS_AUTO_RECALC", "STATS_PERSISTENT", "STATS_SAMPLE_PAGES", "TABLESPACE", "STORAGE", "UNION",
    "ENGINE_ATTRIBUTE", "SECONDARY_ENGINE", "SECONDARY_ENGINE_ATTRIBUTE", "AUTOEXTEND_SIZE",
    "PAGE_CHECKSUM", "PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL", "IETF_QUOTES", "TRANSACTIONAL",
    "SEQUENCE", "CHARSET", "COLLATE"};

}  // namespace

bool MysqlParser::AtTableOption() const {
  size_t i = IsWord("DEFAULT") ? 1 : 0;
  const Token& t = Peek(i);
  if (t.IsWord("CHARACTER") && Peek(i + 1).IsWord("SET")) return true;
  if ((t.IsWord("DATA") || t.IsWord("INDEX")) && Peek(i + 1).IsWord("DIRECTORY")) return true;
  if (t.IsWord("WITH") && Peek(i + 1).IsWord("SYSTEM")) return true;
  for (std::string_view o : kTableOptions) {
    if (t.IsWord(o)) return i == 0 || o == "CHARSET" || o == "COLLATE";
  }
  return false;
}

TableOption MysqlParser::ParseTableOption(const std::string& table) {
  TableOption opt;
  opt.table = table;
  const bool is_default = AcceptWord("DEFAULT");
  if (AcceptWords({"CHARACTER", "SET"}) || AcceptWord("CHARSET")) {
    opt.name = "DEFAULT CHARSET";
  } else if (AcceptWord("COLLATE")) {
    opt.name = "COLLATE";
  } else if (AcceptWords({"WITH", "SYSTEM", "VERSIONING"})) {
    opt.name = "WITH SYSTEM VERSIONING";
    return opt;
  } else if (IsAnyWord({"DATA", "INDEX"})) {
    opt.name = ToUpperAscii(Next().text) + " DIRECTORY";
    ExpectWord("DIRECTORY");
  } else if (!is_default && Peek().kind == TokenKind::kWord) {
    opt.name = ToUpperAscii(Next().text);
  } else {
    Fail("a table option");
    return opt;
  }
  AcceptSymbol("=");
  if (IsSymbol("(")) {
    const size_t first = pos();
    SkipBalanced();
    opt.value = std::string(TextOf(first, pos()));
  } else if (AtEnd() || IsSymbol(",")) {
    Fail("a value for " + opt.name);
  } else {
    opt.value = std::string(Next().text);
  }
  if (opt.name == "TABLESPACE" && AcceptWord("STORAGE")) AcceptAnyWord({"DISK", "MEMORY", "DEFAULT"});
  return opt;
}

bool MysqlParser::ParseOnlineDdlOption(OnlineDdlClause* clause) {
  std::string which = AcceptAnyWord({"ALGORITHM", "LOCK"});
  if (which.empty()) return false;
  AcceptSymbol("=");
  if (Peek().kind != TokenKind::kWord) {
    Fail(which == "ALGORITHM" ? "INSTANT, INPLACE, COPY, NOCOPY or DEFAULT" : "NONE, SHARED, EXCLUSIVE or DEFAULT");
    return true;
  }
  std::string value = ToUpperAscii(Next().text);
  (which == "ALGORITHM" ? clause->algorithm : clause->lock) = value;
  return true;
}

void MysqlParser::SkipUser() {
  // user, 'user'@'host', `user`@`host`, CURRENT_USER[()]
  if (AcceptWord("CURRENT_USER")) {
    if (AcceptSymbol("(")) ExpectSymbol(")");
    return;
  }
  if (!AtIdentifier() && Peek().kind != TokenKind::kString) {
    Fail("a user name");
    return;
  }
  Next();
  if (Peek().kind == TokenKind::kVariable && !Peek().text.empty() && Peek().text[0] == '@') Next();
}

void MysqlParser::SkipDefinerAndFriends() {
  while (ok()) {
    if (AcceptWord("DEFINER")) {
      ExpectSymbol("=");
      SkipUser();
    } else if (AcceptWord("ALGORITHM")) {
      ExpectSymbol("=");
      if (AcceptAnyWord({"UNDEFINED", "MERGE", "TEMPTABLE"}).empty()) Fail("UNDEFINED, MERGE or TEMPTABLE");
    } else if (AcceptWords({"SQL", "SECURITY"})) {
      if (AcceptAnyWord({"DEFINER", "INVOKER"}).empty()) Fail("DEFINER or INVOKER");
    } else {
      return;
    }
  }
}

}  // namespace migrate::mysql
