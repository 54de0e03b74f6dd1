// The SQLite front end: SplitSqlite (trigger bodies) and the hand-written recursive-descent
// parser of src/sql/sqlite/ (one parse_<kind>.cc per statement kind).
#pragma once

#include "sql/front_end.h"

namespace migrate {

class SqliteFrontEnd : public FrontEnd {
 public:
  Dialect dialect() const override { return Dialect::kSqlite; }
  SplitResult Split(std::string_view text) const override;
  ParseOutcome Parse(std::string_view statement) const override;
};

}  // namespace migrate
