#include "sql/postgres/nodes.h"
#include "sql/postgres/transform.h"

namespace migrate::pg {

void TransformIndex(JsonNode s, std::vector<Change>* out) {
  CreateIndex c;
  c.index = std::string(s.Str("idxname"));
  c.table = RelationName(s["relation"]);
  c.unique = s.Bool("unique");
  c.concurrently = s.Bool("concurrent");
  c.if_not_exists = s.Bool("if_not_exists");
  for (JsonNode p : s.List("indexParams")) {
    if (!p.Is("IndexElem")) continue;
    JsonNode e = p.Inner();
    c.columns.push_back(!e.Str("name").empty() ? std::string(e.Str("name")) : RenderExpr(e["expr"]));
  }
  out->push_back(std::move(c));
}

void TransformReindex(JsonNode s, std::vector<Change>* out) {
  Reindex r;
  r.target = s["relation"] ? RelationName(s["relation"]) : std::string(s.Str("name"));
  for (JsonNode p : s.List("params")) {
    if (p.Is("DefElem") && p.Inner().Str("defname") == "concurrently") r.concurrently = true;
  }
  out->push_back(std::move(r));
}

}  // namespace migrate::pg
