// A dialect front end: splits a file's text into statements and turns one statement's text into
// Changes. Only src/sql/<dialect>/ knows a parser's types; callers see this interface.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/change.h"
#include "sql/splitter.h"

namespace migrate {

struct SyntaxError {
  size_t offset = 0;  // byte offset into the statement text
  std::string message;
};

using ParseOutcome = std::variant<std::vector<Change>, SyntaxError>;

class FrontEnd {
 public:
  virtual ~FrontEnd() = default;
  virtual Dialect dialect() const = 0;
  virtual SplitResult Split(std::string_view text) const = 0;
  // Parses one statement (as cut by Split, without its ';'). Statements the front end does
  // not model come back as an Unanalyzed change, never as an error.
  virtual ParseOutcome Parse(std::string_view statement) const = 0;
};

// The front end of a dialect, or nullptr where this build has none.
std::unique_ptr<FrontEnd> MakeFrontEnd(Dialect dialect);

}  // namespace migrate
