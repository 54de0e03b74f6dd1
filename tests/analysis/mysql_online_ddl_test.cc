// The MySQL/MariaDB online DDL prediction table (analysis/mysql_online_ddl.h), per flavour and
// version, for the operations the lint rules rely on; the mysql-version setting; and the MySQL
// type-change rule of classification.
#include "analysis/mysql_online_ddl.h"

#include <gtest/gtest.h>

#include <set>

#include "analysis/analyzer.h"
#include "analysis/classify.h"
#include "analysis/locks.h"
#include "config/config.h"
#include "sql/front_end.h"
#include "testing/test_util.h"

namespace migrate {
namespace {

const FrontEnd& My() {
  static const std::unique_ptr<FrontEnd> fe = MakeFrontEnd(Dialect::kMysql);
  return *fe;
}

std::vector<Change> Parse(std::string_view sql) {
  ParseOutcome out = My().Parse(sql);
  if (const auto* err = std::get_if<SyntaxError>(&out)) {
    ADD_FAILURE() << "syntax error in `" << sql << "`: " << err->message;
    return {};
  }
  return std::get<std::vector<Change>>(out);
}

MysqlVersion V(std::string_view text) {
  std::optional<MysqlVersion> v = MysqlVersion::Parse(text);
  EXPECT_TRUE(v.has_value()) << text;
  return v.value_or(MysqlVersion{});
}

const char* kSetup =
    "CREATE TABLE users (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, code VARCHAR(50) NOT NULL,"
    " name VARCHAR(100) NOT NULL, age INT, bio TEXT, status ENUM('a','b') NOT NULL DEFAULT 'a');\n"
    "CREATE TABLE docs (id BIGINT PRIMARY KEY, body TEXT, FULLTEXT INDEX docs_body_ft (body));\n"
    "CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, INDEX orders_user_idx (user_id));";

Schema SetupSchema() {
  Schema schema;
  MigrationFile setup = LoadMigration("setup.sql", kSetup, My());
  EXPECT_TRUE(setup.errors.empty());
  ReplayFile(setup, &schema);
  return schema;
}

struct Case {
  std::string version;
  std::string sql;
  DdlAlgorithm algorithm;
  DdlLock lock;
  bool rebuilds;
};

std::optional<OnlineDdlPrediction> Predict(const std::string& version, const std::string& sql,
                                           const MysqlSession& session = {}) {
  Schema schema = SetupSchema();
  MysqlVersion v = V(version);
  return PredictOnlineDdl(Parse(sql), OnlineDdlContext{v, schema, session});
}

void Expect(const Case& c) {
  std::optional<OnlineDdlPrediction> p = Predict(c.version, c.sql);
  ASSERT_TRUE(p.has_value()) << c.version << ": " << c.sql;
  EXPECT_FALSE(p->refused) << c.version << ": " << c.sql << ": " << p->refusal;
  EXPECT_EQ(DdlAlgorithmName(p->algorithm), std::string(DdlAlgorithmName(c.algorithm))) << c.version << ": " << c.sql;
  EXPECT_EQ(DdlLockName(p->lock), std::string(DdlLockName(c.lock))) << c.version << ": " << c.sql;
  EXPECT_EQ(p->rebuilds, c.rebuilds) << c.version << ": " << c.sql;
}

constexpr DdlAlgorithm INSTANT = DdlAlgorithm::kInstant;
constexpr DdlAlgorithm INPLACE = DdlAlgorithm::kInplace;
constexpr DdlAlgorithm COPY = DdlAlgorithm::kCopy;
constexpr DdlLock NONE = DdlLock::kNone;
constexpr DdlLock SHARED = DdlLock::kShared;
constexpr DdlLock EXCLUSIVE = DdlLock::kExclusive;

TEST(OnlineDdlTableTest, OneRowPerOperationInEnumOrder) {
  const auto& table = OnlineDdlTable();
  std::set<int> seen;
  for (size_t i = 0; i < table.size(); ++i) {
    EXPECT_EQ(static_cast<size_t>(table[i].op), i) << table[i].operation;
    EXPECT_FALSE(table[i].operation.empty());
    EXPECT_TRUE(seen.insert(static_cast<int>(table[i].op)).second);
    EXPECT_EQ(&OnlineDdlRowFor(table[i].op), &table[i]);
    for (const DdlSupport* s : {&table[i].mysql, &table[i].mariadb}) {
      // COPY-only rows permit reads but not writes; INSTANT rows also run INPLACE with LOCK=NONE.
      if (!s->inplace) EXPECT_EQ(s->lock, SHARED) << table[i].operation;
      if (s->instant_since[0] != 0) EXPECT_TRUE(s->inplace && s->lock == NONE) << table[i].operation;
    }
  }
  EXPECT_EQ(table.size(), static_cast<size_t>(DdlOp::kRenameTable) + 1);
}

TEST(OnlineDdlPredictionTest, AddColumn) {
  const std::string add = "ALTER TABLE users ADD COLUMN nickname VARCHAR(20)";
  Expect({"mysql-8.0", add, INSTANT, NONE, false});
  Expect({"mysql-8.0.12", add, INSTANT, NONE, false});
  Expect({"mysql-8.0.11", add, INPLACE, NONE, true});
  Expect({"mysql-5.7", add, INPLACE, NONE, true});
  Expect({"mysql-8.4", add, INSTANT, NONE, false});
  Expect({"mariadb-10.11", add, INSTANT, NONE, false});
  Expect({"mariadb-10.3.2", add, INSTANT, NONE, false});
  Expect({"mariadb-10.2", add, INPLACE, NONE, true});
  Expect({"mysql-8.0", "ALTER TABLE users ADD COLUMN score INT NOT NULL DEFAULT 0", INSTANT, NONE, false});
}

TEST(OnlineDdlPredictionTest, AddColumnAnywhereInTheRow) {
  const std::string after = "ALTER TABLE users ADD COLUMN nickname VARCHAR(20) AFTER name";
  Expect({"mysql-8.0.28", after, INPLACE, NONE, true});
  Expect({"mysql-8.0.29", after, INSTANT, NONE, false});
  Expect({"mysql-8.4", after, INSTANT, NONE, false});
  Expect({"mariadb-10.3", after, INPLACE, NONE, true});
  Expect({"mariadb-10.4", after, INSTANT, NONE, false});
  Expect({"mysql-8.0.28", "ALTER TABLE users ADD COLUMN flag INT FIRST", INPLACE, NONE, true});
}

TEST(OnlineDdlPredictionTest, AddColumnThatInstantExcludes) {
  // MySQL refuses INSTANT for an expression default; MariaDB for a per-row (volatile) one.
  Expect({"mysql-8.0", "ALTER TABLE users ADD COLUMN n INT DEFAULT (2 + 5)", INPLACE, NONE, true});
  Expect({"mariadb-10.11", "ALTER TABLE users ADD COLUMN n INT DEFAULT (2 + 5)", INSTANT, NONE, false});
  Expect({"mariadb-10.11", "ALTER TABLE users ADD COLUMN u CHAR(36) DEFAULT (uuid())", INPLACE, NONE, true});
  Expect({"mariadb-10.11", "ALTER TABLE users ADD COLUMN t TIMESTAMP DEFAULT CURRENT_TIMESTAMP", INSTANT, NONE,
          false});
  // A table with a FULLTEXT index.
  Expect({"mysql-8.0", "ALTER TABLE docs ADD COLUMN title VARCHAR(100)", INPLACE, NONE, true});
  Expect({"mariadb-10.11", "ALTER TABLE docs ADD COLUMN title VARCHAR(100)", INPLACE, NONE, true});
  Expect({"mysql-8.0", "ALTER TABLE docs DROP COLUMN body", INPLACE, NONE, true});
}

TEST(OnlineDdlPredictionTest, DropAndRenameColumn) {
  Expect({"mysql-8.0.28", "ALTER TABLE users DROP COLUMN bio", INPLACE, NONE, true});
  Expect({"mysql-8.0.29", "ALTER TABLE users DROP COLUMN bio", INSTANT, NONE, false});
  Expect({"mariadb-10.11", "ALTER TABLE users DROP COLUMN bio", INSTANT, NONE, false});
  Expect({"mariadb-10.3", "ALTER TABLE users DROP COLUMN bio", INPLACE, NONE, true});
  Expect({"mysql-8.0.27", "ALTER TABLE users RENAME COLUMN bio TO about", INPLACE, NONE, false});
  Expect({"mysql-8.0.28", "ALTER TABLE users RENAME COLUMN bio TO about", INSTANT, NONE, false});
  // CHANGE that renames and keeps the type is a rename only.
  Expect({"mysql-8.0", "ALTER TABLE users CHANGE bio about TEXT", INSTANT, NONE, false});
}

TEST(OnlineDdlPredictionTest, ColumnTypeChanges) {
  for (const char* v : {"mysql-5.7", "mysql-8.0", "mysql-8.4", "mariadb-10.6", "mariadb-10.11"}) {
    Expect({v, "ALTER TABLE users MODIFY age BIGINT", COPY, SHARED, true});
    // 50 → 100 characters of utf8mb4: 200 → 400 bytes, the length prefix grows.
    Expect({v, "ALTER TABLE users MODIFY code VARCHAR(100) NOT NULL", COPY, SHARED, true});
    // Narrowing.
    Expect({v, "ALTER TABLE users MODIFY name VARCHAR(50) NOT NULL", COPY, SHARED, true});
  }
  Expect({"mysql-8.0", "ALTER TABLE users MODIFY code VARCHAR(60) NOT NULL", INPLACE, NONE, false});
  Expect({"mysql-8.0", "ALTER TABLE users MODIFY name VARCHAR(500) NOT NULL", INPLACE, NONE, false});
  Expect({"mariadb-10.11", "ALTER TABLE users MODIFY code VARCHAR(60) NOT NULL", INSTANT, NONE, false});
  // ENUM members appended: INSTANT; inserted in the middle: COPY.
  Expect({"mysql-8.0", "ALTER TABLE users MODIFY status ENUM('a','b','c') NOT NULL DEFAULT 'a'", INSTANT, NONE,
          false});
  Expect({"mysql-8.0", "ALTER TABLE users MODIFY status ENUM('a','c','b') NOT NULL DEFAULT 'a'", COPY, SHARED,
          true});
  // A column the replay does not know cannot be proven unchanged.
  Expect({"mysql-8.0", "ALTER TABLE accounts MODIFY balance INT", COPY, SHARED, true});
}

TEST(OnlineDdlPredictionTest, NullabilityAndDefaults) {
  for (const char* v : {"mysql-8.0", "mariadb-10.11"}) {
    Expect({v, "ALTER TABLE users MODIFY age INT NOT NULL", INPLACE, NONE, true});
    Expect({v, "ALTER TABLE users MODIFY name VARCHAR(100)", INPLACE, NONE, true});
    Expect({v, "ALTER TABLE users ALTER COLUMN age SET DEFAULT 18", INSTANT, NONE, false});
    Expect({v, "ALTER TABLE users ALTER COLUMN status DROP DEFAULT", INSTANT, NONE, false});
    // The primary key column stays NOT NULL without saying so.
    Expect({v, "ALTER TABLE users MODIFY id BIGINT AUTO_INCREMENT", INPLACE, NONE, false});
  }
  Expect({"mysql-5.7", "ALTER TABLE users ALTER COLUMN age SET DEFAULT 18", INPLACE, NONE, false});
}

TEST(OnlineDdlPredictionTest, Indexes) {
  for (const char* v : {"mysql-5.7", "mysql-8.0", "mysql-8.4", "mariadb-10.11"}) {
    Expect({v, "CREATE INDEX users_name_idx ON users (name)", INPLACE, NONE, false});
    Expect({v, "ALTER TABLE users ADD UNIQUE INDEX users_code_key (code)", INPLACE, NONE, false});
    Expect({v, "DROP INDEX orders_user_idx ON orders", INPLACE, NONE, false});
    Expect({v, "ALTER TABLE users ADD FULLTEXT INDEX users_bio_ft (bio)", INPLACE, SHARED, true});
    // The second FULLTEXT index of a table does not rebuild it.
    Expect({v, "CREATE FULLTEXT INDEX docs_body_ft2 ON docs (body)", INPLACE, SHARED, false});
    Expect({v, "ALTER TABLE users ADD SPATIAL INDEX users_loc_sp (bio)", INPLACE, SHARED, false});
  }
}

TEST(OnlineDdlPredictionTest, PrimaryKeys) {
  for (const char* v : {"mysql-8.0", "mariadb-10.11"}) {
    Expect({v, "ALTER TABLE users DROP PRIMARY KEY", COPY, SHARED, true});
    Expect({v, "ALTER TABLE users DROP PRIMARY KEY, ADD PRIMARY KEY (id, code)", INPLACE, NONE, true});
    Expect({v, "ALTER TABLE orders ADD COLUMN seq BIGINT NOT NULL AUTO_INCREMENT UNIQUE", INPLACE, SHARED, true});
  }
}

TEST(OnlineDdlPredictionTest, ForeignKeysFollowForeignKeyChecks) {
  const std::string fk =
      "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)";
  for (const char* v : {"mysql-8.0", "mariadb-10.11"}) {
    Expect({v, fk, COPY, SHARED, true});
    MysqlSession off;
    for (const Change& c : Parse("SET foreign_key_checks = 0")) UpdateMysqlSession(c, &off);
    EXPECT_FALSE(off.foreign_key_checks);
    std::optional<OnlineDdlPrediction> p = Predict(v, fk, off);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->algorithm, INPLACE);
    EXPECT_EQ(p->lock, NONE);
    EXPECT_FALSE(p->rebuilds);
    MysqlSession on = off;
    for (const Change& c : Parse("SET SESSION foreign_key_checks = ON")) UpdateMysqlSession(c, &on);
    EXPECT_TRUE(on.foreign_key_checks);
    // SET GLOBAL does not change the running session.
    MysqlSession global = off;
    for (const Change& c : Parse("SET GLOBAL foreign_key_checks = 1")) UpdateMysqlSession(c, &global);
    EXPECT_FALSE(global.foreign_key_checks);
  }
  Expect({"mysql-8.0", "ALTER TABLE orders DROP FOREIGN KEY orders_user_fk", INPLACE, NONE, false});
}

TEST(OnlineDdlPredictionTest, TableOperations) {
  for (const char* v : {"mysql-8.0", "mariadb-10.11"}) {
    Expect({v, "ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4", COPY, SHARED, true});
    Expect({v, "ALTER TABLE users FORCE", INPLACE, NONE, true});
    Expect({v, "ALTER TABLE users ENGINE=InnoDB", INPLACE, NONE, true});
    Expect({v, "OPTIMIZE TABLE users", INPLACE, NONE, true});
    Expect({v, "ALTER TABLE users ENGINE=MyISAM", COPY, SHARED, true});
    Expect({v, "ALTER TABLE users ROW_FORMAT=COMPRESSED", INPLACE, NONE, true});
    Expect({v, "ALTER TABLE users AUTO_INCREMENT=1000", INPLACE, NONE, false});
    Expect({v, "ALTER TABLE users COMMENT='people'", INPLACE, NONE, false});
    Expect({v, "ALTER TABLE users ORDER BY name", COPY, SHARED, true});
    Expect({v, "RENAME TABLE users TO people", INSTANT, NONE, false});
    Expect({v, "ALTER TABLE users ADD CONSTRAINT users_age_chk CHECK (age > 0)", COPY, SHARED, true});
  }
  // MySQL cannot rebuild a table with a FULLTEXT index in place.
  Expect({"mysql-8.0", "ALTER TABLE docs FORCE", COPY, SHARED, true});
  Expect({"mariadb-10.11", "ALTER TABLE docs FORCE", INPLACE, NONE, true});
  Expect({"mysql-5.7", "RENAME TABLE users TO people", INPLACE, NONE, false});
}

TEST(OnlineDdlPredictionTest, GeneratedColumns) {
  for (const char* v : {"mysql-8.0", "mariadb-10.11"}) {
    Expect({v, "ALTER TABLE users ADD COLUMN code_lower VARCHAR(50) AS (LOWER(code)) STORED", COPY, SHARED, true});
  }
  Expect({"mysql-8.0", "ALTER TABLE users ADD COLUMN code_lower VARCHAR(50) AS (LOWER(code)) VIRTUAL", INSTANT, NONE,
          false});
}

TEST(OnlineDdlPredictionTest, StatementTakesTheWorstOfItsActions) {
  // MySQL cannot combine INSTANT with an INPLACE action: the ADD COLUMN then rebuilds the table.
  Expect({"mysql-8.0", "ALTER TABLE users ADD COLUMN nickname VARCHAR(20), ADD INDEX users_name_idx (name)", INPLACE,
          NONE, true});
  Expect({"mariadb-10.11", "ALTER TABLE users ADD COLUMN nickname VARCHAR(20), ADD INDEX users_name_idx (name)",
          INPLACE, NONE, false});
  Expect({"mysql-8.0", "ALTER TABLE users ADD COLUMN nickname VARCHAR(20), MODIFY age BIGINT", COPY, SHARED, true});
  Expect({"mysql-8.0", "ALTER TABLE users ADD INDEX users_name_idx (name), ADD FULLTEXT INDEX users_bio_ft (bio)",
          INPLACE, SHARED, true});
}

TEST(OnlineDdlPredictionTest, ExplicitClausesConstrainThePrediction) {
  Expect({"mysql-8.0", "ALTER TABLE users ADD COLUMN nickname VARCHAR(20), ALGORITHM=INSTANT", INSTANT, NONE, false});
  // MySQL runs exactly the ALGORITHM asked for; MariaDB takes it as the least efficient one allowed.
  Expect({"mysql-8.0", "ALTER TABLE users ADD COLUMN nickname VARCHAR(20), ALGORITHM=INPLACE", INPLACE, NONE, true});
  Expect({"mariadb-10.11", "ALTER TABLE users ADD COLUMN nickname VARCHAR(20), ALGORITHM=INPLACE", INSTANT, NONE,
          false});
  Expect({"mysql-8.0", "ALTER TABLE users ADD COLUMN nickname VARCHAR(20), ALGORITHM=COPY", COPY, SHARED, true});
  Expect({"mysql-8.0", "ALTER TABLE users ADD COLUMN nickname VARCHAR(20), ALGORITHM=COPY, LOCK=EXCLUSIVE", COPY,
          EXCLUSIVE, true});
  Expect({"mysql-8.0", "CREATE INDEX users_name_idx ON users (name) LOCK=SHARED", INPLACE, SHARED, false});
  Expect({"mysql-8.0", "ALTER TABLE users ADD INDEX users_name_idx (name), ALGORITHM=INPLACE, LOCK=NONE", INPLACE,
          NONE, false});
  // MariaDB's ALTER ONLINE TABLE is LOCK=NONE.
  Expect({"mariadb-10.11", "ALTER ONLINE TABLE users ADD INDEX users_name_idx (name)", INPLACE, NONE, false});
}

TEST(OnlineDdlPredictionTest, RefusedClauses) {
  struct Refused {
    const char* version;
    const char* sql;
    const char* reason;
  };
  for (const Refused& r : {
           Refused{"mysql-8.0", "ALTER TABLE users ADD INDEX users_name_idx (name), ALGORITHM=INSTANT",
                   "ALGORITHM=INSTANT is not supported"},
           Refused{"mysql-8.0.28", "ALTER TABLE users DROP COLUMN bio, ALGORITHM=INSTANT",
                   "ALGORITHM=INSTANT is not supported"},
           Refused{"mysql-8.0", "ALTER TABLE users MODIFY age BIGINT, ALGORITHM=INPLACE",
                   "ALGORITHM=INPLACE is not supported"},
           Refused{"mariadb-10.11", "ALTER TABLE users MODIFY age BIGINT, LOCK=NONE", "LOCK=NONE is not supported"},
           Refused{"mysql-8.0", "ALTER TABLE users ADD FULLTEXT INDEX users_bio_ft (bio), LOCK=NONE",
                   "LOCK=NONE is not supported"},
           Refused{"mariadb-10.11", "ALTER TABLE users ADD PRIMARY KEY (code), ALGORITHM=NOCOPY",
                   "ALGORITHM=NOCOPY is not supported"},
           Refused{"mariadb-10.11", "ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4, ALGORITHM=INPLACE",
                   "ALGORITHM=INPLACE is not supported"},
           Refused{"mysql-8.0",
                   "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id), "
                   "ALGORITHM=INPLACE",
                   "ALGORITHM=INPLACE is not supported"},
       }) {
    std::optional<OnlineDdlPrediction> p = Predict(r.version, r.sql);
    ASSERT_TRUE(p) << r.sql;
    EXPECT_TRUE(p->refused) << r.version << ": " << r.sql;
    EXPECT_NE(p->refusal.find(r.reason), std::string::npos) << p->refusal;
    EXPECT_FALSE(p->blocks_writes());
  }
}

TEST(OnlineDdlPredictionTest, MariadbAlterAlgorithmSession) {
  MysqlSession session;
  for (const Change& c : Parse("SET SESSION alter_algorithm = 'COPY'")) UpdateMysqlSession(c, &session);
  EXPECT_EQ(session.alter_algorithm, "COPY");
  std::optional<OnlineDdlPrediction> p = Predict("mariadb-10.11", "ALTER TABLE users ADD COLUMN n INT", session);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->algorithm, COPY);
  EXPECT_EQ(p->requested_algorithm, "COPY");
  EXPECT_EQ(p->natural_algorithm, INSTANT);
  // MySQL has no alter_algorithm.
  p = Predict("mysql-8.0", "ALTER TABLE users ADD COLUMN n INT", session);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->algorithm, INSTANT);
}

