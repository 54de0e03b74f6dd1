// Schema replay of what only the MySQL and SQLite front ends produce: indexes declared inside
// CREATE TABLE, CREATE TABLE … LIKE, DROP PRIMARY KEY, MODIFY/CHANGE, and SQLite's rebuild recipe.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/schema.h"
#include "sql/front_end.h"

namespace migrate {
namespace {

void Replay(Schema* schema, Dialect dialect, const std::string& sql) {
  std::unique_ptr<FrontEnd> fe = MakeFrontEnd(dialect);
  ASSERT_NE(fe, nullptr);
  SplitResult split = fe->Split(sql);
  ASSERT_FALSE(split.error) << split.error->message;
  for (const RawStatement& st : split.statements) {
    ParseOutcome out = fe->Parse(st.text);
    ASSERT_TRUE(std::holds_alternative<std::vector<Change>>(out)) << st.text;
    for (const Change& c : std::get<std::vector<Change>>(out)) schema->Apply(c);
  }
}

TEST(SchemaMysqlTest, IndexesInsideCreateTableAreKnown) {
  Schema s;
  Replay(&s, Dialect::kMysql,
         "CREATE TABLE users (id int PRIMARY KEY, email varchar(255), KEY idx_email (email), "
         "UNIQUE KEY uq_email (email));");
  const Index* idx = s.FindIndex("idx_email");
  ASSERT_NE(idx, nullptr);
  EXPECT_EQ(idx->table, "users");
  EXPECT_FALSE(idx->unique);
  ASSERT_NE(s.FindIndex("uq_email"), nullptr);
  EXPECT_TRUE(s.FindIndex("uq_email")->unique);
  Replay(&s, Dialect::kMysql, "ALTER TABLE users DROP INDEX uq_email;");
  EXPECT_EQ(s.FindIndex("uq_email"), nullptr);
}

TEST(SchemaMysqlTest, CreateTableLikeCopiesTheShape) {
  Schema s;
  Replay(&s, Dialect::kMysql,
         "CREATE TABLE users (id int NOT NULL, name varchar(10), PRIMARY KEY (id));"
         "CREATE TABLE users_new LIKE users;"
         "ALTER TABLE users_new MODIFY name varchar(20) NOT NULL;");
  const Table* t = s.FindTable("users_new");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->name, "users_new");
  ASSERT_EQ(t->columns.size(), 2u);
  EXPECT_EQ(t->columns[1].type.ToString(), "varchar(20)");
  EXPECT_TRUE(t->columns[1].not_null);
  EXPECT_EQ(s.FindTable("users")->columns[1].type.ToString(), "varchar(10)");
}

TEST(SchemaMysqlTest, DropPrimaryKeyRemovesIt) {
  Schema s;
  Replay(&s, Dialect::kMysql, "CREATE TABLE t (id int, PRIMARY KEY (id)); ALTER TABLE t DROP PRIMARY KEY;");
  ASSERT_NE(s.FindTable("t"), nullptr);
  EXPECT_TRUE(s.FindTable("t")->constraints.empty());
}

TEST(SchemaMysqlTest, ChangeRenamesThenRedefines) {
  Schema s;
  Replay(&s, Dialect::kMysql, "CREATE TABLE t (a int); ALTER TABLE t CHANGE a b bigint NOT NULL;");
  const Table* t = s.FindTable("t");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->columns.size(), 1u);
  EXPECT_EQ(t->columns[0].name, "b");
  EXPECT_EQ(t->columns[0].type.ToString(), "bigint");
  EXPECT_TRUE(t->columns[0].not_null);
}

TEST(SchemaSqliteTest, RebuildRecipeEndsWithTheNewShape) {
  Schema s;
  Replay(&s, Dialect::kSqlite,
         "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);"
         "CREATE TABLE users_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
         "INSERT INTO users_new SELECT * FROM users;"
         "DROP TABLE users;"
         "ALTER TABLE users_new RENAME TO users;");
  const Table* t = s.FindTable("users");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->columns.size(), 2u);
  EXPECT_TRUE(t->columns[1].not_null);
  EXPECT_EQ(s.FindTable("users_new"), nullptr);
}

}  // namespace
}  // namespace migrate
