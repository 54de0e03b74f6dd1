#include <string>

#include "sql/postgres/nodes.h"
#include "sql/postgres/transform.h"

namespace migrate::pg {

void TransformVacuum(const PgQuery__VacuumStmt& s, std::vector<Change>* out) {
  if (!s.is_vacuumcmd) {
    out->push_back(NoSchemaEffect{"ANALYZE"});
    return;
  }
  bool full = false;
  for (size_t i = 0; i < s.n_options; ++i) {
    const PgQuery__Node* o = s.options[i];
    if (o->node_case == PG_QUERY__NODE__NODE_DEF_ELEM && std::string(o->def_elem->defname) == "full") {
      // FULL, FULL true, FULL on: anything but an explicit false.
      const PgQuery__Node* arg = o->def_elem->arg;
      std::string v = arg ? StringValue(arg) : "";
      bool off = v == "false" || v == "off" || v == "0" ||
                 (arg && arg->node_case == PG_QUERY__NODE__NODE_INTEGER && arg->integer->ival == 0) ||
                 (arg && arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN && !arg->boolean->boolval);
      full = !off;
    }
  }
  if (s.n_rels == 0) {
    out->push_back(Vacuum{"", full});
    return;
  }
  for (size_t i = 0; i < s.n_rels; ++i) {
    const PgQuery__Node* r = s.rels[i];
    std::string table;
    if (r->node_case == PG_QUERY__NODE__NODE_VACUUM_RELATION) table = RelationName(r->vacuum_relation->relation);
    out->push_back(Vacuum{table, full});
  }
}

void TransformCluster(const PgQuery__ClusterStmt& s, std::vector<Change>* out) {
  out->push_back(Cluster{RelationName(s.relation)});
}

void TransformLock(const PgQuery__LockStmt& s, std::vector<Change>* out) {
  // PostgreSQL's LOCKMODE numbering (lockdefs.h).
  static const char* kModes[] = {"",
                                 "ACCESS SHARE",
                                 "ROW SHARE",
                                 "ROW EXCLUSIVE",
                                 "SHARE UPDATE EXCLUSIVE",
                                 "SHARE",
                                 "SHARE ROW EXCLUSIVE",
                                 "EXCLUSIVE",
                                 "ACCESS EXCLUSIVE"};
  std::string mode = s.mode >= 1 && s.mode <= 8 ? kModes[s.mode] : "ACCESS EXCLUSIVE";
  for (size_t i = 0; i < s.n_relations; ++i) {
    const PgQuery__Node* r = s.relations[i];
    if (r->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) out->push_back(LockTable{RelationName(r->range_var), mode});
  }
}

}  // namespace migrate::pg
