#include "sql/postgres/nodes.h"
#include "sql/postgres/transform.h"

namespace migrate::pg {
namespace {

// The name of one object in DROP's list: a List of Strings, or a bare String (schemas).
std::string DropObjectName(const PgQuery__Node* n) {
  if (n->node_case == PG_QUERY__NODE__NODE_LIST) return QualifiedName(n->list->items, n->list->n_items);
  if (n->node_case == PG_QUERY__NODE__NODE_STRING) return n->string->sval;
  if (n->node_case == PG_QUERY__NODE__NODE_TYPE_NAME) {
    return QualifiedName(n->type_name->names, n->type_name->n_names);
  }
  if (n->node_case == PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
    return QualifiedName(n->object_with_args->objname, n->object_with_args->n_objname);
  }
  return "";
}

// For DROP TRIGGER/RULE/POLICY … ON table the list is [table…, name]: the last item names it.
std::string LastName(const PgQuery__Node* n) {
  if (n->node_case == PG_QUERY__NODE__NODE_LIST && n->list->n_items > 0) {
    return StringValue(n->list->items[n->list->n_items - 1]);
  }
  return DropObjectName(n);
}

}  // namespace

void TransformDrop(const PgQuery__DropStmt& s, std::vector<Change>* out) {
  const bool cascade = s.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  for (size_t i = 0; i < s.n_objects; ++i) {
    const PgQuery__Node* o = s.objects[i];
    std::string name = DropObjectName(o);
    switch (s.remove_type) {
      case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
        out->push_back(DropTable{name, static_cast<bool>(s.missing_ok)});
        break;
      case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
        out->push_back(DropIndex{name, static_cast<bool>(s.concurrent), static_cast<bool>(s.missing_ok)});
        break;
      case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
        out->push_back(DropObject{ObjectKind::kView, name, static_cast<bool>(s.missing_ok), cascade});
        break;
      case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
        out->push_back(DropObject{ObjectKind::kMaterializedView, name, static_cast<bool>(s.missing_ok), cascade});
        break;
      case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
        out->push_back(DropObject{ObjectKind::kSequence, name, static_cast<bool>(s.missing_ok), cascade});
        break;
      case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
      case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
        out->push_back(DropObject{ObjectKind::kType, name, static_cast<bool>(s.missing_ok), cascade});
        break;
      case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
        out->push_back(DropObject{ObjectKind::kSchema, name, static_cast<bool>(s.missing_ok), cascade});
        break;
      case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION:
        out->push_back(DropObject{ObjectKind::kExtension, name, static_cast<bool>(s.missing_ok), cascade});
        break;
      case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
      case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
      case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
        out->push_back(DropObject{ObjectKind::kFunction, name, static_cast<bool>(s.missing_ok), cascade});
        break;
      case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
        out->push_back(DropObject{ObjectKind::kTrigger, LastName(o), static_cast<bool>(s.missing_ok), cascade});
        break;
      default:
        out->push_back(DropObject{ObjectKind::kOther, LastName(o), static_cast<bool>(s.missing_ok), cascade});
        break;
    }
  }
}

}  // namespace migrate::pg
