// A test helper: renders Changes (src/model/change.h) as stable one-line-per-change text for
// golden tests, e.g. "AddColumn table=users column=[full_name varchar(255) null default=none]".
#pragma once

#include <string>
#include <vector>

#include "model/change.h"
#include "sql/front_end.h"

namespace migrate::testing {

std::string DumpType(const TypeName& t);
std::string DumpExpr(const Expr& e);
std::string DumpColumn(const ColumnDef& c);
std::string DumpConstraint(const ConstraintDef& c);
// One line per change; CreateTable adds one indented line per column and constraint.
std::string DumpChange(const Change& change);
std::string DumpChanges(const std::vector<Change>& changes);
// A golden-file rendering of a whole file: for every statement cut by the front end's Split,
// "> statement on one line" then its dump (or "SyntaxError offset=… message=…"), then a blank line.
std::string DumpParsedFile(const FrontEnd& front_end, std::string_view text);

}  // namespace migrate::testing
