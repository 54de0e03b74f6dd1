#include "sql/postgres/nodes.h"

#include <array>
#include <string_view>

#include "base/strings.h"

namespace migrate::pg {
namespace {

// Canonical spellings of PostgreSQL's type aliases (pg_catalog names as the grammar emits them).
std::string CanonicalTypeName(std::string name) {
  static const std::array<std::pair<std::string_view, std::string_view>, 14> kAliases = {{
      {"integer", "int4"}, {"int", "int4"}, {"smallint", "int2"}, {"bigint", "int8"},
      {"character varying", "varchar"}, {"character", "bpchar"}, {"char", "bpchar"},
      {"decimal", "numeric"}, {"boolean", "bool"}, {"real", "float4"},
      {"double precision", "float8"}, {"float", "float8"},
      {"timestamp with time zone", "timestamptz"}, {"time with time zone", "timetz"},
  }};
  for (const auto& [alias, canonical] : kAliases) {
    if (name == alias) return std::string(canonical);
  }
  return name;
}

// Built-in functions that are VOLATILE: as a default they force a table rewrite.
bool IsKnownVolatile(std::string_view f) {
  static constexpr std::array<std::string_view, 13> kVolatile = {
      "random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
      "clock_timestamp", "timeofday", "nextval", "setval", "random_normal", "uuid_generate_v7",
      "txid_current", "pg_current_xact_id"};
  for (auto v : kVolatile) if (f == v) return true;
  return false;
}

// Built-in functions that are STABLE or IMMUTABLE: evaluated once for ADD COLUMN … DEFAULT.
bool IsKnownNonVolatile(std::string_view f) {
  static constexpr std::array<std::string_view, 44> kStable = {
      "now", "transaction_timestamp", "statement_timestamp", "current_setting", "lower", "upper",
      "concat", "concat_ws", "coalesce", "nullif", "greatest", "least", "to_char", "to_timestamp",
      "to_date", "to_number", "date_trunc", "date_part", "extract", "md5", "length", "abs",
      "round", "trim", "btrim", "ltrim", "rtrim", "substring", "substr", "replace", "jsonb_build_object",
      "json_build_object", "jsonb_build_array", "json_build_array", "array_to_string",
      "string_to_array", "make_interval", "make_date", "timezone", "to_json", "to_jsonb",
      "encode", "decode", "format"};
  for (auto v : kStable) if (f == v) return true;
  return false;
}

void MergeVolatility(Expr* into, const Expr& part) {
  if (part.volatility > into->volatility) {
    into->volatility = part.volatility;
    into->volatile_function = part.volatile_function;
  }
}

void ScanVolatility(const PgQuery__Node* node, Expr* out);

void ScanList(PgQuery__Node* const* items, size_t n, Expr* out) {
  for (size_t i = 0; i < n; ++i) ScanVolatility(items[i], out);
}

void ScanVolatility(const PgQuery__Node* node, Expr* out) {
  if (node == nullptr) return;
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_FUNC_CALL: {
      const auto* f = node->func_call;
      std::string name = ToLower(StringValue(f->funcname[f->n_funcname - 1]));
      Expr self;
      if (IsKnownVolatile(name)) {
        self.volatility = Volatility::kVolatile;
        self.volatile_function = name + "()";
      } else if (IsKnownNonVolatile(name)) {
        self.volatility = Volatility::kStable;
      } else {
        // User functions are VOLATILE unless declared otherwise (CREATE FUNCTION's default).
        self.volatility = Volatility::kVolatile;
        self.volatile_function = name + "()";
      }
      MergeVolatility(out, self);
      ScanList(f->args, f->n_args, out);
      return;
    }
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION: {
      Expr self;
      self.volatility = Volatility::kStable;
      MergeVolatility(out, self);
      return;
    }
    case PG_QUERY__NODE__NODE_TYPE_CAST:
      ScanVolatility(node->type_cast->arg, out);
      return;
    case PG_QUERY__NODE__NODE_A_EXPR:
      ScanVolatility(node->a_expr->lexpr, out);
      ScanVolatility(node->a_expr->rexpr, out);
      return;
    case PG_QUERY__NODE__NODE_BOOL_EXPR:
      ScanList(node->bool_expr->args, node->bool_expr->n_args, out);
      return;
    case PG_QUERY__NODE__NODE_COALESCE_EXPR:
      ScanList(node->coalesce_expr->args, node->coalesce_expr->n_args, out);
      return;
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR:
      ScanList(node->min_max_expr->args, node->min_max_expr->n_args, out);
      return;
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR:
      ScanList(node->a_array_expr->elements, node->a_array_expr->n_elements, out);
      return;
    case PG_QUERY__NODE__NODE_CASE_EXPR: {
      const auto* c = node->case_expr;
      ScanVolatility(c->arg, out);
      ScanList(c->args, c->n_args, out);
      ScanVolatility(c->defresult, out);
      return;
    }
    case PG_QUERY__NODE__NODE_CASE_WHEN:
      ScanVolatility(node->case_when->expr, out);
      ScanVolatility(node->case_when->result, out);
      return;
    case PG_QUERY__NODE__NODE_SUB_LINK: {
      Expr self;
      self.volatility = Volatility::kVolatile;
      self.volatile_function = "a subquery";
      MergeVolatility(out, self);
      return;
    }
    default:
      return;  // constants, column references
  }
}

std::string RenderConst(const PgQuery__AConst* c) {
  if (c->isnull) return "NULL";
  switch (c->val_case) {
    case PG_QUERY__A__CONST__VAL_IVAL: return std::to_string(c->ival->ival);
    case PG_QUERY__A__CONST__VAL_FVAL: return c->fval->fval;
    case PG_QUERY__A__CONST__VAL_BOOLVAL: return c->boolval->boolval ? "true" : "false";
    case PG_QUERY__A__CONST__VAL_SVAL: return "'" + std::string(c->sval->sval) + "'";
    case PG_QUERY__A__CONST__VAL_BSVAL: return c->bsval->bsval;
    default: return "NULL";
  }
}

std::string RenderArgs(PgQuery__Node* const* items, size_t n) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < n; ++i) parts.push_back(RenderExpr(items[i]));
  return Join(parts, ", ");
}

}  // namespace

