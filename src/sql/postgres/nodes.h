// Helpers over libpg_query's protobuf parse tree (PgQuery__Node and friends): names, types and
// expressions turned into the Change model's plain values. Used by the transform_*.cc files only.
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <string>
#include <vector>

#include "model/change.h"

namespace migrate::pg {

// "name", or "schema.name" when a schema other than public is given.
std::string RelationName(const PgQuery__RangeVar* rv);
// A dotted name from a list of String nodes (["public","users"] → "users").
std::string QualifiedName(PgQuery__Node* const* items, size_t n);
// The String value of a node, or "".
std::string StringValue(const PgQuery__Node* node);
// Names in a list of String nodes.
std::vector<std::string> StringList(PgQuery__Node* const* items, size_t n);

TypeName ConvertTypeName(const PgQuery__TypeName* tn);

// An expression's text (a compact rendering) and volatility.
Expr ConvertExpr(const PgQuery__Node* node);
std::string RenderExpr(const PgQuery__Node* node);

// Applies a column-level constraint (NOT NULL, DEFAULT, PRIMARY KEY, REFERENCES …) to a column.
void ApplyColumnConstraint(const PgQuery__Constraint& c, ColumnDef* col);
ColumnDef ConvertColumnDef(const PgQuery__ColumnDef& def);
// A table-level constraint (ADD CONSTRAINT …, or a CREATE TABLE element).
ConstraintDef ConvertConstraint(const PgQuery__Constraint& c);

}  // namespace migrate::pg
