// SET (variables, NAMES, CHARACTER SET, TRANSACTION …), transaction control (START
// TRANSACTION, BEGIN, COMMIT, ROLLBACK, SAVEPOINT) and LOCK TABLES.
#include "base/strings.h"
#include "sql/mysql/mysql_parser.h"

namespace migrate::mysql {

void MysqlParser::ParseSet(std::vector<Change>* out) {
  ExpectWord("SET");
  if (IsAnyWord({"NAMES", "CHARSET"}) || IsWords({"CHARACTER", "SET"})) {
    return NoEffect(IsWord("NAMES") ? "SET NAMES" : "SET CHARACTER SET", out);
  }
  if (IsWord("TRANSACTION") || (IsAnyWord({"GLOBAL", "SESSION", "LOCAL"}) && IsWord("TRANSACTION", 1))) {
    return NoEffect("SET TRANSACTION", out);
  }
  if (IsAnyWord({"PASSWORD", "ROLE", "DEFAULT", "RESOURCE"})) {
    return NoEffect("SET " + ToUpperAscii(Peek().text), out);
  }
  if (IsWord("STATEMENT")) return Unmodelled("SET STATEMENT … FOR", out);
  do {
    SetVariable var;
    std::string scope = AcceptAnyWord({"GLOBAL", "SESSION", "LOCAL", "PERSIST", "PERSIST_ONLY"});
    var.global = scope == "GLOBAL" || scope == "PERSIST" || scope == "PERSIST_ONLY";
    const Token& t = Peek();
    if (t.kind == TokenKind::kVariable && t.text.size() > 1 && t.text[0] == '@' && t.text[1] == '@') {
      // @@var, @@global.var, @@session.var
      std::string name = ToLower(Next().text.substr(2));
      for (std::string_view s : {"global.", "persist.", "persist_only."}) {
        if (StartsWith(name, s)) {
          var.global = true;
          name = name.substr(s.size());
        }
      }
      for (std::string_view s : {"session.", "local."}) {
        if (StartsWith(name, s)) name = name.substr(s.size());
      }
      var.name = name;
    } else if (t.kind == TokenKind::kVariable) {
      var.name = std::string(Next().text);  // a user variable: @x
    } else if (AtIdentifier()) {
      var.name = ToLower(ParseQualifiedName("a variable name"));
    } else {
      Fail("a variable name");
      return;
    }
    if (!AcceptSymbol("=") && !AcceptSymbol(":=")) {
      Fail("\"=\"");
      return;
    }
    var.value = ParseMysqlExpr().text;
    if (ok()) out->push_back(std::move(var));
  } while (ok() && AcceptSymbol(","));
}

void MysqlParser::ParseTransaction(std::vector<Change>* out) {
  if (AcceptWords({"START", "TRANSACTION"})) {
    // [WITH CONSISTENT SNAPSHOT] [READ ONLY | READ WRITE], …
    while (ok() && !AtEnd()) {
      if (AcceptWords({"WITH", "CONSISTENT", "SNAPSHOT"}) || AcceptWords({"READ", "ONLY"}) ||
          AcceptWords({"READ", "WRITE"})) {
        AcceptSymbol(",");
      } else {
        Fail("WITH CONSISTENT SNAPSHOT, READ ONLY or READ WRITE");
      }
    }
    out->push_back(Transaction{TxnKind::kBegin});
    return;
  }
  if (IsWord("START")) return Unmodelled(LeadingWords(2), out);
  if (AcceptWord("BEGIN")) {
    if (!AtEnd() && !IsWord("WORK")) return Unmodelled("BEGIN … END block", out);
    AcceptWord("WORK");
    out->push_back(Transaction{TxnKind::kBegin});
    return;
  }
  if (ParseSavepointStatement(/*release_needs_keyword=*/true, out)) return;
  const bool commit = AcceptWord("COMMIT");
  if (!commit) ExpectWord("ROLLBACK");
  AcceptWord("WORK");
  if (!commit && AcceptWord("TO")) {
    AcceptWord("SAVEPOINT");
    ParseIdentifier("a savepoint name");
    out->push_back(NoSchemaEffect{"ROLLBACK TO SAVEPOINT"});
    return;
  }
  if (AcceptWord("AND")) {
    AcceptWord("NO");
    ExpectWord("CHAIN");
  }
  if (!AcceptWords({"NO", "RELEASE"})) AcceptWord("RELEASE");
  out->push_back(Transaction{commit ? TxnKind::kCommit : TxnKind::kRollback});
}

void MysqlParser::ParseLockTables(std::vector<Change>* out) {
  ExpectWord("LOCK");
  if (!AcceptWord("TABLES") && !AcceptWord("TABLE")) {
    return Unmodelled(LeadingWords(2), out);
  }
  do {
    std::string table = ParseQualifiedName("a table name");
    if (AcceptWord("AS")) ParseIdentifier("an alias");
    else if (AtIdentifier() && !IsAnyWord({"READ", "WRITE", "LOW_PRIORITY"})) Next();
    std::string mode;
    if (AcceptWord("READ")) {
      mode = AcceptWord("LOCAL") ? "READ LOCAL" : "READ";
    } else if (AcceptWords({"LOW_PRIORITY", "WRITE"})) {
      mode = "LOW_PRIORITY WRITE";
    } else if (AcceptWord("WRITE")) {
      mode = AcceptWord("CONCURRENT") ? "WRITE CONCURRENT" : "WRITE";
    } else {
      Fail("READ or WRITE");
      return;
    }
    out->push_back(LockTable{table, mode});
  } while (ok() && AcceptSymbol(","));
}

}  // namespace migrate::mysql