TEST(OnlineDdlPredictionTest, OnlyAlterStatementsArePredicted) {
  for (const char* sql : {"CREATE TABLE t (id INT PRIMARY KEY, INDEX t_idx (id))", "INSERT INTO users (code) VALUES ('x')",
                          "SET foreign_key_checks = 0", "DROP TABLE users", "UPDATE users SET age = 1",
                          "ALTER TABLE users RENAME INDEX a TO b"}) {
    EXPECT_FALSE(Predict("mysql-8.0", sql).has_value()) << sql;
  }
}

TEST(OnlineDdlPredictionTest, StatementLockReportsLevelAndAlgorithm) {
  Schema schema = SetupSchema();
  LintSettings settings;
  MysqlSession session;
  LockContext ctx{settings, schema, session};
  std::optional<LockInfo> lock = StatementLock(Parse("ALTER TABLE users ADD FULLTEXT INDEX ft (bio)"), Dialect::kMysql, ctx);
  ASSERT_TRUE(lock);
  EXPECT_EQ(lock->level, "SHARED");
  EXPECT_EQ(lock->algorithm, "INPLACE");
  lock = StatementLock(Parse("ALTER TABLE users ADD COLUMN n INT"), Dialect::kMysql, ctx);
  ASSERT_TRUE(lock);
  EXPECT_EQ(lock->level, "NONE");
  EXPECT_EQ(lock->algorithm, "INSTANT");
  settings.mysql_version = V("mysql-5.7");
  lock = StatementLock(Parse("ALTER TABLE users ADD COLUMN n INT"), Dialect::kMysql, ctx);
  ASSERT_TRUE(lock);
  EXPECT_EQ(lock->algorithm, "INPLACE");
  EXPECT_FALSE(StatementLock(Parse("ALTER TABLE users ADD INDEX i (name), ALGORITHM=INSTANT"), Dialect::kMysql, ctx));
  EXPECT_FALSE(StatementLock(Parse("INSERT INTO users (code) VALUES ('x')"), Dialect::kMysql, ctx));
}

