#include "sql/postgres/nodes.h"
#include "sql/postgres/transform.h"

namespace migrate::pg {

void TransformCreateTable(const PgQuery__CreateStmt& s, std::vector<Change>* out) {
  CreateTable t;
  t.table = RelationName(s.relation);
  t.if_not_exists = s.if_not_exists;
  for (size_t i = 0; i < s.n_table_elts; ++i) {
    const PgQuery__Node* e = s.table_elts[i];
    if (e->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
      t.columns.push_back(ConvertColumnDef(*e->column_def));
    } else if (e->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
      t.constraints.push_back(ConvertConstraint(*e->constraint));
    }
  }
  for (size_t i = 0; i < s.n_constraints; ++i) {
    const PgQuery__Node* e = s.constraints[i];
    if (e->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
      t.constraints.push_back(ConvertConstraint(*e->constraint));
    }
  }
  out->push_back(std::move(t));
}

void TransformCreateTableAs(const PgQuery__CreateTableAsStmt& s, std::vector<Change>* out) {
  std::string name = s.into ? RelationName(s.into->rel) : "";
  if (s.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW) {
    out->push_back(CreateObject{ObjectKind::kMaterializedView, name});
    return;
  }
  CreateTable t;
  t.table = name;
  t.if_not_exists = s.if_not_exists;
  t.as_select = true;
  out->push_back(std::move(t));
}

}  // namespace migrate::pg
