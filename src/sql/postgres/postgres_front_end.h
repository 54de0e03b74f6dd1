// The PostgreSQL front end: PostgreSQL's own grammar (libpg_query, PostgreSQL 15) for parsing,
// then one transform per statement kind into the Change model.
#pragma once

#include "sql/front_end.h"

namespace migrate {

class PostgresFrontEnd : public FrontEnd {
 public:
  Dialect dialect() const override { return Dialect::kPostgres; }
  SplitResult Split(std::string_view text) const override;
  ParseOutcome Parse(std::string_view statement) const override;
};

}  // namespace migrate
