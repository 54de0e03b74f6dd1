#include "model/schema.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <string>
#include <vector>

#include "sql/splitter.h"
#include "testing/test_util.h"

namespace migrate {
namespace {

// Parses every statement of `sql` with the PostgreSQL front end and applies its changes.
void Replay(Schema* schema, const std::string& sql) {
  SplitResult split = SplitPostgres(sql);
  ASSERT_FALSE(split.error) << split.error->message;
  for (const RawStatement& st : split.statements) {
    for (const Change& c : testing::ParseOk(st.text)) schema->Apply(c);
  }
}

std::vector<std::string> ColumnNames(const Table& t) {
  std::vector<std::string> out;
  for (const Column& c : t.columns) out.push_back(c.name);
  return out;
}

std::vector<std::string> ConstraintNames(const Table& t) {
  std::vector<std::string> out;
  for (const Constraint& c : t.constraints) out.push_back(c.def.name);
  std::sort(out.begin(), out.end());
  return out;
}

const char* kUsers =
    "CREATE TABLE users (\n"
    "  id bigint PRIMARY KEY,\n"
    "  email varchar(255) NOT NULL UNIQUE,\n"
    "  org_id int REFERENCES orgs (id),\n"
    "  age int CHECK (age >= 0),\n"
    "  name text DEFAULT 'anon',\n"
    "  created_at timestamptz DEFAULT now()\n"
    ");";

TEST(SchemaTest, CreateTableColumnsTypesNullabilityDefaults) {
  Schema s;
  Replay(&s, kUsers);
  EXPECT_EQ(s.table_count(), 1u);
  const Table* t = s.FindTable("users");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->name, "users");
  EXPECT_EQ(ColumnNames(*t), (std::vector<std::string>{"id", "email", "org_id", "age", "name", "created_at"}));
  const Column* id = t->FindColumn("id");
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->type.ToString(), "int8");
  EXPECT_TRUE(id->not_null);  // PRIMARY KEY implies NOT NULL
  EXPECT_FALSE(id->default_value);
  EXPECT_EQ(t->FindColumn("email")->type, (TypeName{.name = "varchar", .modifiers = {255}}));
  EXPECT_TRUE(t->FindColumn("email")->not_null);
  EXPECT_FALSE(t->FindColumn("org_id")->not_null);
  ASSERT_TRUE(t->FindColumn("name")->default_value);
  EXPECT_EQ(t->FindColumn("name")->default_value->text, "'anon'");
  ASSERT_TRUE(t->FindColumn("created_at")->default_value);
  EXPECT_EQ(t->FindColumn("created_at")->default_value->volatility, Volatility::kStable);
  EXPECT_EQ(t->FindColumn("missing"), nullptr);
  EXPECT_EQ(s.FindTable("orgs"), nullptr);
}

TEST(SchemaTest, InlineConstraintsGetPostgresNames) {
  Schema s;
  Replay(&s, kUsers);
  const Table* t = s.FindTable("users");
  ASSERT_NE(t, nullptr);
  const Constraint* pk = t->FindConstraint("users_pkey");
  ASSERT_NE(pk, nullptr);
  EXPECT_EQ(pk->def.kind, ConstraintKind::kPrimaryKey);
  EXPECT_EQ(pk->def.columns, std::vector<std::string>{"id"});
  EXPECT_TRUE(pk->validated);
  const Constraint* key = t->FindConstraint("users_email_key");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->def.kind, ConstraintKind::kUnique);
  EXPECT_EQ(key->def.columns, std::vector<std::string>{"email"});
  EXPECT_NE(t->FindConstraint("users_age_check"), nullptr) << "column CHECK on age";
  const Constraint* fk = t->FindConstraint("users_org_id_fkey");
  ASSERT_NE(fk, nullptr) << "inline REFERENCES is a FOREIGN KEY constraint";
  EXPECT_EQ(fk->def.kind, ConstraintKind::kForeignKey);
  ASSERT_TRUE(fk->def.references);
  EXPECT_EQ(fk->def.references->table, "orgs");
  EXPECT_EQ(ConstraintNames(*t), (std::vector<std::string>{"users_age_check", "users_email_key",
                                                           "users_org_id_fkey", "users_pkey"}));
}