// ---- mysql-version ---------------------------------------------------------------------------

TEST(MysqlVersionTest, Parse) {
  MysqlVersion v = V("mysql-8.0");
  EXPECT_FALSE(v.is_mariadb());
  EXPECT_EQ(v.major, 8);
  EXPECT_EQ(v.minor, 0);
  EXPECT_EQ(v.patch, -1);
  EXPECT_EQ(v.ToString(), "mysql-8.0");
  EXPECT_EQ(v, kDefaultMysqlVersion);
  EXPECT_EQ(V("MariaDB-10.11.6").ToString(), "mariadb-10.11.6");
  EXPECT_EQ(V("mariadb-10.11.6").DisplayName(), "MariaDB 10.11.6");
  EXPECT_EQ(V("mysql-8.4").DisplayName(), "MySQL 8.4");
  for (const char* ok : {"mysql-5.7", "mysql-8.0.28", "mysql-8.4", "mysql-9.1", "mariadb-10.2", "mariadb-10.6",
                         "mariadb-11.4", "mariadb-12.0"}) {
    EXPECT_TRUE(MysqlVersion::Parse(ok).has_value()) << ok;
  }
  for (const char* bad : {"", "8.0", "mysql", "mysql-8", "mysql-8.0.x", "mysql-7.0", "mysql-8.5", "mysql-5.6",
                          "mariadb-10.1", "mariadb-10.12", "postgres-15", "mysql-8.0.1.2", "mysql--8.0"}) {
    EXPECT_FALSE(MysqlVersion::Parse(bad).has_value()) << bad;
  }
}

