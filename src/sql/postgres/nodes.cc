#include "sql/postgres/nodes.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "base/strings.h"

namespace migrate::pg {
namespace {

thread_local std::string_view g_source;

// An integer constant whose "ival" object is empty: zero, or a negative value the JSON lost.
std::string IntegerFromSource(JsonNode c) {
  int location = c.Int("location");
  if (location < 0 || static_cast<size_t>(location) >= g_source.size()) return "0";
  size_t i = static_cast<size_t>(location);
  size_t e = i;
  if (e < g_source.size() && (g_source[e] == '-' || g_source[e] == '+')) ++e;
  while (e < g_source.size() && std::isspace(static_cast<unsigned char>(g_source[e]))) ++e;
  size_t digits = e;
  while (e < g_source.size() && std::isdigit(static_cast<unsigned char>(g_source[e]))) ++e;
  if (e == digits) return "0";
  std::string out(1, g_source[i] == '-' ? '-' : '\0');
  if (out[0] == '\0') out.clear();
  return out + std::string(g_source.substr(digits, e - digits));
}

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

void Merge(Expr* into, Volatility v, std::string function) {
  if (v > into->volatility) {
    into->volatility = v;
    into->volatile_function = std::move(function);
  }
}

void ScanVolatility(JsonNode expr, Expr* out);

void ScanList(const std::vector<JsonNode>& items, Expr* out) {
  for (JsonNode n : items) ScanVolatility(n, out);
}

void ScanVolatility(JsonNode expr, Expr* out) {
  std::string_view kind = expr.Kind();
  JsonNode n = expr.Inner();
  if (kind == "FuncCall") {
    std::vector<JsonNode> names = n.List("funcname");
    std::string name = names.empty() ? "" : ToLower(StringValue(names.back()));
    if (IsKnownNonVolatile(name)) {
      Merge(out, Volatility::kStable, "");
    } else {
      // Known volatile built-ins, and user functions, which are VOLATILE unless declared otherwise.
      Merge(out, Volatility::kVolatile, name + "()");
    }
    ScanList(n.List("args"), out);
  } else if (kind == "SQLValueFunction") {
    Merge(out, Volatility::kStable, "");
  } else if (kind == "TypeCast") {
    ScanVolatility(n["arg"], out);
  } else if (kind == "A_Expr") {
    ScanVolatility(n["lexpr"], out);
    ScanVolatility(n["rexpr"], out);
  } else if (kind == "BoolExpr" || kind == "CoalesceExpr" || kind == "MinMaxExpr") {
    ScanList(n.List("args"), out);
  } else if (kind == "A_ArrayExpr") {
    ScanList(n.List("elements"), out);
  } else if (kind == "CaseExpr") {
    ScanVolatility(n["arg"], out);
    ScanList(n.List("args"), out);
    ScanVolatility(n["defresult"], out);
  } else if (kind == "CaseWhen") {
    ScanVolatility(n["expr"], out);
    ScanVolatility(n["result"], out);
  } else if (kind == "SubLink") {
    Merge(out, Volatility::kVolatile, "a subquery");
  }
  // Constants and column references are immutable.
}

// The distinct column names an expression references, in order of first appearance.
void CollectColumns(JsonNode expr, std::vector<std::string>* out) {
  if (expr.Is("ColumnRef")) {
    std::vector<JsonNode> fields = expr.Inner().List("fields");
    if (!fields.empty() && fields.back().Is("String")) {
      std::string name = StringValue(fields.back());
      if (std::find(out->begin(), out->end(), name) == out->end()) out->push_back(name);
    }
    return;
  }
  JsonNode n = expr.Inner();
  for (const char* field : {"arg", "lexpr", "rexpr", "expr", "result", "defresult"}) {
    if (JsonNode child = n[field]; child && child.Kind().size()) CollectColumns(child, out);
  }
  for (const char* list : {"args", "elements"}) {
    for (JsonNode child : n.List(list)) CollectColumns(child, out);
  }
}

std::string RenderConst(JsonNode c) {
  if (c.Bool("isnull")) return "NULL";
  if (JsonNode v = c["ival"]) return v["ival"] ? std::to_string(v.Int("ival")) : IntegerFromSource(c);
  if (JsonNode v = c["fval"]) return std::string(v.Str("fval"));
  if (JsonNode v = c["boolval"]) return v.Bool("boolval") ? "true" : "false";
  if (JsonNode v = c["sval"]) return "'" + std::string(v.Str("sval")) + "'";
  if (JsonNode v = c["bsval"]) return std::string(v.Str("bsval"));
  return "0";
}

std::string RenderArgs(const std::vector<JsonNode>& items, const char* sep = ", ") {
  std::vector<std::string> parts;
  for (JsonNode n : items) parts.push_back(RenderExpr(n));
  return Join(parts, sep);
}

std::string RenderSqlValueFunction(std::string_view op) {
  static const std::array<std::pair<std::string_view, std::string_view>, 14> kNames = {{
      {"SVFOP_CURRENT_DATE", "CURRENT_DATE"}, {"SVFOP_CURRENT_TIME", "CURRENT_TIME"},
      {"SVFOP_CURRENT_TIME_N", "CURRENT_TIME"}, {"SVFOP_CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"},
      {"SVFOP_CURRENT_TIMESTAMP_N", "CURRENT_TIMESTAMP"}, {"SVFOP_LOCALTIME", "LOCALTIME"},
      {"SVFOP_LOCALTIME_N", "LOCALTIME"}, {"SVFOP_LOCALTIMESTAMP", "LOCALTIMESTAMP"},
      {"SVFOP_LOCALTIMESTAMP_N", "LOCALTIMESTAMP"}, {"SVFOP_CURRENT_ROLE", "CURRENT_ROLE"},
      {"SVFOP_CURRENT_USER", "CURRENT_USER"}, {"SVFOP_USER", "USER"},
      {"SVFOP_SESSION_USER", "SESSION_USER"}, {"SVFOP_CURRENT_SCHEMA", "CURRENT_SCHEMA"},
  }};
  for (const auto& [k, v] : kNames) if (k == op) return std::string(v);
  return "CURRENT_CATALOG";
}

}  // namespace

SourceScope::SourceScope(std::string_view sql) { g_source = sql; }
SourceScope::~SourceScope() { g_source = {}; }

std::string StringValue(JsonNode node) { return std::string(node.Inner().Str("sval")); }

std::vector<std::string> StringList(const std::vector<JsonNode>& strings) {
  std::vector<std::string> out;
  out.reserve(strings.size());
  for (JsonNode n : strings) out.push_back(StringValue(n));
  return out;
}

std::string QualifiedName(const std::vector<JsonNode>& strings) {
  std::vector<std::string> parts = StringList(strings);
  if (parts.size() > 1 && (parts[0] == "public" || parts[0] == "pg_catalog")) parts.erase(parts.begin());
  return Join(parts, ".");
}

std::string RelationName(JsonNode range_var) {
  std::string_view schema = range_var.Str("schemaname");
  std::string name(range_var.Str("relname"));
  if (schema.empty() || schema == "public") return name;
  return std::string(schema) + "." + name;
}

TypeName ConvertTypeName(JsonNode type_name) {
  TypeName t;
  if (!type_name) return t;
  std::vector<std::string> names = StringList(type_name.List("names"));
  if (names.size() > 1 && names[0] == "pg_catalog") names.erase(names.begin());
  t.name = CanonicalTypeName(ToLower(Join(names, ".")));
  for (JsonNode m : type_name.List("typmods")) {
    if (m.Is("A_Const")) {
      JsonNode c = m.Inner();
      if (JsonNode iv = c["ival"]) t.modifiers.push_back(iv["ival"] ? iv.Int("ival") : std::stoll(IntegerFromSource(c)));
      else if (!c["sval"] && !c["fval"]) t.modifiers.push_back(0);
    }
  }
  t.array_dims = static_cast<int>(type_name.ListSize("arrayBounds"));
  return t;
}

std::string RenderExpr(JsonNode expr) {
  std::string_view kind = expr.Kind();
  JsonNode n = expr.Inner();
  if (kind == "A_Const") return RenderConst(n);
  if (kind == "FuncCall") {
    return QualifiedName(n.List("funcname")) + "(" + (n.Bool("agg_star") ? "*" : RenderArgs(n.List("args"))) + ")";
  }
  if (kind == "TypeCast") return RenderExpr(n["arg"]) + "::" + ConvertTypeName(n["typeName"]).ToString();
  if (kind == "ColumnRef") {
    std::vector<std::string> parts;
    for (JsonNode f : n.List("fields")) parts.push_back(f.Is("A_Star") ? "*" : StringValue(f));
    return Join(parts, ".");
  }
  if (kind == "SQLValueFunction") return RenderSqlValueFunction(n.Str("op"));
  if (kind == "A_Expr") {
    std::vector<JsonNode> names = n.List("name");
    std::string op = names.empty() ? "?" : StringValue(names.back());
    if (!n["lexpr"]) return op + " " + RenderExpr(n["rexpr"]);
    return RenderExpr(n["lexpr"]) + " " + op + " " + RenderExpr(n["rexpr"]);
  }
  if (kind == "NullTest") {
    return RenderExpr(n["arg"]) + (n.Str("nulltesttype") == "IS_NULL" ? " IS NULL" : " IS NOT NULL");
  }
  if (kind == "CoalesceExpr") return "COALESCE(" + RenderArgs(n.List("args")) + ")";
  if (kind == "A_ArrayExpr") return "ARRAY[" + RenderArgs(n.List("elements")) + "]";
  if (kind == "BoolExpr") {
    std::string_view op = n.Str("boolop");
    if (op == "NOT_EXPR") return "NOT " + RenderArgs(n.List("args"));
    return RenderArgs(n.List("args"), op == "OR_EXPR" ? " OR " : " AND ");
  }
  return "(expression)";
}

Expr ConvertExpr(JsonNode expr) {
  Expr e;
  e.text = RenderExpr(expr);
  JsonNode inner = expr;
  while (inner.Is("TypeCast")) inner = inner.Inner()["arg"];
  e.is_null = inner.Is("A_Const") && inner.Inner().Bool("isnull");
  ScanVolatility(expr, &e);
  return e;
}

ConstraintDef ConvertConstraint(JsonNode c) {
  ConstraintDef d;
  d.name = std::string(c.Str("conname"));
  std::string_view type = c.Str("contype");
  if (type == "CONSTR_PRIMARY") d.kind = ConstraintKind::kPrimaryKey;
  else if (type == "CONSTR_UNIQUE") d.kind = ConstraintKind::kUnique;
  else if (type == "CONSTR_FOREIGN") d.kind = ConstraintKind::kForeignKey;
  else if (type == "CONSTR_EXCLUSION") d.kind = ConstraintKind::kExclusion;
  else d.kind = ConstraintKind::kCheck;
  d.columns = StringList(c.List("keys"));
  if (d.kind == ConstraintKind::kForeignKey) {
    d.columns = StringList(c.List("fk_attrs"));
    d.references = ForeignKeyRef{RelationName(c["pktable"]), StringList(c.List("pk_attrs"))};
  }
  if (d.kind == ConstraintKind::kCheck && c["raw_expr"]) {
    JsonNode e = c["raw_expr"];
    d.check_text = RenderExpr(e);
    CollectColumns(e, &d.columns);
    if (e.Is("NullTest") && e.Inner().Str("nulltesttype") == "IS_NOT_NULL") {
      JsonNode arg = e.Inner()["arg"];
      if (arg.Is("ColumnRef") && arg.Inner().ListSize("fields") == 1) {
        d.not_null_column = StringValue(arg.Inner().List("fields")[0]);
      }
    }
  }
  d.using_index = std::string(c.Str("indexname"));
  d.not_valid = c.Bool("skip_validation");
  return d;
}

namespace {

void ApplyColumnConstraint(JsonNode c, ColumnDef* col) {
  std::string_view type = c.Str("contype");
  if (type == "CONSTR_NOTNULL") {
    col->not_null = true;
  } else if (type == "CONSTR_NULL") {
    col->not_null = false;
  } else if (type == "CONSTR_DEFAULT") {
    if (c["raw_expr"]) col->default_value = ConvertExpr(c["raw_expr"]);
  } else if (type == "CONSTR_IDENTITY") {
    col->generated = Generated::kIdentity;
    col->not_null = true;  // identity columns are implicitly NOT NULL
  } else if (type == "CONSTR_GENERATED") {
    col->generated = Generated::kStored;
  } else if (type == "CONSTR_PRIMARY") {
    col->primary_key = true;
    col->not_null = true;
  } else if (type == "CONSTR_UNIQUE") {
    col->unique = true;
  } else if (type == "CONSTR_FOREIGN") {
    col->references = ForeignKeyRef{RelationName(c["pktable"]), StringList(c.List("pk_attrs"))};
  } else if (type == "CONSTR_CHECK") {
    ConstraintDef check = ConvertConstraint(c);
    check.columns = {col->name};  // a column CHECK is named after its column
    col->checks.push_back(std::move(check));
  }
}

}  // namespace

ColumnDef ConvertColumnDef(JsonNode def) {
  ColumnDef col;
  col.name = std::string(def.Str("colname"));
  col.type = ConvertTypeName(def["typeName"]);
  static constexpr std::array<std::string_view, 6> kSerials = {"serial", "bigserial", "smallserial",
                                                               "serial4", "serial8", "serial2"};
  for (auto s : kSerials) {
    if (col.type.name == s) col.serial = col.not_null = true;
  }
  col.not_null = col.not_null || def.Bool("is_not_null");
  if (def["raw_default"]) col.default_value = ConvertExpr(def["raw_default"]);
  for (JsonNode n : def.List("constraints")) {
    if (n.Is("Constraint")) ApplyColumnConstraint(n.Inner(), &col);
  }
  return col;
}

}  // namespace migrate::pg
