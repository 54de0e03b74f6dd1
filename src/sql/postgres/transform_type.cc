#include "sql/postgres/nodes.h"
#include "sql/postgres/transform.h"

namespace migrate::pg {

void TransformCreateEnum(const PgQuery__CreateEnumStmt& s, std::vector<Change>* out) {
  out->push_back(CreateEnum{QualifiedName(s.type_name, s.n_type_name), StringList(s.vals, s.n_vals)});
}

void TransformAlterEnum(const PgQuery__AlterEnumStmt& s, std::vector<Change>* out) {
  std::string type = QualifiedName(s.type_name, s.n_type_name);
  if (s.old_val && *s.old_val) {
    out->push_back(RenameEnumValue{type, s.old_val, s.new_val ? s.new_val : ""});
  } else {
    out->push_back(AddEnumValue{type, s.new_val ? s.new_val : ""});
  }
}

}  // namespace migrate::pg