TEST(MysqlVersionTest, AtLeastTreatsAMissingPatchAsTheNewest) {
  EXPECT_TRUE(V("mysql-8.0").AtLeast(8, 0, 29));
  EXPECT_FALSE(V("mysql-8.0.28").AtLeast(8, 0, 29));
  EXPECT_TRUE(V("mysql-8.0.29").AtLeast(8, 0, 29));
  EXPECT_TRUE(V("mysql-8.4.0").AtLeast(8, 0, 29));
  EXPECT_FALSE(V("mysql-5.7").AtLeast(8, 0, 12));
  EXPECT_TRUE(V("mariadb-10.11").AtLeast(10, 4));
  EXPECT_FALSE(V("mariadb-10.3.1").AtLeast(10, 3, 2));
}

TEST(MysqlVersionTest, ConfigKey) {
  const auto dir = testing::MakeTempDir("cfg");
  testing::WriteAll(dir / "ok.toml", "dialect = \"mysql\"\nmysql-version = \"mariadb-10.11\"\n");
  Result<Config> ok = LoadConfig((dir / "ok.toml").string(), true);
  ASSERT_TRUE(ok.ok());
  ASSERT_TRUE(ok->mysql_version);
  EXPECT_EQ(MakeLintSettings(*ok).mysql_version, V("mariadb-10.11"));
  EXPECT_EQ(MakeLintSettings(Config{}).mysql_version, kDefaultMysqlVersion);

  testing::WriteAll(dir / "bad.toml", "dialect = \"mysql\"\nmysql-version = \"mysql-8\"\n");
  Result<Config> bad = LoadConfig((dir / "bad.toml").string(), true);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("bad.toml:2:17: mysql-version must name a flavour and version"),
            std::string::npos)
      << bad.status().message();
  testing::WriteAll(dir / "num.toml", "mysql-version = 8\n");
  EXPECT_FALSE(LoadConfig((dir / "num.toml").string(), true).ok());
}

