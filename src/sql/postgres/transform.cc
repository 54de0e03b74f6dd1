#include "sql/postgres/transform.h"

#include <string_view>

#include "base/strings.h"
#include "sql/postgres/nodes.h"

namespace migrate::pg {
namespace {

using TransformFn = void (*)(JsonNode, std::vector<Change>*);

// Statement kinds with a transform of their own.
struct Dispatch {
  std::string_view kind;
  TransformFn fn;
};
constexpr Dispatch kTransforms[] = {
    {"CreateStmt", TransformCreateTable},         {"CreateTableAsStmt", TransformCreateTableAs},
    {"AlterTableStmt", TransformAlterTable},      {"IndexStmt", TransformIndex},
    {"ReindexStmt", TransformReindex},            {"DropStmt", TransformDrop},
    {"RenameStmt", TransformRename},              {"AlterObjectSchemaStmt", TransformAlterObjectSchema},
    {"InsertStmt", TransformInsert},              {"UpdateStmt", TransformUpdate},
    {"DeleteStmt", TransformDelete},              {"TruncateStmt", TransformTruncate},
    {"CreateEnumStmt", TransformCreateEnum},      {"AlterEnumStmt", TransformAlterEnum},
    {"VacuumStmt", TransformVacuum},              {"ClusterStmt", TransformCluster},
    {"LockStmt", TransformLock},                  {"TransactionStmt", TransformTransaction},
};

// Statements with no schema effect on running code, and how to call them.
struct Harmless {
  std::string_view kind;
  std::string_view what;
};
constexpr Harmless kNoSchemaEffect[] = {
    {"CommentStmt", "COMMENT"},
    {"GrantStmt", "GRANT"},
    {"GrantRoleStmt", "GRANT"},
    {"AlterDefaultPrivilegesStmt", "ALTER DEFAULT PRIVILEGES"},
    {"AlterOwnerStmt", "ALTER … OWNER"},
    {"SelectStmt", "SELECT"},
    {"CreateRoleStmt", "CREATE ROLE"},
    {"AlterRoleStmt", "ALTER ROLE"},
    {"CreateStatsStmt", "CREATE STATISTICS"},
    {"AlterSeqStmt", "ALTER SEQUENCE"},
    {"AlterFunctionStmt", "ALTER FUNCTION"},
    {"CreatePolicyStmt", "CREATE POLICY"},
    {"AlterPolicyStmt", "ALTER POLICY"},
    {"NotifyStmt", "NOTIFY"},
    {"DiscardStmt", "DISCARD"},
    {"ConstraintsSetStmt", "SET CONSTRAINTS"},
    {"CheckPointStmt", "CHECKPOINT"},
    {"ExplainStmt", "EXPLAIN"},
    {"VariableShowStmt", "SHOW"},
    {"CallStmt", "CALL"},
};

}  // namespace

void TransformStatement(JsonNode stmt, std::vector<Change>* out) {
  const std::string_view kind = stmt.Kind();
  const JsonNode s = stmt.Inner();
  for (const Dispatch& d : kTransforms) {
    if (d.kind == kind) return d.fn(s, out);
  }
  if (kind == "SelectStmt" && s["intoClause"]) {
    CreateTable t;  // SELECT … INTO t: CREATE TABLE t AS SELECT
    t.table = RelationName(s["intoClause"]["rel"]);
    t.as_select = true;
    out->push_back(std::move(t));
    return;
  }
  for (const Harmless& h : kNoSchemaEffect) {
    if (h.kind == kind) {
      out->push_back(NoSchemaEffect{std::string(h.what)});
      return;
    }
  }
  if (kind == "VariableSetStmt") {
    std::vector<std::string> values;
    for (JsonNode a : s.List("args")) values.push_back(RenderExpr(a));
    out->push_back(SetVariable{std::string(s.Str("name")), Join(values, ", "), false});
  } else if (kind == "DropdbStmt") {
    out->push_back(DropObject{ObjectKind::kDatabase, std::string(s.Str("dbname")), s.Bool("missing_ok")});
  } else if (kind == "ViewStmt") {
    out->push_back(CreateObject{ObjectKind::kView, RelationName(s["view"]), s.Bool("replace")});
  } else if (kind == "CreateSeqStmt") {
    out->push_back(CreateObject{ObjectKind::kSequence, RelationName(s["sequence"])});
  } else if (kind == "CreateSchemaStmt") {
    out->push_back(CreateObject{ObjectKind::kSchema, std::string(s.Str("schemaname"))});
  } else if (kind == "CreateExtensionStmt") {
    out->push_back(CreateObject{ObjectKind::kExtension, std::string(s.Str("extname"))});
  } else if (kind == "CompositeTypeStmt") {
    out->push_back(CreateObject{ObjectKind::kType, RelationName(s["typevar"])});
  } else if (kind == "CreateDomainStmt") {
    out->push_back(CreateObject{ObjectKind::kType, QualifiedName(s.List("domainname"))});
  } else if (kind == "CreateFunctionStmt") {
    out->push_back(CreateObject{ObjectKind::kFunction, QualifiedName(s.List("funcname")), s.Bool("replace")});
  } else if (kind == "CreateTrigStmt") {
    out->push_back(CreateObject{ObjectKind::kTrigger, std::string(s.Str("trigname")), s.Bool("replace")});
  } else {
    out->push_back(Unanalyzed{});  // the front end names it from the statement's first words
  }
}

void TransformTransaction(JsonNode s, std::vector<Change>* out) {
  std::string_view kind = s.Str("kind");
  if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") {
    out->push_back(Transaction{TxnKind::kBegin});
  } else if (kind == "TRANS_STMT_COMMIT") {
    out->push_back(Transaction{TxnKind::kCommit});
  } else if (kind == "TRANS_STMT_ROLLBACK") {
    out->push_back(Transaction{TxnKind::kRollback});
  } else {
    out->push_back(NoSchemaEffect{"transaction control"});
  }
}

}  // namespace migrate::pg
