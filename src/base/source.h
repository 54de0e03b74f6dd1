// Source positions: byte offsets into a file's text and the 1-based line/column they map to.
// Columns count characters (UTF-8 code points), as editors and SARIF viewers do.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace migrate {

struct SourcePos {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in code points
};

// Maps byte offsets of one text to line/column in O(log lines).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  SourcePos PosOf(size_t offset) const;

 private:
  std::string_view text_;
  std::vector<size_t> line_starts_;
};

}  // namespace migrate