// ---- classification: MySQL type changes ----------------------------------------------------------

TypeName T(std::string name, std::vector<int64_t> mods = {}, std::vector<std::string> values = {}) {
  TypeName t;
  t.name = std::move(name);
  t.modifiers = std::move(mods);
  t.values = std::move(values);
  return t;
}

TEST(IsSafeMysqlTypeChangeTest, VarcharKeepsItsLengthPrefix) {
  // utf8mb4 (the default): 4 bytes a character, so the 1-byte prefix ends at 63 characters.
  EXPECT_TRUE(IsSafeMysqlTypeChange(T("varchar", {50}), T("varchar", {63}), ""));
  EXPECT_FALSE(IsSafeMysqlTypeChange(T("varchar", {50}), T("varchar", {64}), ""));
  EXPECT_TRUE(IsSafeMysqlTypeChange(T("varchar", {64}), T("varchar", {1000}), "utf8mb4"));
  EXPECT_FALSE(IsSafeMysqlTypeChange(T("varchar", {100}), T("varchar", {50}), ""));
  // latin1: 1 byte a character; utf8mb3: 3.
  EXPECT_TRUE(IsSafeMysqlTypeChange(T("varchar", {100}), T("varchar", {255}), "latin1"));
  EXPECT_FALSE(IsSafeMysqlTypeChange(T("varchar", {100}), T("varchar", {256}), "latin1"));
  EXPECT_TRUE(IsSafeMysqlTypeChange(T("varchar", {80}), T("varchar", {85}), "utf8mb3"));
  EXPECT_FALSE(IsSafeMysqlTypeChange(T("varchar", {80}), T("varchar", {86}), "utf8mb3"));
  EXPECT_TRUE(IsSafeMysqlTypeChange(T("varbinary", {100}), T("varbinary", {255}), ""));
  // Through IsSafeTypeChange the default character set applies.
  EXPECT_TRUE(IsSafeTypeChange(Dialect::kMysql, T("varchar", {20}), T("varchar", {40})));
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kMysql, T("varchar", {50}), T("varchar", {100})));
}

