#include "sql/postgres/nodes.h"
#include "sql/postgres/transform.h"

namespace migrate::pg {

void TransformRename(const PgQuery__RenameStmt& s, std::vector<Change>* out) {
  const std::string relation = RelationName(s.relation);
  const std::string sub = s.subname ? s.subname : "";
  const std::string to = s.newname ? s.newname : "";
  switch (s.rename_type) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
      out->push_back(RenameColumn{relation, sub, to});
      return;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
    case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
      out->push_back(RenameTable{relation, to, false});
      return;
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
    case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
      out->push_back(RenameTable{relation, to, true});
      return;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT:
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
    case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
      // Renaming an index, constraint, sequence or trigger does not change what queries see.
      out->push_back(NoSchemaEffect{"rename of an index, constraint, sequence or trigger"});
      return;
    default:
      out->push_back(Unanalyzed{"ALTER … RENAME"});
      return;
  }
}

void TransformAlterObjectSchema(const PgQuery__AlterObjectSchemaStmt& s, std::vector<Change>* out) {
  if (s.object_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE ||
      s.object_type == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW) {
    // Moving a table to another schema changes the name queries must use: a rename.
    std::string from = RelationName(s.relation);
    std::string to = std::string(s.newschema) + "." + s.relation->relname;
    out->push_back(RenameTable{from, to, s.object_type == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW});
    return;
  }
  out->push_back(Unanalyzed{"ALTER … SET SCHEMA"});
}

}  // namespace migrate::pg