TEST(SchemaTest, TableConstraintsGetPostgresNames) {
  Schema s;
  Replay(&s,
         "CREATE TABLE events (tenant_id int, id int, kind int, note text,\n"
         "  CONSTRAINT events_pk PRIMARY KEY (tenant_id, id),\n"
         "  UNIQUE (tenant_id, kind),\n"
         "  FOREIGN KEY (tenant_id) REFERENCES tenants (id),\n"
         "  CHECK (kind > 0),\n"
         "  CHECK (note IS NOT NULL));");
  const Table* t = s.FindTable("events");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(ConstraintNames(*t),
            (std::vector<std::string>{"events_kind_check", "events_note_check", "events_pk",
                                      "events_tenant_id_fkey", "events_tenant_id_kind_key"}));
  // PRIMARY KEY columns become NOT NULL.
  EXPECT_TRUE(t->FindColumn("tenant_id")->not_null);
  EXPECT_TRUE(t->FindColumn("id")->not_null);
  EXPECT_FALSE(t->FindColumn("kind")->not_null);
  // A validated CHECK (note IS NOT NULL) from CREATE TABLE.
  EXPECT_TRUE(t->HasValidatedNotNullCheck("note"));
  EXPECT_FALSE(t->HasValidatedNotNullCheck("kind"));
}

TEST(SchemaTest, SchemaQualifiedTableUsesTheBareNameForConstraints) {
  Schema s;
  Replay(&s, "CREATE TABLE app.accounts (id int PRIMARY KEY, code text UNIQUE);");
  EXPECT_EQ(s.FindTable("accounts"), nullptr);
  const Table* t = s.FindTable("app.accounts");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(ConstraintNames(*t), (std::vector<std::string>{"accounts_code_key", "accounts_pkey"}));
}

TEST(SchemaTest, SerialAndIdentityColumnsAreNotNull) {
  Schema s;
  Replay(&s, "CREATE TABLE t (a serial, b bigint GENERATED ALWAYS AS IDENTITY, c int);");
  const Table* t = s.FindTable("t");
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->FindColumn("a")->not_null);
  EXPECT_TRUE(t->FindColumn("b")->not_null);
  EXPECT_FALSE(t->FindColumn("c")->not_null);
}

TEST(SchemaTest, AddConstraintNotValidThenValidate) {
  Schema s;
  Replay(&s, kUsers);
  Replay(&s,
         "ALTER TABLE users ADD CONSTRAINT users_name_nn CHECK (name IS NOT NULL) NOT VALID;\n"
         "ALTER TABLE users ADD FOREIGN KEY (org_id) REFERENCES orgs (id) NOT VALID;");
  const Table* t = s.FindTable("users");
  const Constraint* nn = t->FindConstraint("users_name_nn");
  ASSERT_NE(nn, nullptr);
  EXPECT_FALSE(nn->validated);
  EXPECT_EQ(nn->def.not_null_column, "name");
  EXPECT_FALSE(t->HasValidatedNotNullCheck("name"));
  Replay(&s, "ALTER TABLE users VALIDATE CONSTRAINT users_name_nn;");
  t = s.FindTable("users");
  EXPECT_TRUE(t->FindConstraint("users_name_nn")->validated);
  EXPECT_TRUE(t->HasValidatedNotNullCheck("name"));
  EXPECT_FALSE(t->HasValidatedNotNullCheck("email"));
}

TEST(SchemaTest, UnnamedNotNullCheckIsNamedAfterItsColumn) {
  Schema s;
  Replay(&s, kUsers);
  Replay(&s, "ALTER TABLE users ADD CHECK (name IS NOT NULL) NOT VALID;");
  const Constraint* c = s.FindTable("users")->FindConstraint("users_name_check");
  ASSERT_NE(c, nullptr);
  EXPECT_FALSE(c->validated);
  Replay(&s, "ALTER TABLE users VALIDATE CONSTRAINT users_name_check;");
  EXPECT_TRUE(s.FindTable("users")->HasValidatedNotNullCheck("name"));
}