TEST(IsSafeMysqlTypeChangeTest, EverythingElseCopies) {
  EXPECT_TRUE(IsSafeMysqlTypeChange(T("int"), T("int"), ""));
  EXPECT_FALSE(IsSafeMysqlTypeChange(T("int"), T("bigint"), ""));
  EXPECT_FALSE(IsSafeMysqlTypeChange(T("int"), T("int unsigned"), ""));
  EXPECT_FALSE(IsSafeMysqlTypeChange(T("decimal", {10, 2}), T("decimal", {12, 2}), ""));
  EXPECT_FALSE(IsSafeMysqlTypeChange(T("char", {10}), T("char", {20}), ""));
  EXPECT_FALSE(IsSafeMysqlTypeChange(T("varchar", {100}), T("text"), ""));
  EXPECT_FALSE(IsSafeMysqlTypeChange(T("text"), T("mediumtext"), ""));
}

TEST(IsSafeMysqlTypeChangeTest, EnumAndSetMembersAppended) {
  EXPECT_TRUE(IsSafeMysqlTypeChange(T("enum", {}, {"'a'", "'b'"}), T("enum", {}, {"'a'", "'b'", "'c'"}), ""));
  EXPECT_FALSE(IsSafeMysqlTypeChange(T("enum", {}, {"'a'", "'b'"}), T("enum", {}, {"'b'", "'a'", "'c'"}), ""));
  EXPECT_FALSE(IsSafeMysqlTypeChange(T("enum", {}, {"'a'", "'b'"}), T("enum", {}, {"'a'"}), ""));
  std::vector<std::string> eight, nine;
  for (int i = 0; i < 9; ++i) (i < 8 ? eight : nine).push_back("'" + std::to_string(i) + "'");
  nine.insert(nine.begin(), eight.begin(), eight.end());
  // SET: 8 members fit 1 byte, 9 need 2.
  EXPECT_FALSE(IsSafeMysqlTypeChange(T("set", {}, eight), T("set", {}, nine), ""));
}

