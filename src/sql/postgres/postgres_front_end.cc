#include "sql/postgres/postgres_front_end.h"

#include <pg_query.h>
#include <rapidjson/document.h>

#include <cctype>
#include <string>

#include "sql/postgres/nodes.h"
#include "sql/postgres/transform.h"

namespace migrate {
namespace {

// "CREATE AGGREGATE", "ALTER TEXT SEARCH CONFIGURATION": the statement's leading keywords.
std::string LeadingWords(std::string_view sql, int max_words) {
  std::string out;
  size_t i = 0;
  for (int w = 0; w < max_words; ++w) {
    while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
    size_t b = i;
    while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i]))) ++i;
    if (b == i) break;
    if (!out.empty()) out += ' ';
    for (size_t k = b; k < i; ++k) out += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[k])));
  }
  return out;
}

// The byte offset of the `chars`-th character (UTF-8 code point) of `text`.
size_t CharPosToByteOffset(std::string_view text, int chars) {
  size_t i = 0;
  for (int seen = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (seen++ == chars) return i;
  }
  return i;
}

}  // namespace

SplitResult PostgresFrontEnd::Split(std::string_view text) const { return SplitPostgres(text); }

ParseOutcome PostgresFrontEnd::Parse(std::string_view statement) const {
  std::string sql(statement);  // libpg_query wants a NUL-terminated string
  PgQueryParseResult result = pg_query_parse(sql.c_str());
  if (result.error) {
    SyntaxError err;
    err.message = result.error->message ? result.error->message : "syntax error";
    // cursorpos is 1-based and counts characters, not bytes; 0 means "no position".
    err.offset = CharPosToByteOffset(statement, result.error->cursorpos > 0 ? result.error->cursorpos - 1 : 0);
    pg_query_free_parse_result(result);
    return err;
  }
  rapidjson::Document doc;
  doc.ParseInsitu(result.parse_tree);  // the tree's strings stay in libpg_query's buffer
  if (doc.HasParseError()) {
    pg_query_free_parse_result(result);
    return SyntaxError{0, "internal error: unreadable parse tree"};
  }
  std::vector<Change> changes;
  pg::SourceScope source(statement);
  for (pg::JsonNode raw : pg::JsonNode(&doc).List("stmts")) pg::TransformStatement(raw["stmt"], &changes);
  pg_query_free_parse_result(result);
  for (Change& c : changes) {
    if (auto* u = std::get_if<Unanalyzed>(&c); u && u->what.empty()) u->what = LeadingWords(statement, 2);
  }
  return changes;
}

}  // namespace migrate
