#include "sql/postgres/nodes.h"
#include "sql/postgres/transform.h"

namespace migrate::pg {

void TransformCreateTable(JsonNode s, std::vector<Change>* out) {
  CreateTable t;
  t.table = RelationName(s["relation"]);
  t.if_not_exists = s.Bool("if_not_exists");
  for (JsonNode e : s.List("tableElts")) {
    if (e.Is("ColumnDef")) t.columns.push_back(ConvertColumnDef(e.Inner()));
    else if (e.Is("Constraint")) t.constraints.push_back(ConvertConstraint(e.Inner()));
  }
  for (JsonNode e : s.List("constraints")) {
    if (e.Is("Constraint")) t.constraints.push_back(ConvertConstraint(e.Inner()));
  }
  out->push_back(std::move(t));
}

void TransformCreateTableAs(JsonNode s, std::vector<Change>* out) {
  std::string name = RelationName(s["into"]["rel"]);
  if (s.Str("objtype") == "OBJECT_MATVIEW") {
    out->push_back(CreateObject{ObjectKind::kMaterializedView, name});
    return;
  }
  CreateTable t;
  t.table = name;
  t.if_not_exists = s.Bool("if_not_exists");
  t.as_select = true;
  out->push_back(std::move(t));
}

}  // namespace migrate::pg