TEST(ClassifyMysqlTest, ModifyColumn) {
  Schema schema = SetupSchema();
  std::set<std::string> none;
  ClassifyContext ctx{Dialect::kMysql, schema, none};
  auto cls = [&](const char* sql) { return ChangeClassName(ClassifyStatement(Parse(sql), ctx)); };
  EXPECT_STREQ(cls("ALTER TABLE users MODIFY age BIGINT"), "breaking");
  EXPECT_STREQ(cls("ALTER TABLE users MODIFY code VARCHAR(100) NOT NULL"), "breaking");
  EXPECT_STREQ(cls("ALTER TABLE users MODIFY code VARCHAR(60) NOT NULL"), "expand");
  EXPECT_STREQ(cls("ALTER TABLE users MODIFY code VARCHAR(60) CHARACTER SET latin1 NOT NULL"), "expand");
  EXPECT_STREQ(cls("ALTER TABLE users MODIFY age INT NOT NULL"), "contract");
  EXPECT_STREQ(cls("ALTER TABLE users MODIFY status ENUM('a','b','c') NOT NULL DEFAULT 'a'"), "expand");
  EXPECT_STREQ(cls("ALTER TABLE users ADD COLUMN n INT NOT NULL"), "breaking");
  EXPECT_STREQ(cls("ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4"), "breaking");
}

}  // namespace
}  // namespace migrate
