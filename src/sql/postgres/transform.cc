#include "sql/postgres/transform.h"

#include "sql/postgres/nodes.h"

namespace migrate::pg {
namespace {

void TransformTransaction(const PgQuery__TransactionStmt& s, std::vector<Change>* out) {
  switch (s.kind) {
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
      out->push_back(Transaction{TxnKind::kBegin});
      return;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
      out->push_back(Transaction{TxnKind::kCommit});
      return;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
      out->push_back(Transaction{TxnKind::kRollback});
      return;
    default:
      out->push_back(NoSchemaEffect{"transaction control"});
      return;
  }
}

}  // namespace

void TransformStatement(const PgQuery__Node& n, std::vector<Change>* out) {
  switch (n.node_case) {
    case PG_QUERY__NODE__NODE_CREATE_STMT: return TransformCreateTable(*n.create_stmt, out);
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
      return TransformCreateTableAs(*n.create_table_as_stmt, out);
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT: return TransformAlterTable(*n.alter_table_stmt, out);
    case PG_QUERY__NODE__NODE_INDEX_STMT: return TransformIndex(*n.index_stmt, out);
    case PG_QUERY__NODE__NODE_REINDEX_STMT: return TransformReindex(*n.reindex_stmt, out);
    case PG_QUERY__NODE__NODE_DROP_STMT: return TransformDrop(*n.drop_stmt, out);
    case PG_QUERY__NODE__NODE_DROPDB_STMT:
      out->push_back(DropObject{ObjectKind::kDatabase, n.dropdb_stmt->dbname, n.dropdb_stmt->missing_ok});
      return;
    case PG_QUERY__NODE__NODE_RENAME_STMT: return TransformRename(*n.rename_stmt, out);
    case PG_QUERY__NODE__NODE_ALTER_OBJECT_SCHEMA_STMT:
      return TransformAlterObjectSchema(*n.alter_object_schema_stmt, out);
    case PG_QUERY__NODE__NODE_INSERT_STMT: return TransformInsert(*n.insert_stmt, out);
    case PG_QUERY__NODE__NODE_UPDATE_STMT: return TransformUpdate(*n.update_stmt, out);
    case PG_QUERY__NODE__NODE_DELETE_STMT: return TransformDelete(*n.delete_stmt, out);
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT: return TransformTruncate(*n.truncate_stmt, out);
    case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT: return TransformCreateEnum(*n.create_enum_stmt, out);
    case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT: return TransformAlterEnum(*n.alter_enum_stmt, out);
    case PG_QUERY__NODE__NODE_VACUUM_STMT: return TransformVacuum(*n.vacuum_stmt, out);
    case PG_QUERY__NODE__NODE_CLUSTER_STMT: return TransformCluster(*n.cluster_stmt, out);
    case PG_QUERY__NODE__NODE_LOCK_STMT: return TransformLock(*n.lock_stmt, out);
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
      return TransformTransaction(*n.transaction_stmt, out);
    case PG_QUERY__NODE__NODE_VIEW_STMT:
      out->push_back(CreateObject{ObjectKind::kView, RelationName(n.view_stmt->view),
                                  static_cast<bool>(n.view_stmt->replace)});
      return;
    case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
      out->push_back(CreateObject{ObjectKind::kSequence, RelationName(n.create_seq_stmt->sequence)});
      return;
    case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT:
      out->push_back(CreateObject{ObjectKind::kSchema, n.create_schema_stmt->schemaname});
      return;
    case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT:
      out->push_back(CreateObject{ObjectKind::kExtension, n.create_extension_stmt->extname});
      return;
    case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
      out->push_back(CreateObject{ObjectKind::kType, RelationName(n.composite_type_stmt->typevar)});
      return;
    case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT:
      out->push_back(CreateObject{
          ObjectKind::kType,
          QualifiedName(n.create_domain_stmt->domainname, n.create_domain_stmt->n_domainname)});
      return;
    case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
      out->push_back(CreateObject{
          ObjectKind::kFunction,
          QualifiedName(n.create_function_stmt->funcname, n.create_function_stmt->n_funcname),
          static_cast<bool>(n.create_function_stmt->replace)});
      return;
    case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
      out->push_back(CreateObject{ObjectKind::kTrigger, n.create_trig_stmt->trigname,
                                  static_cast<bool>(n.create_trig_stmt->replace)});
      return;
    case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT: out->push_back(NoSchemaEffect{"SET"}); return;
    case PG_QUERY__NODE__NODE_COMMENT_STMT: out->push_back(NoSchemaEffect{"COMMENT"}); return;
    case PG_QUERY__NODE__NODE_GRANT_STMT: out->push_back(NoSchemaEffect{"GRANT"}); return;
    case PG_QUERY__NODE__NODE_GRANT_ROLE_STMT: out->push_back(NoSchemaEffect{"GRANT"}); return;
    case PG_QUERY__NODE__NODE_ALTER_DEFAULT_PRIVILEGES_STMT:
      out->push_back(NoSchemaEffect{"ALTER DEFAULT PRIVILEGES"});
      return;
    case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT: out->push_back(NoSchemaEffect{"ALTER … OWNER"}); return;
    case PG_QUERY__NODE__NODE_SELECT_STMT: out->push_back(NoSchemaEffect{"SELECT"}); return;
    case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT: out->push_back(NoSchemaEffect{"CREATE ROLE"}); return;
    case PG_QUERY__NODE__NODE_ALTER_ROLE_STMT: out->push_back(NoSchemaEffect{"ALTER ROLE"}); return;
    case PG_QUERY__NODE__NODE_CREATE_STATS_STMT:
      out->push_back(NoSchemaEffect{"CREATE STATISTICS"});
      return;
    case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT: out->push_back(NoSchemaEffect{"ALTER SEQUENCE"}); return;
    default:
      out->push_back(Unanalyzed{});  // the front end names it from the statement's words
      return;
  }
}

}  // namespace migrate::pg
