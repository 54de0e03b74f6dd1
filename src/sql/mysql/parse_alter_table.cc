// ALTER [ONLINE] [IGNORE] TABLE [IF EXISTS] t action [, action …]: one Change per action (ADD,
// DROP, MODIFY, CHANGE, RENAME, ALTER [COLUMN|INDEX|CHECK], CONVERT TO CHARACTER SET, table
// options, ORDER BY, FORCE …). ALGORITHM= and LOCK= apply to the whole statement and become one
// OnlineDdlClause, after the actions. Partition maintenance ends the statement and is not modelled.
#include "sql/mysql/mysql_parser.h"

namespace migrate::mysql {

namespace {

// The partition operations (and tablespace ones) of ALTER TABLE: they come last.
bool AtPartitionOperation(const Token& t, const Token& next) {
  if (t.IsWord("PARTITION") || t.IsWord("REMOVE") || t.IsWord("COALESCE") || t.IsWord("REORGANIZE") ||
      t.IsWord("EXCHANGE") || t.IsWord("REBUILD") || t.IsWord("UPGRADE")) {
    return true;
  }
  if (t.IsWord("ADD") || t.IsWord("DROP") || t.IsWord("TRUNCATE") || t.IsWord("ANALYZE") || t.IsWord("CHECK") ||
      t.IsWord("OPTIMIZE") || t.IsWord("REPAIR") || t.IsWord("DISCARD") || t.IsWord("IMPORT")) {
    return next.IsWord("PARTITION") || next.IsWord("TABLESPACE");
  }
  return false;
}

bool SameColumnName(const std::string& a, const std::string& b) { return EqualsIgnoreCase(a, b); }

}  // namespace

void MysqlParser::ParseAlterTable(std::vector<Change>* out) {
  ExpectWord("ALTER");
  OnlineDdlClause online;
  bool has_online = false;
  if (AcceptWord("ONLINE")) {
    online.lock = "NONE";  // MariaDB: ALTER ONLINE TABLE is LOCK=NONE
    has_online = true;
  }
  AcceptWord("OFFLINE");
  AcceptWord("IGNORE");
  ExpectWord("TABLE");
  AcceptIfExists();
  const std::string table = ParseQualifiedName("a table name");
  if (AcceptWord("WAIT")) {
    if (Peek().kind != TokenKind::kNumber) Fail("a number");
    else Next();
  } else {
    AcceptWord("NOWAIT");
  }
  if (ok() && AtEnd()) {
    out->push_back(NoSchemaEffect{"ALTER TABLE without actions"});
    return;
  }
  while (ok() && !AtEnd()) {
    bool is_option = false;
    if (AtPartitionOperation(Peek(), Peek(1))) {
      std::string what = "ALTER TABLE … " + ToUpperAscii(Peek().text);
      if (Peek(1).kind == TokenKind::kWord) what += " " + ToUpperAscii(Peek(1).text);
      SkipRest();
      out->push_back(Unanalyzed{what});
      break;
    }
    if (ParseOnlineDdlOption(&online)) {
      has_online = true;
      is_option = true;
    } else if (AtTableOption()) {
      out->push_back(ParseTableOption(table));
      is_option = true;
    } else if (IsWord("ADD")) {
      ParseAlterAdd(table, out);
    } else if (IsWord("DROP")) {
      ParseAlterDrop(table, out);
    } else if (IsWord("ALTER")) {
      ParseAlterColumn(table, out);
    } else if (AcceptWord("MODIFY")) {
      AcceptWord("COLUMN");
      AcceptIfExists();
      ColumnDef col = ParseColumnDefinition();
      ParseColumnPosition(&col);
      std::string name = col.name;
      out->push_back(ModifyColumn{table, name, std::move(col)});
    } else if (AcceptWord("CHANGE")) {
      AcceptWord("COLUMN");
      AcceptIfExists();
      std::string old_name = ParseIdentifier("a column name");
      ColumnDef col = ParseColumnDefinition();
      ParseColumnPosition(&col);
      if (!ok()) break;
      // A renaming CHANGE reports the rename first, then modifies the column under its new name.
      std::string name = old_name;
      if (!SameColumnName(old_name, col.name)) {
        out->push_back(RenameColumn{table, old_name, col.name});
        name = col.name;
      }
      out->push_back(ModifyColumn{table, name, std::move(col)});
    } else if (AcceptWord("RENAME")) {
      if (AcceptWord("COLUMN")) {
        AcceptIfExists();
        std::string from = ParseIdentifier("a column name");
        ExpectWord("TO");
        std::string to = ParseIdentifier("a column name");
        out->push_back(RenameColumn{table, from, to});
      } else if (AcceptAnyWord({"INDEX", "KEY"}) != "") {
        AcceptIfExists();
        ParseIdentifier("an index name");
        ExpectWord("TO");
        ParseIdentifier("an index name");
        out->push_back(NoSchemaEffect{"rename of an index"});
      } else {
        if (!AcceptWord("TO")) AcceptWord("AS");
        std::string to = ParseQualifiedName("a table name");
        out->push_back(RenameTable{table, to, false});
      }
    } else if (AcceptWords({"CONVERT", "TO"})) {
      ConvertCharset c;
      c.table = table;
      if (!AcceptWords({"CHARACTER", "SET"}) && !AcceptWord("CHARSET")) Fail("CHARACTER SET");
      c.charset = ParseNameOrString("a character set name");
      if (AcceptWord("COLLATE")) c.collation = ParseNameOrString("a collation name");
      out->push_back(std::move(c));
    } else if (AcceptAnyWord({"ENABLE", "DISABLE"}) != "") {
      ExpectWord("KEYS");
      out->push_back(NoSchemaEffect{"ALTER TABLE … ENABLE/DISABLE KEYS"});
    } else if (AcceptWord("FORCE")) {
      out->push_back(TableOption{table, "FORCE", ""});
    } else if (AcceptWords({"ORDER", "BY"})) {
      const size_t first = pos();
      do {
        ParseQualifiedName("a column name");
        AcceptAnyWord({"ASC", "DESC"});
      } while (ok() && AcceptSymbol(","));
      out->push_back(TableOption{table, "ORDER BY", std::string(TextOf(first, pos()))});
    } else if (AcceptAnyWord({"WITH", "WITHOUT"}) != "") {
      ExpectWord("VALIDATION");
    } else {
      Fail("an ALTER TABLE action");
      break;
    }
    if (!ok() || AtEnd()) break;
    if (AcceptSymbol(",")) continue;
    // Table options may follow each other without commas (ENGINE=InnoDB DEFAULT CHARSET=utf8).
    if (is_option && AtTableOption()) continue;
    if (AtPartitionOperation(Peek(), Peek(1))) continue;
    Fail("\",\" or end of statement");
  }
  if (ok() && has_online) out->push_back(online);
}

void MysqlParser::ParseAlterAdd(const std::string& table, std::vector<Change>* out) {
  ExpectWord("ADD");
  if (IsAnyWord({"SYSTEM", "PERIOD"})) {
    std::string what = "ALTER TABLE … ADD " + ToUpperAscii(Peek().text);
    SkipRest();
    out->push_back(Unanalyzed{what});
    return;
  }
  auto add_key = [&]() {
    KeyDefinition key = ParseKeyDefinition(table);
    if (!ok()) return;
    if (key.is_index) out->push_back(std::move(key.index));
    else out->push_back(AddConstraint{table, std::move(key.constraint)});
  };
  if (AtKeyDefinition()) return add_key();
  AcceptWord("COLUMN");
  const bool if_not_exists = AcceptIfNotExists();
  if (AcceptSymbol("(")) {
    // ADD (a int, b int)
    do {
      if (AtKeyDefinition()) add_key();
      else out->push_back(AddColumn{table, ParseColumnDefinition(), if_not_exists});
    } while (ok() && AcceptSymbol(","));
    ExpectSymbol(")");
    return;
  }
  ColumnDef col = ParseColumnDefinition();
  ParseColumnPosition(&col);
  out->push_back(AddColumn{table, std::move(col), if_not_exists});
}

void MysqlParser::ParseAlterDrop(const std::string& table, std::vector<Change>* out) {
  ExpectWord("DROP");
  if (AcceptWords({"PRIMARY", "KEY"})) {
    out->push_back(DropConstraint{table, "PRIMARY", false});
  } else if (AcceptAnyWord({"INDEX", "KEY"}) != "") {
    const bool if_exists = AcceptIfExists();
    std::string name = ParseIdentifier("an index name");
    out->push_back(DropIndex{name, false, if_exists, table});
  } else if (AcceptWords({"FOREIGN", "KEY"}) || AcceptAnyWord({"CHECK", "CONSTRAINT"}) != "") {
    const bool if_exists = AcceptIfExists();
    std::string name = ParseIdentifier("a constraint name");
    out->push_back(DropConstraint{table, name, if_exists});
  } else if (IsAnyWord({"SYSTEM", "PERIOD"})) {
    std::string what = "ALTER TABLE … DROP " + ToUpperAscii(Peek().text);
    SkipRest();
    out->push_back(Unanalyzed{what});
  } else {
    AcceptWord("COLUMN");
    const bool if_exists = AcceptIfExists();
    std::string name = ParseIdentifier("a column name");
    AcceptAnyWord({"RESTRICT", "CASCADE"});
    out->push_back(DropColumn{table, name, if_exists});
  }
}

void MysqlParser::ParseAlterColumn(const std::string& table, std::vector<Change>* out) {
  ExpectWord("ALTER");
  if (AcceptAnyWord({"INDEX", "KEY"}) != "") {
    ParseIdentifier("an index name");
    if (AcceptAnyWord({"VISIBLE", "INVISIBLE", "IGNORED"}).empty() && !AcceptWords({"NOT", "IGNORED"})) {
      Fail("VISIBLE or INVISIBLE");
    }
    out->push_back(NoSchemaEffect{"ALTER INDEX … VISIBLE/INVISIBLE"});
    return;
  }
  if (AcceptAnyWord({"CHECK", "CONSTRAINT"}) != "") {
    ParseIdentifier("a constraint name");
    if (AcceptWord("NOT")) {
      ExpectWord("ENFORCED");
      out->push_back(NoSchemaEffect{"ALTER CHECK … NOT ENFORCED"});
    } else {
      ExpectWord("ENFORCED");
      out->push_back(Unanalyzed{"ALTER CHECK … ENFORCED"});
    }
    return;
  }
  AcceptWord("COLUMN");
  std::string column = ParseIdentifier("a column name");
  if (AcceptWord("SET")) {
    if (AcceptWord("DEFAULT")) {
      Expr value = ParseDefaultValue(MysqlFunctions());
      out->push_back(SetDefault{table, column, std::move(value)});
    } else if (AcceptAnyWord({"VISIBLE", "INVISIBLE"}) != "") {
      out->push_back(NoSchemaEffect{"ALTER COLUMN … SET VISIBLE/INVISIBLE"});
    } else {
      Fail("DEFAULT, VISIBLE or INVISIBLE");
    }
  } else if (AcceptWord("DROP")) {
    ExpectWord("DEFAULT");
    out->push_back(DropDefault{table, column});
  } else {
    Fail("SET or DROP");
  }
}

}  // namespace migrate::mysql
