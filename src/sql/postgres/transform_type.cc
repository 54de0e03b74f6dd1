#include "sql/postgres/nodes.h"
#include "sql/postgres/transform.h"

namespace migrate::pg {

void TransformCreateEnum(JsonNode s, std::vector<Change>* out) {
  out->push_back(CreateEnum{QualifiedName(s.List("typeName")), StringList(s.List("vals"))});
}

void TransformAlterEnum(JsonNode s, std::vector<Change>* out) {
  std::string type = QualifiedName(s.List("typeName"));
  if (!s.Str("oldVal").empty()) {
    out->push_back(RenameEnumValue{type, std::string(s.Str("oldVal")), std::string(s.Str("newVal"))});
  } else {
    out->push_back(AddEnumValue{type, std::string(s.Str("newVal"))});
  }
}

}  // namespace migrate::pg
