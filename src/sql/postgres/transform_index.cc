#include "sql/postgres/nodes.h"
#include "sql/postgres/transform.h"

namespace migrate::pg {

void TransformIndex(const PgQuery__IndexStmt& s, std::vector<Change>* out) {
  CreateIndex c;
  c.index = s.idxname ? s.idxname : "";
  c.table = RelationName(s.relation);
  c.unique = s.unique;
  c.concurrently = s.concurrent;
  c.if_not_exists = s.if_not_exists;
  for (size_t i = 0; i < s.n_index_params; ++i) {
    const PgQuery__Node* p = s.index_params[i];
    if (p->node_case != PG_QUERY__NODE__NODE_INDEX_ELEM) continue;
    const PgQuery__IndexElem& e = *p->index_elem;
    c.columns.push_back(e.name && *e.name ? std::string(e.name) : RenderExpr(e.expr));
  }
  out->push_back(std::move(c));
}

void TransformReindex(const PgQuery__ReindexStmt& s, std::vector<Change>* out) {
  Reindex r;
  r.target = s.relation ? RelationName(s.relation) : std::string(s.name ? s.name : "");
  for (size_t i = 0; i < s.n_params; ++i) {
    const PgQuery__Node* p = s.params[i];
    if (p->node_case == PG_QUERY__NODE__NODE_DEF_ELEM &&
        std::string(p->def_elem->defname) == "concurrently") {
      r.concurrently = true;
    }
  }
  out->push_back(std::move(r));
}

}  // namespace migrate::pg