TEST(SchemaTest, ComplexCheckIsNotANotNullCheck) {
  Schema s;
  Replay(&s, kUsers);
  Replay(&s, "ALTER TABLE users ADD CONSTRAINT c1 CHECK (name IS NOT NULL AND age > 0);\n"
             "ALTER TABLE users ADD CONSTRAINT c2 CHECK (name IS NULL);");
  EXPECT_FALSE(s.FindTable("users")->HasValidatedNotNullCheck("name"));
}

TEST(SchemaTest, AddConstraintWithoutNotValidIsValidated) {
  Schema s;
  Replay(&s, kUsers);
  Replay(&s, "ALTER TABLE users ADD CONSTRAINT users_age_max CHECK (age < 200);");
  const Constraint* c = s.FindTable("users")->FindConstraint("users_age_max");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->validated);
}

TEST(SchemaTest, DropConstraint) {
  Schema s;
  Replay(&s, kUsers);
  Replay(&s, "ALTER TABLE users DROP CONSTRAINT users_email_key;");
  EXPECT_EQ(s.FindTable("users")->FindConstraint("users_email_key"), nullptr);
  EXPECT_NE(s.FindTable("users")->FindConstraint("users_pkey"), nullptr);
}

TEST(SchemaTest, ColumnChanges) {
  Schema s;
  Replay(&s, kUsers);
  Replay(&s,
         "ALTER TABLE users ADD COLUMN full_name varchar(100);\n"
         "ALTER TABLE users ALTER COLUMN full_name TYPE varchar(200);\n"
         "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;\n"
         "ALTER TABLE users ALTER COLUMN name SET NOT NULL;\n"
         "ALTER TABLE users ALTER COLUMN name DROP DEFAULT;\n"
         "ALTER TABLE users ALTER COLUMN age SET DEFAULT 18;");
  const Table* t = s.FindTable("users");
  EXPECT_EQ(ColumnNames(*t),
            (std::vector<std::string>{"id", "email", "org_id", "age", "name", "created_at", "full_name"}));
  EXPECT_EQ(t->FindColumn("full_name")->type.ToString(), "varchar(200)");
  EXPECT_FALSE(t->FindColumn("email")->not_null);
  EXPECT_TRUE(t->FindColumn("name")->not_null);
  EXPECT_FALSE(t->FindColumn("name")->default_value);
  ASSERT_TRUE(t->FindColumn("age")->default_value);
  EXPECT_EQ(t->FindColumn("age")->default_value->text, "18");
}

TEST(SchemaTest, AddColumnWithInlineConstraints) {
  Schema s;
  Replay(&s, "CREATE TABLE accounts (name text);");
  Replay(&s,
         "ALTER TABLE accounts ADD COLUMN id bigint PRIMARY KEY;\n"
         "ALTER TABLE accounts ADD COLUMN code text UNIQUE;\n"
         "ALTER TABLE accounts ADD COLUMN org_id int REFERENCES orgs (id);\n"
         "ALTER TABLE accounts ADD COLUMN qty int CHECK (qty > 0);");
  const Table* t = s.FindTable("accounts");
  EXPECT_TRUE(t->FindColumn("id")->not_null);
  EXPECT_EQ(ConstraintNames(*t), (std::vector<std::string>{"accounts_code_key", "accounts_org_id_fkey",
                                                           "accounts_pkey", "accounts_qty_check"}));
}

TEST(SchemaTest, AddExistingColumnIsIgnored) {
  Schema s;
  Replay(&s, kUsers);
  Replay(&s, "ALTER TABLE users ADD COLUMN IF NOT EXISTS email text;");
  EXPECT_EQ(s.FindTable("users")->FindColumn("email")->type.ToString(), "varchar(255)");
  EXPECT_EQ(s.FindTable("users")->columns.size(), 6u);
}

