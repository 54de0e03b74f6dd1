#include "sql/postgres/postgres_front_end.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <string>

#include "sql/postgres/transform.h"

namespace migrate {

SplitResult PostgresFrontEnd::Split(std::string_view text) const { return SplitPostgres(text); }

ParseOutcome PostgresFrontEnd::Parse(std::string_view statement) const {
  std::string sql(statement);  // libpg_query wants a NUL-terminated string
  PgQueryProtobufParseResult result = pg_query_parse_protobuf(sql.c_str());
  if (result.error) {
    SyntaxError err;
    err.message = result.error->message ? result.error->message : "syntax error";
    // cursorpos is 1-based; 0 means "no position".
    err.offset = result.error->cursorpos > 0 ? static_cast<size_t>(result.error->cursorpos - 1) : 0;
    pg_query_free_protobuf_parse_result(result);
    return err;
  }
  PgQuery__ParseResult* tree = pg_query__parse_result__unpack(
      nullptr, result.parse_tree.len, reinterpret_cast<const uint8_t*>(result.parse_tree.data));
  pg_query_free_protobuf_parse_result(result);
  if (tree == nullptr) return SyntaxError{0, "internal error: unreadable parse tree"};

  std::vector<Change> changes;
  for (size_t i = 0; i < tree->n_stmts; ++i) {
    const PgQuery__RawStmt* raw = tree->stmts[i];
    if (raw && raw->stmt) pg::TransformStatement(*raw->stmt, &changes);
  }
  pg_query__parse_result__free_unpacked(tree, nullptr);
  return changes;
}

}  // namespace migrate
