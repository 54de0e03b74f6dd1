// Helpers over libpg_query's JSON parse tree: names, types and expressions turned into the
// Change model's plain values. Used by the transform_*.cc files only.
// Convention: `expr` arguments are wrapped nodes ({"FuncCall": {…}}); arguments named after a
// message (range_var, type_name, constraint, column_def) are that message's object itself.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/change.h"
#include "sql/postgres/json_node.h"

namespace migrate::pg {

// The statement text being transformed, for what libpg_query 15's JSON loses: it writes negative
// integer constants as "ival":{} (pganalyze/libpg_query#243), so their value is read from the
// source at the constant's location. One scope per Parse call; thread-local.
class SourceScope {
 public:
  explicit SourceScope(std::string_view sql);
  ~SourceScope();
  SourceScope(const SourceScope&) = delete;
  SourceScope& operator=(const SourceScope&) = delete;
};

// "name", or "schema.name" when a schema other than public is given.
std::string RelationName(JsonNode range_var);
// A dotted name from a list of String nodes (["public","users"] → "users").
std::string QualifiedName(const std::vector<JsonNode>& strings);
// The value of a wrapped String node, or "".
std::string StringValue(JsonNode node);
// Values of a list of String nodes.
std::vector<std::string> StringList(const std::vector<JsonNode>& strings);

TypeName ConvertTypeName(JsonNode type_name);

// An expression's text (a compact rendering) and volatility.
Expr ConvertExpr(JsonNode expr);
std::string RenderExpr(JsonNode expr);

ColumnDef ConvertColumnDef(JsonNode column_def);
// A table-level constraint (ADD CONSTRAINT …, or a CREATE TABLE element).
ConstraintDef ConvertConstraint(JsonNode constraint);

}  // namespace migrate::pg
