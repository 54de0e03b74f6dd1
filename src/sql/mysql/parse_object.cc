// CREATE [OR REPLACE] [ALGORITHM=…] [DEFINER=…] [SQL SECURITY …] VIEW, CREATE PROCEDURE /
// FUNCTION / TRIGGER / EVENT (bodies skipped), CREATE DATABASE / SCHEMA, CREATE SEQUENCE.
#include "sql/mysql/mysql_parser.h"

namespace migrate::mysql {

namespace {

struct CreateKind {
  std::string_view keyword;
  ObjectKind kind;
};
constexpr CreateKind kCreateKinds[] = {
    {"VIEW", ObjectKind::kView},         {"PROCEDURE", ObjectKind::kFunction},
    {"FUNCTION", ObjectKind::kFunction}, {"TRIGGER", ObjectKind::kTrigger},
    {"EVENT", ObjectKind::kOther},       {"DATABASE", ObjectKind::kDatabase},
    {"SCHEMA", ObjectKind::kDatabase},   {"SEQUENCE", ObjectKind::kSequence},
};

}  // namespace

void MysqlParser::ParseCreateObject(bool or_replace, std::vector<Change>* out) {
  const size_t start = pos();
  SkipDefinerAndFriends();
  AcceptWord("AGGREGATE");
  for (const CreateKind& k : kCreateKinds) {
    if (!AcceptWord(k.keyword)) continue;
    AcceptIfNotExists();
    std::string name = ParseQualifiedName("a name");
    SkipRest();
    if (ok()) out->push_back(CreateObject{k.kind, name, or_replace});
    return;
  }
  if (!ok()) return;
  Rewind(start);
  Unmodelled("CREATE " + (AtEnd() ? std::string() : ToUpperAscii(Peek().text)), out);
}

}  // namespace migrate::mysql