TEST(SchemaTest, DropColumnRemovesItsConstraints) {
  Schema s;
  Replay(&s,
         "CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE, c int, d int,\n"
         "  UNIQUE (c, d), CONSTRAINT d_nn CHECK (d IS NOT NULL));");
  Replay(&s, "ALTER TABLE t DROP COLUMN d;");
  const Table* t = s.FindTable("t");
  EXPECT_EQ(ColumnNames(*t), (std::vector<std::string>{"a", "b", "c"}));
  // The multi-column UNIQUE (c, d) and the CHECK on d go with d.
  EXPECT_EQ(ConstraintNames(*t), (std::vector<std::string>{"t_b_key", "t_pkey"}));
  Replay(&s, "ALTER TABLE t DROP COLUMN b;");
  EXPECT_EQ(ConstraintNames(*s.FindTable("t")), std::vector<std::string>{"t_pkey"});
}

TEST(SchemaTest, RenameTableKeepsColumnsConstraintsAndIndexes) {
  Schema s;
  Replay(&s, kUsers);
  Replay(&s, "CREATE INDEX users_name_idx ON users (name);\nALTER TABLE users RENAME TO customers;");
  EXPECT_EQ(s.FindTable("users"), nullptr);
  const Table* t = s.FindTable("customers");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->name, "customers");
  EXPECT_EQ(t->columns.size(), 6u);
  // PostgreSQL keeps constraint names on rename.
  EXPECT_NE(t->FindConstraint("users_pkey"), nullptr);
  ASSERT_NE(s.FindIndex("users_name_idx"), nullptr);
  EXPECT_EQ(s.FindIndex("users_name_idx")->table, "customers");
  EXPECT_EQ(s.table_count(), 1u);
}

TEST(SchemaTest, RenameTableKeepsItsSchema) {
  Schema s;
  Replay(&s, "CREATE TABLE app.users (id int);\nALTER TABLE app.users RENAME TO accounts;");
  EXPECT_NE(s.FindTable("app.accounts"), nullptr);
  EXPECT_EQ(s.FindTable("accounts"), nullptr);
}

TEST(SchemaTest, SetSchemaMovesTheTable) {
  Schema s;
  Replay(&s, "CREATE TABLE users (id int);\nALTER TABLE users SET SCHEMA archive;");
  EXPECT_EQ(s.FindTable("users"), nullptr);
  EXPECT_NE(s.FindTable("archive.users"), nullptr);
  Replay(&s, "ALTER TABLE archive.users SET SCHEMA public;");
  EXPECT_NE(s.FindTable("users"), nullptr);
}

TEST(SchemaTest, RenameColumn) {
  Schema s;
  Replay(&s, kUsers);
  Replay(&s, "ALTER TABLE users RENAME COLUMN name TO full_name;");
  const Table* t = s.FindTable("users");
  EXPECT_EQ(t->FindColumn("name"), nullptr);
  ASSERT_NE(t->FindColumn("full_name"), nullptr);
  EXPECT_EQ(t->FindColumn("full_name")->type.ToString(), "text");
  EXPECT_EQ(ColumnNames(*t), (std::vector<std::string>{"id", "email", "org_id", "age", "full_name", "created_at"}));
}