std::string StringValue(const PgQuery__Node* node) {
  if (node && node->node_case == PG_QUERY__NODE__NODE_STRING) return node->string->sval;
  return "";
}

std::vector<std::string> StringList(PgQuery__Node* const* items, size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back(StringValue(items[i]));
  return out;
}

std::string QualifiedName(PgQuery__Node* const* items, size_t n) {
  std::vector<std::string> parts = StringList(items, n);
  if (parts.size() > 1 && (parts[0] == "public" || parts[0] == "pg_catalog")) {
    parts.erase(parts.begin());
  }
  return Join(parts, ".");
}

std::string RelationName(const PgQuery__RangeVar* rv) {
  if (rv == nullptr) return "";
  std::string schema = rv->schemaname ? rv->schemaname : "";
  if (schema.empty() || schema == "public") return rv->relname;
  return schema + "." + rv->relname;
}

TypeName ConvertTypeName(const PgQuery__TypeName* tn) {
  TypeName t;
  if (tn == nullptr) return t;
  std::vector<std::string> names = StringList(tn->names, tn->n_names);
  if (names.size() > 1 && names[0] == "pg_catalog") names.erase(names.begin());
  t.name = CanonicalTypeName(ToLower(Join(names, ".")));
  for (size_t i = 0; i < tn->n_typmods; ++i) {
    const PgQuery__Node* m = tn->typmods[i];
    if (m->node_case == PG_QUERY__NODE__NODE_A_CONST &&
        m->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
      t.modifiers.push_back(m->a_const->ival->ival);
    }
  }
  t.array_dims = static_cast<int>(tn->n_array_bounds);
  return t;
}

std::string RenderExpr(const PgQuery__Node* node) {
  if (node == nullptr) return "";
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_A_CONST:
      return RenderConst(node->a_const);
    case PG_QUERY__NODE__NODE_FUNC_CALL: {
      const auto* f = node->func_call;
      std::string name = QualifiedName(f->funcname, f->n_funcname);
      return name + "(" + (f->agg_star ? "*" : RenderArgs(f->args, f->n_args)) + ")";
    }
    case PG_QUERY__NODE__NODE_TYPE_CAST:
      return RenderExpr(node->type_cast->arg) + "::" +
             ConvertTypeName(node->type_cast->type_name).ToString();
    case PG_QUERY__NODE__NODE_COLUMN_REF: {
      std::vector<std::string> parts;
      for (size_t i = 0; i < node->column_ref->n_fields; ++i) {
        const PgQuery__Node* f = node->column_ref->fields[i];
        parts.push_back(f->node_case == PG_QUERY__NODE__NODE_A_STAR ? "*" : StringValue(f));
      }
      return Join(parts, ".");
    }
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION:
      switch (node->sqlvalue_function->op) {
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE: return "CURRENT_DATE";
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME_N: return "CURRENT_TIME";
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N: return "CURRENT_TIMESTAMP";
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N: return "LOCALTIME";
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N: return "LOCALTIMESTAMP";
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_USER: return "CURRENT_USER";
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_SESSION_USER: return "SESSION_USER";
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_SCHEMA: return "CURRENT_SCHEMA";
        default: return "CURRENT_USER";
      }
    case PG_QUERY__NODE__NODE_A_EXPR: {
      const auto* e = node->a_expr;
      std::string op = e->n_name ? StringValue(e->name[e->n_name - 1]) : "?";
      if (e->lexpr == nullptr) return op + " " + RenderExpr(e->rexpr);
      return RenderExpr(e->lexpr) + " " + op + " " + RenderExpr(e->rexpr);
    }
    case PG_QUERY__NODE__NODE_NULL_TEST:
      return RenderExpr(node->null_test->arg) +
             (node->null_test->nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NULL ? " IS NULL"
                                                                                : " IS NOT NULL");
    case PG_QUERY__NODE__NODE_COALESCE_EXPR:
      return "COALESCE(" + RenderArgs(node->coalesce_expr->args, node->coalesce_expr->n_args) + ")";
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR:
      return "ARRAY[" + RenderArgs(node->a_array_expr->elements, node->a_array_expr->n_elements) + "]";
    case PG_QUERY__NODE__NODE_BOOL_EXPR: {
      const auto* b = node->bool_expr;
      std::string sep = b->boolop == PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR ? " OR " : " AND ";
      if (b->boolop == PG_QUERY__BOOL_EXPR_TYPE__NOT_EXPR) return "NOT " + RenderArgs(b->args, b->n_args);
      std::vector<std::string> parts;
      for (size_t i = 0; i < b->n_args; ++i) parts.push_back(RenderExpr(b->args[i]));
      return Join(parts, sep);
    }
    default:
      return "(expression)";
  }
}

