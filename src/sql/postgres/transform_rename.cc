#include <string_view>

#include "sql/postgres/nodes.h"
#include "sql/postgres/transform.h"

namespace migrate::pg {

void TransformRename(JsonNode s, std::vector<Change>* out) {
  const std::string relation = RelationName(s["relation"]);
  const std::string sub(s.Str("subname"));
  const std::string to(s.Str("newname"));
  // RENAME TO keeps the schema: a table's new name is qualified like the old one.
  const std::string_view schema = s["relation"].Str("schemaname");
  const std::string table_to = (schema.empty() || schema == "public" ? "" : std::string(schema) + ".") + to;
  const std::string_view type = s.Str("renameType");
  if (type == "OBJECT_COLUMN") {
    out->push_back(RenameColumn{relation, sub, to});
  } else if (type == "OBJECT_TABLE" || type == "OBJECT_FOREIGN_TABLE") {
    out->push_back(RenameTable{relation, table_to, false});
  } else if (type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW") {
    out->push_back(RenameTable{relation, table_to, true});
  } else if (type == "OBJECT_TABCONSTRAINT" || type == "OBJECT_INDEX" || type == "OBJECT_SEQUENCE" ||
             type == "OBJECT_TRIGGER") {
    // Renaming an index, constraint, sequence or trigger does not change what queries see.
    out->push_back(NoSchemaEffect{"rename of an index, constraint, sequence or trigger"});
  } else {
    out->push_back(Unanalyzed{"ALTER " + std::string(type.substr(type.find('_') + 1)) + " … RENAME"});
  }
}

void TransformAlterObjectSchema(JsonNode s, std::vector<Change>* out) {
  const std::string_view type = s.Str("objectType");
  if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW") {
    // Moving a table to another schema changes the name queries must use: a rename.
    JsonNode rel = s["relation"];
    std::string_view schema = s.Str("newschema");
    std::string to = (schema == "public" ? "" : std::string(schema) + ".") + std::string(rel.Str("relname"));
    out->push_back(RenameTable{RelationName(rel), to, type == "OBJECT_VIEW"});
    return;
  }
  out->push_back(Unanalyzed{"ALTER … SET SCHEMA"});
}

}  // namespace migrate::pg
