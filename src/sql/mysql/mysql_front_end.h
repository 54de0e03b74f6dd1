// The MySQL/MariaDB front end: SplitMysql (DELIMITER, routine bodies) and the hand-written
// recursive-descent parser of src/sql/mysql/ (one parse_<kind>.cc per statement kind).
#pragma once

#include "sql/front_end.h"

namespace migrate {

class MysqlFrontEnd : public FrontEnd {
 public:
  Dialect dialect() const override { return Dialect::kMysql; }
  SplitResult Split(std::string_view text) const override;
  ParseOutcome Parse(std::string_view statement) const override;
};

}  // namespace migrate