TEST(SchemaTest, ConstraintsFollowARenamedColumn) {
  Schema s;
  Replay(&s, kUsers);
  Replay(&s,
         "ALTER TABLE users ADD CONSTRAINT users_name_nn CHECK (name IS NOT NULL) NOT VALID;\n"
         "ALTER TABLE users VALIDATE CONSTRAINT users_name_nn;\n"
         "ALTER TABLE users RENAME COLUMN name TO full_name;\n"
         "ALTER TABLE users RENAME COLUMN email TO login;");
  const Table* t = s.FindTable("users");
  // The validated CHECK now guards full_name.
  EXPECT_TRUE(t->HasValidatedNotNullCheck("full_name"));
  EXPECT_FALSE(t->HasValidatedNotNullCheck("name"));
  ASSERT_NE(t->FindConstraint("users_email_key"), nullptr);
  EXPECT_EQ(t->FindConstraint("users_email_key")->def.columns, std::vector<std::string>{"login"});
  // Dropping the renamed column drops its UNIQUE constraint.
  Replay(&s, "ALTER TABLE users DROP COLUMN login;");
  EXPECT_EQ(s.FindTable("users")->FindConstraint("users_email_key"), nullptr);
}

TEST(SchemaTest, DropTableRemovesItAndItsIndexes) {
  Schema s;
  Replay(&s, kUsers);
  Replay(&s, "CREATE TABLE other (id int);\nCREATE INDEX users_name_idx ON users (name);\n"
             "CREATE INDEX other_id_idx ON other (id);\nDROP TABLE users;");
  EXPECT_EQ(s.FindTable("users"), nullptr);
  EXPECT_EQ(s.FindIndex("users_name_idx"), nullptr);
  EXPECT_NE(s.FindIndex("other_id_idx"), nullptr);
  EXPECT_EQ(s.table_count(), 1u);
}

TEST(SchemaTest, Indexes) {
  Schema s;
  Replay(&s, kUsers);
  Replay(&s,
         "CREATE UNIQUE INDEX CONCURRENTLY users_lower_email_idx ON users (lower(email), org_id);\n"
         "CREATE INDEX users_name_idx ON users (name);");
  const Index* idx = s.FindIndex("users_lower_email_idx");
  ASSERT_NE(idx, nullptr);
  EXPECT_EQ(idx->name, "users_lower_email_idx");
  EXPECT_EQ(idx->table, "users");
  EXPECT_TRUE(idx->unique);
  EXPECT_EQ(idx->columns, (std::vector<std::string>{"lower(email)", "org_id"}));
  EXPECT_FALSE(s.FindIndex("users_name_idx")->unique);
  Replay(&s, "DROP INDEX CONCURRENTLY users_name_idx;");
  EXPECT_EQ(s.FindIndex("users_name_idx"), nullptr);
  EXPECT_NE(s.FindIndex("users_lower_email_idx"), nullptr);
}

TEST(SchemaTest, Enums) {
  Schema s;
  Replay(&s, "CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
             "ALTER TYPE mood ADD VALUE 'happy';\n"
             "ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';");
  const std::vector<std::string>* mood = s.FindEnum("mood");
  ASSERT_NE(mood, nullptr);
  EXPECT_EQ(*mood, (std::vector<std::string>{"unhappy", "ok", "happy"}));
  EXPECT_EQ(s.FindEnum("other"), nullptr);
  Replay(&s, "DROP TYPE mood;");
  EXPECT_EQ(s.FindEnum("mood"), nullptr);
}

TEST(SchemaTest, ChangesToUnknownTablesAreIgnored) {
  Schema s;
  Replay(&s,
         "ALTER TABLE ghost ADD COLUMN a int;\n"
         "ALTER TABLE ghost DROP COLUMN b;\n"
         "ALTER TABLE ghost ADD CONSTRAINT c CHECK (a > 0);\n"
         "ALTER TABLE ghost RENAME TO spirit;\n"
         "DROP TABLE ghost;");
  EXPECT_EQ(s.table_count(), 0u);
  EXPECT_EQ(s.FindTable("ghost"), nullptr);
  EXPECT_EQ(s.FindTable("spirit"), nullptr);
}

TEST(SchemaTest, CreateTableIfNotExistsKeepsTheExistingTable) {
  Schema s;
  Replay(&s, "CREATE TABLE t (a int);\nCREATE TABLE IF NOT EXISTS t (b text);");
  EXPECT_EQ(ColumnNames(*s.FindTable("t")), std::vector<std::string>{"a"});
}

}  // namespace
}  // namespace migrate
