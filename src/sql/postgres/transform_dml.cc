#include "sql/postgres/nodes.h"
#include "sql/postgres/transform.h"

namespace migrate::pg {

void TransformInsert(JsonNode s, std::vector<Change>* out) {
  DmlKind kind = DmlKind::kInsertValues;
  JsonNode sel = s["selectStmt"];
  if (sel.Is("SelectStmt")) {
    // INSERT … VALUES is a SelectStmt with valuesLists only; anything else reads rows.
    JsonNode st = sel.Inner();
    if (st.ListSize("valuesLists") == 0 || st.ListSize("fromClause") > 0) kind = DmlKind::kInsertSelect;
  }
  out->push_back(Dml{kind, RelationName(s["relation"]), false});
}

void TransformUpdate(JsonNode s, std::vector<Change>* out) {
  out->push_back(Dml{DmlKind::kUpdate, RelationName(s["relation"]), s["whereClause"].ok()});
}

void TransformDelete(JsonNode s, std::vector<Change>* out) {
  out->push_back(Dml{DmlKind::kDelete, RelationName(s["relation"]), s["whereClause"].ok()});
}

void TransformTruncate(JsonNode s, std::vector<Change>* out) {
  for (JsonNode r : s.List("relations")) {
    if (r.Is("RangeVar")) out->push_back(Truncate{RelationName(r.Inner())});
  }
}

}  // namespace migrate::pg
