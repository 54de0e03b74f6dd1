#include "sql/postgres/nodes.h"
#include "sql/postgres/transform.h"

namespace migrate::pg {

void TransformInsert(const PgQuery__InsertStmt& s, std::vector<Change>* out) {
  DmlKind kind = DmlKind::kInsertValues;
  const PgQuery__Node* sel = s.select_stmt;
  if (sel && sel->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) {
    const PgQuery__SelectStmt& st = *sel->select_stmt;
    // INSERT … VALUES is a SelectStmt with values_lists only; anything else reads rows.
    if (st.n_values_lists == 0 || st.n_from_clause > 0) kind = DmlKind::kInsertSelect;
  }
  out->push_back(Dml{kind, RelationName(s.relation), false});
}

void TransformUpdate(const PgQuery__UpdateStmt& s, std::vector<Change>* out) {
  out->push_back(Dml{DmlKind::kUpdate, RelationName(s.relation), s.where_clause != nullptr});
}

void TransformDelete(const PgQuery__DeleteStmt& s, std::vector<Change>* out) {
  out->push_back(Dml{DmlKind::kDelete, RelationName(s.relation), s.where_clause != nullptr});
}

void TransformTruncate(const PgQuery__TruncateStmt& s, std::vector<Change>* out) {
  for (size_t i = 0; i < s.n_relations; ++i) {
    const PgQuery__Node* r = s.relations[i];
    if (r->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) out->push_back(Truncate{RelationName(r->range_var)});
  }
}

}  // namespace migrate::pg
