// DROP [TEMPORARY] TABLE[S] [IF EXISTS] a, b [RESTRICT|CASCADE]; DROP INDEX (parse_index.cc);
// DROP VIEW / DATABASE / SCHEMA / PROCEDURE / FUNCTION / TRIGGER / EVENT / SEQUENCE; DROP USER …
#include "sql/mysql/mysql_parser.h"

namespace migrate::mysql {

namespace {

struct DropKind {
  std::string_view keyword;
  ObjectKind kind;
};
// In MySQL a SCHEMA is a DATABASE.
constexpr DropKind kDropKinds[] = {
    {"VIEW", ObjectKind::kView},          {"DATABASE", ObjectKind::kDatabase},
    {"SCHEMA", ObjectKind::kDatabase},    {"PROCEDURE", ObjectKind::kFunction},
    {"FUNCTION", ObjectKind::kFunction},  {"TRIGGER", ObjectKind::kTrigger},
    {"EVENT", ObjectKind::kOther},        {"SEQUENCE", ObjectKind::kSequence},
};

}  // namespace

void MysqlParser::ParseDrop(std::vector<Change>* out) {
  const size_t start = pos();
  ExpectWord("DROP");
  if (IsWord("INDEX") || (IsAnyWord({"ONLINE", "OFFLINE"}) && IsWord("INDEX", 1))) {
    Rewind(start);
    return ParseDropIndex(out);
  }
  AcceptWord("TEMPORARY");
  if (AcceptWord("TABLE") || AcceptWord("TABLES")) {
    const bool if_exists = AcceptIfExists();
    do {
      std::string name = ParseQualifiedName("a table name");
      if (ok()) out->push_back(DropTable{name, if_exists});
    } while (ok() && AcceptSymbol(","));
    AcceptAnyWord({"RESTRICT", "CASCADE"});
    return;
  }
  for (const DropKind& k : kDropKinds) {
    if (!AcceptWord(k.keyword)) continue;
    const bool if_exists = AcceptIfExists();
    do {
      std::string name = ParseQualifiedName("a name");
      if (ok()) out->push_back(DropObject{k.kind, name, if_exists, false});
    } while (ok() && k.kind != ObjectKind::kDatabase && AcceptSymbol(","));
    if (AcceptWord("CASCADE") && !out->empty()) {
      if (auto* d = std::get_if<DropObject>(&out->back())) d->cascade = true;
    }
    AcceptWord("RESTRICT");
    return;
  }
  if (IsAnyWord({"USER", "ROLE", "PREPARE"})) return NoEffect("DROP " + ToUpperAscii(Peek().text), out);
  Rewind(start);
  Unmodelled(LeadingWords(2), out);
}

}  // namespace migrate::mysql
