// Transaction control (BEGIN [DEFERRED|IMMEDIATE|EXCLUSIVE] [TRANSACTION], COMMIT/END,
// ROLLBACK [TO SAVEPOINT], SAVEPOINT, RELEASE) and maintenance: VACUUM (rewrites the whole
// database file: a full vacuum; VACUUM INTO writes a copy), REINDEX, ANALYZE.
#include "sql/sqlite/sqlite_parser.h"

namespace migrate::sqlite {

void SqliteParser::ParseTransaction(std::vector<Change>* out) {
  if (AcceptWord("BEGIN")) {
    AcceptAnyWord({"DEFERRED", "IMMEDIATE", "EXCLUSIVE"});
    if (AcceptWord("TRANSACTION") && AtIdentifier()) Next();
    out->push_back(Transaction{TxnKind::kBegin});
    return;
  }
  if (AcceptWord("COMMIT") || AcceptWord("END")) {
    if (AcceptWord("TRANSACTION") && AtIdentifier()) Next();
    out->push_back(Transaction{TxnKind::kCommit});
    return;
  }
  if (ParseSavepointStatement(/*release_needs_keyword=*/false, out)) return;
  ExpectWord("ROLLBACK");
  if (AcceptWord("TRANSACTION") && AtIdentifier() && !IsWord("TO")) Next();
  if (AcceptWord("TO")) {
    AcceptWord("SAVEPOINT");
    ParseIdentifier("a savepoint name");
    out->push_back(NoSchemaEffect{"ROLLBACK TO SAVEPOINT"});
    return;
  }
  out->push_back(Transaction{TxnKind::kRollback});
}

void SqliteParser::ParseMaintenance(std::vector<Change>* out) {
  if (AcceptWord("VACUUM")) {
    if (AtIdentifier() && !IsWord("INTO")) Next();  // schema
    if (AcceptWord("INTO")) {
      ParseExpr(SqliteFunctions());
      out->push_back(NoSchemaEffect{"VACUUM INTO"});
      return;
    }
    out->push_back(Vacuum{"", true});
    return;
  }
  if (AcceptWord("REINDEX")) {
    Reindex r;
    if (AtIdentifier()) r.target = ParseObjectName("a table or index name");
    out->push_back(std::move(r));
    return;
  }
  ExpectWord("ANALYZE");
  if (AtIdentifier()) ParseObjectName("a table or index name");
  out->push_back(NoSchemaEffect{"ANALYZE"});
}

}  // namespace migrate::sqlite
