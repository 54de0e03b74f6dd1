// A test helper: renders Changes (src/model/change.h) as stable one-line-per-change text for
// golden tests, e.g. "AddColumn table=users column=[full_name varchar(255) null default=none]".
#pragma once

#include <string>
#include <vector>

#include "model/change.h"

namespace migrate::testing {

std::string DumpType(const TypeName& t);
std::string DumpExpr(const Expr& e);
std::string DumpColumn(const ColumnDef& c);
std::string DumpConstraint(const ConstraintDef& c);
// One line per change; CreateTable adds one indented line per column and constraint.
std::string DumpChange(const Change& change);
std::string DumpChanges(const std::vector<Change>& changes);

}  // namespace migrate::testing