Expr ConvertExpr(const PgQuery__Node* node) {
  Expr e;
  e.text = RenderExpr(node);
  const PgQuery__Node* inner = node;
  while (inner && inner->node_case == PG_QUERY__NODE__NODE_TYPE_CAST) inner = inner->type_cast->arg;
  e.is_null = inner && inner->node_case == PG_QUERY__NODE__NODE_A_CONST && inner->a_const->isnull;
  ScanVolatility(node, &e);
  return e;
}

ConstraintDef ConvertConstraint(const PgQuery__Constraint& c) {
  ConstraintDef d;
  d.name = c.conname ? c.conname : "";
  switch (c.contype) {
    case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY: d.kind = ConstraintKind::kPrimaryKey; break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE: d.kind = ConstraintKind::kUnique; break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN: d.kind = ConstraintKind::kForeignKey; break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION: d.kind = ConstraintKind::kExclusion; break;
    default: d.kind = ConstraintKind::kCheck; break;
  }
  d.columns = StringList(c.keys, c.n_keys);
  if (d.kind == ConstraintKind::kForeignKey) {
    d.columns = StringList(c.fk_attrs, c.n_fk_attrs);
    d.references = ForeignKeyRef{RelationName(c.pktable), StringList(c.pk_attrs, c.n_pk_attrs)};
  }
  if (d.kind == ConstraintKind::kCheck && c.raw_expr) {
    d.check_text = RenderExpr(c.raw_expr);
    const PgQuery__Node* e = c.raw_expr;
    if (e->node_case == PG_QUERY__NODE__NODE_NULL_TEST &&
        e->null_test->nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL &&
        e->null_test->arg && e->null_test->arg->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
        e->null_test->arg->column_ref->n_fields == 1) {
      d.not_null_column = StringValue(e->null_test->arg->column_ref->fields[0]);
    }
  }
  d.using_index = c.indexname ? c.indexname : "";
  d.not_valid = c.skip_validation;
  return d;
}

void ApplyColumnConstraint(const PgQuery__Constraint& c, ColumnDef* col) {
  switch (c.contype) {
    case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL: col->not_null = true; break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_NULL: col->not_null = false; break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
      if (c.raw_expr) col->default_value = ConvertExpr(c.raw_expr);
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY: col->generated = Generated::kIdentity; break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED: col->generated = Generated::kStored; break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
      col->primary_key = true;
      col->not_null = true;
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE: col->unique = true; break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
      col->references = ForeignKeyRef{RelationName(c.pktable), StringList(c.pk_attrs, c.n_pk_attrs)};
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK: {
      ConstraintDef d = ConvertConstraint(c);
      col->checks.push_back(std::move(d));
      break;
    }
    default: break;
  }
}

ColumnDef ConvertColumnDef(const PgQuery__ColumnDef& def) {
  ColumnDef col;
  col.name = def.colname ? def.colname : "";
  col.type = ConvertTypeName(def.type_name);
  if (col.type.name == "serial" || col.type.name == "bigserial" || col.type.name == "smallserial" ||
      col.type.name == "serial4" || col.type.name == "serial8" || col.type.name == "serial2") {
    col.serial = true;
    col.not_null = true;
  }
  col.not_null = col.not_null || def.is_not_null;
  if (def.raw_default) col.default_value = ConvertExpr(def.raw_default);
  for (size_t i = 0; i < def.n_constraints; ++i) {
    const PgQuery__Node* n = def.constraints[i];
    if (n->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) ApplyColumnConstraint(*n->constraint, &col);
  }
  return col;
}

}  // namespace migrate::pg
