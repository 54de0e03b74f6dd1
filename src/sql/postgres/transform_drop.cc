#include <string_view>

#include "sql/postgres/nodes.h"
#include "sql/postgres/transform.h"

namespace migrate::pg {
namespace {

// The name of one object in DROP's list: a List of Strings, a bare String (schemas), a TypeName
// or an ObjectWithArgs (functions).
std::string DropObjectName(JsonNode n) {
  if (n.Is("List")) return QualifiedName(n.Inner().List("items"));
  if (n.Is("String")) return StringValue(n);
  if (n.Is("TypeName")) return QualifiedName(n.Inner().List("names"));
  if (n.Is("ObjectWithArgs")) return QualifiedName(n.Inner().List("objname"));
  return "";
}

// For DROP TRIGGER/RULE/POLICY … ON table the list is [table…, name]: the last item names it.
std::string LastName(JsonNode n) {
  if (n.Is("List")) {
    std::vector<JsonNode> items = n.Inner().List("items");
    if (!items.empty()) return StringValue(items.back());
  }
  return DropObjectName(n);
}

struct DropKind {
  std::string_view remove_type;
  ObjectKind kind;
};
constexpr DropKind kDropKinds[] = {
    {"OBJECT_VIEW", ObjectKind::kView},         {"OBJECT_MATVIEW", ObjectKind::kMaterializedView},
    {"OBJECT_SEQUENCE", ObjectKind::kSequence}, {"OBJECT_TYPE", ObjectKind::kType},
    {"OBJECT_DOMAIN", ObjectKind::kType},       {"OBJECT_SCHEMA", ObjectKind::kSchema},
    {"OBJECT_EXTENSION", ObjectKind::kExtension}, {"OBJECT_FUNCTION", ObjectKind::kFunction},
    {"OBJECT_PROCEDURE", ObjectKind::kFunction},  {"OBJECT_ROUTINE", ObjectKind::kFunction},
};

}  // namespace

void TransformDrop(JsonNode s, std::vector<Change>* out) {
  const bool cascade = s.Str("behavior") == "DROP_CASCADE";
  const bool if_exists = s.Bool("missing_ok");
  const std::string_view type = s.Str("removeType");
  for (JsonNode o : s.List("objects")) {
    std::string name = DropObjectName(o);
    if (type == "OBJECT_TABLE") {
      out->push_back(DropTable{name, if_exists});
      continue;
    }
    if (type == "OBJECT_INDEX") {
      out->push_back(DropIndex{name, s.Bool("concurrent"), if_exists});
      continue;
    }
    ObjectKind kind = ObjectKind::kOther;
    for (const DropKind& k : kDropKinds) {
      if (k.remove_type == type) kind = k.kind;
    }
    if (type == "OBJECT_TRIGGER") kind = ObjectKind::kTrigger;
    if (kind == ObjectKind::kTrigger || kind == ObjectKind::kOther) name = LastName(o);
    out->push_back(DropObject{kind, name, if_exists, cascade});
  }
}

}  // namespace migrate::pg
