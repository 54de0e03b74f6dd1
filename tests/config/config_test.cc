#include "config/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "testing/test_util.h"

namespace migrate {
namespace {

namespace fs = std::filesystem;

std::string WriteConfig(const std::string& text) {
  fs::path dir = testing::MakeTempDir("cfg");
  fs::path p = dir / "migrate.toml";
  testing::WriteAll(p, text);
  return p.string();
}

// The error of loading `text`; fails the test when it loads.
Status ConfigError(const std::string& text, std::string* path_out = nullptr) {
  std::string path = WriteConfig(text);
  if (path_out) *path_out = path;
  Result<Config> r = LoadConfig(path, true);
  EXPECT_FALSE(r.ok()) << "loaded without error:\n" << text;
  return r.ok() ? Status::Ok() : r.status();
}

TEST(LoadConfigTest, ValidFileWithAllKeys) {
  std::string path = WriteConfig(
      "dialect = \"postgres\"\n"
      "dir = \"db/migrations\"\n"
      "app = \"web\"\n"
      "database = \"postgres://app@localhost/app\"\n"
      "postgres-version = 14\n"
      "mysql-version = \"mariadb-10.11\"\n"
      "\n"
      "[lint]\n"
      "disable = [\"truncate\", \"lock-table\"]\n"
      "\n"
      "[lint.severity]\n"
      "unanalyzed-statement = \"error\"\n"
      "rename-column = \"warning\"\n"
      "cluster = \"off\"\n");
  Result<Config> r = LoadConfig(path, true);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Config& c = *r;
  EXPECT_EQ(c.path, path);
  EXPECT_EQ(c.dialect, "postgres");
  EXPECT_EQ(c.dir, "db/migrations");
  EXPECT_EQ(c.app, "web");
  EXPECT_EQ(c.database, "postgres://app@localhost/app");
  EXPECT_EQ(c.postgres_version, 14);
  ASSERT_TRUE(c.mysql_version);
  EXPECT_EQ(c.mysql_version->ToString(), "mariadb-10.11");
  EXPECT_EQ(c.disabled_rules, (std::vector<std::string>{"truncate", "lock-table"}));
  EXPECT_EQ(c.severity, (std::map<std::string, std::string>{
                            {"unanalyzed-statement", "error"}, {"rename-column", "warning"}, {"cluster", "off"}}));
}

TEST(LoadConfigTest, EmptyFileIsAnEmptyConfig) {
  std::string path = WriteConfig("");
  Result<Config> r = LoadConfig(path, true);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->path, path);
  EXPECT_FALSE(r->dialect);
  EXPECT_FALSE(r->postgres_version);
  EXPECT_TRUE(r->disabled_rules.empty());
}

TEST(LoadConfigTest, UnknownKeyNamesFileLineAndColumn) {
  std::string path;
  Status s = ConfigError("dialect = \"postgres\"\n  colour = true\n", &path);
  EXPECT_EQ(s.code(), StatusCode::kConfig);
  EXPECT_EQ(s.message(), path + ":2:3: unknown setting 'colour' (known: dialect, dir, app, database, "
                                "postgres-version, mysql-version, [lint], [engine], [backfill])");
}

TEST(LoadConfigTest, EngineSettings) {
  std::string path = WriteConfig(
      "app = \"shop\"\n[engine]\nlock-timeout = \"500ms\"\nddl-retry-for = \"2m\"\nstatement-timeout = \"30s\"\n"
      "lock-wait = \"10s\"\nbatch-size = 5000\nbatch-pause = \"50ms\"\ninstance-ttl = \"90s\"\n");
  Result<Config> r = LoadConfig(path, true);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->app, "shop");
  EXPECT_EQ(r->engine.lock_timeout.count(), 500);
  EXPECT_EQ(r->engine.ddl_retry_for.count(), 120'000);
  EXPECT_EQ(r->engine.statement_timeout.count(), 30'000);
  EXPECT_EQ(r->engine.lock_wait.count(), 10'000);
  EXPECT_EQ(r->engine.batch_size, 5000);
  EXPECT_EQ(r->engine.batch_pause.count(), 50);
  EXPECT_EQ(r->engine.instance_ttl.count(), 90'000);
}

TEST(LoadConfigTest, EngineDefaultsWhenUnset) {
  Result<Config> r = LoadConfig(WriteConfig(""), true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->engine.lock_timeout.count(), 1000);
  EXPECT_EQ(r->engine.ddl_retry_for.count(), 300'000);
  EXPECT_EQ(r->engine.lock_wait.count(), 60'000);
  EXPECT_EQ(r->engine.batch_size, 1000);
}

TEST(LoadConfigTest, BackfillThrottleSettings) {
  std::string path = WriteConfig(
      "[backfill]\ntarget-batch-time = \"100ms\"\nmax-rows-per-second = 5000\nreplicas = [\"postgres://r1/db\"]\n"
      "max-replica-lag = \"2s\"\nmax-active-sessions = 40\nthrottle-query = \"SELECT 1\"\nthrottle-query-max = 3\n"
      "pause-file = \"/tmp/pause\"\ncontrol-file = \"ctl\"\nmin-batch = 5\nmax-batch = 500\n");
  Result<Config> r = LoadConfig(path, true);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const ThrottleSettings& t = r->engine.throttle;
  EXPECT_EQ(t.target_batch_time.count(), 100);
  EXPECT_EQ(t.max_rows_per_second, 5000);
  EXPECT_EQ(t.replicas, std::vector<std::string>{"postgres://r1/db"});
  EXPECT_EQ(t.max_replica_lag.count(), 2000);
  EXPECT_EQ(t.max_active_sessions, 40);
  EXPECT_EQ(t.throttle_query, "SELECT 1");
  EXPECT_EQ(t.throttle_query_max, 3);
  EXPECT_EQ(t.pause_file, "/tmp/pause");
  EXPECT_EQ(t.control_file, "ctl");
  EXPECT_EQ(t.min_batch, 5);
  EXPECT_EQ(t.max_batch, 500);
  std::string bad;
  Status s = ConfigError("[backfill]\nmax-batch = -1\n", &bad);
  EXPECT_EQ(s.message(), bad + ":2:13: backfill.max-batch must be an integer >= 0");
}

TEST(LoadConfigTest, BadEngineValuesNameTheKey) {
  std::string path;
  Status s = ConfigError("[engine]\nlock-timeout = \"soon\"\n", &path);
  EXPECT_EQ(s.code(), StatusCode::kConfig);
  EXPECT_EQ(s.message(), path + ":2:16: engine.lock-timeout must be a duration such as \"1s\", \"500ms\" or \"5m\"");
  s = ConfigError("[engine]\nbatch-size = 0\n", &path);
  EXPECT_EQ(s.message(), path + ":2:14: engine.batch-size must be a positive integer");
  s = ConfigError("[engine]\nlock_timeout = \"1s\"\n", &path);
  EXPECT_NE(s.message().find("unknown setting 'engine.lock_timeout'"), std::string::npos) << s.message();
}

TEST(LoadConfigTest, UnknownLintKey) {
  std::string path;
  Status s = ConfigError("[lint]\nenable = [\"truncate\"]\n", &path);
  EXPECT_EQ(s.code(), StatusCode::kConfig);
  EXPECT_EQ(s.message(), path + ":2:1: unknown setting 'lint.enable' (known: disable, severity)");
}

TEST(LoadConfigTest, BadDialect) {
  std::string path;
  Status s = ConfigError("app = \"web\"\ndialect = \"oracle\"\n", &path);
  EXPECT_EQ(s.code(), StatusCode::kConfig);
  EXPECT_EQ(s.message(), path + ":2:11: dialect must be postgres, mysql or sqlite");
  {
    const std::string msg = ConfigError("dialect = 5\n", &path).message();
    EXPECT_EQ(msg, path + ":1:11: 'dialect' must be a string");
  }
}

TEST(LoadConfigTest, BadPostgresVersion) {
  std::string path;
  {
    const std::string msg = ConfigError("postgres-version = 7\n", &path).message();
    EXPECT_EQ(msg, path + ":1:20: postgres-version must be a major version such as 15");
  }
  {
    const std::string msg = ConfigError("postgres-version = \"15\"\n", &path).message();
    EXPECT_EQ(msg, path + ":1:20: postgres-version must be a major version such as 15");
  }
  {
    const std::string msg = ConfigError("postgres-version = 150\n", &path).message();
    EXPECT_EQ(msg, path + ":1:20: postgres-version must be a major version such as 15");
  }
  EXPECT_EQ(ConfigError("postgres-version = 15.2\n", &path).code(), StatusCode::kConfig);
}

TEST(LoadConfigTest, LintDisableWithUnknownRule) {
  std::string path;
  Status s = ConfigError("[lint]\ndisable = [\"truncate\", \"no-such-rule\"]\n", &path);
  EXPECT_EQ(s.code(), StatusCode::kConfig);
  EXPECT_EQ(s.message(), path + ":2:24: unknown rule 'no-such-rule'");
  {
    const std::string msg = ConfigError("[lint]\ndisable = \"truncate\"\n", &path).message();
    EXPECT_EQ(msg, path + ":2:11: lint.disable must be an array of rule names");
  }
}

TEST(LoadConfigTest, LintSeverityValues) {
  std::string path;
  {
    const std::string msg = ConfigError("[lint.severity]\ntruncate = \"fatal\"\n", &path).message();
    EXPECT_EQ(msg, path + ":2:12: severity of 'truncate' must be \"error\", \"warning\" or \"off\"");
  }
  {
    const std::string msg = ConfigError("[lint.severity]\ntruncate = 1\n", &path).message();
    EXPECT_EQ(msg, path + ":2:12: severity of 'truncate' must be \"error\", \"warning\" or \"off\"");
  }
  {
    const std::string msg = ConfigError("[lint.severity]\nnot-a-rule = \"error\"\n", &path).message();
    EXPECT_EQ(msg.rfind(path + ":2:", 0), 0u) << msg;
  }
  EXPECT_NE(ConfigError("[lint.severity]\nnot-a-rule = \"error\"\n").message().find("unknown rule 'not-a-rule'"),
            std::string::npos);
}

TEST(LoadConfigTest, TomlSyntaxErrorNamesFileAndLine) {
  std::string path;
  Status s = ConfigError("dialect = \"postgres\"\ndir = \n", &path);
  EXPECT_EQ(s.code(), StatusCode::kConfig);
  EXPECT_EQ(s.message().rfind(path + ":2:", 0), 0u) << s.message();
}

TEST(LoadConfigTest, MissingFile) {
  const std::string path = (fs::path(::testing::TempDir()) / "migrate_no_such_dir" / "migrate.toml").string();
  Result<Config> optional = LoadConfig(path, false);
  ASSERT_TRUE(optional.ok());
  EXPECT_EQ(optional->path, "");
  EXPECT_FALSE(optional->dialect);
  EXPECT_FALSE(optional->postgres_version);
  EXPECT_TRUE(optional->severity.empty());
  Result<Config> required = LoadConfig(path, true);
  ASSERT_FALSE(required.ok());
  EXPECT_EQ(required.status().code(), StatusCode::kConfig);
  EXPECT_EQ(required.status().message(), path + ": no such config file");
}

TEST(MakeLintSettingsTest, MapsVersionDisabledRulesAndSeverities) {
  Config c;
  c.postgres_version = 11;
  c.disabled_rules = {"truncate", "lock-table"};
  c.severity = {{"unanalyzed-statement", "error"}, {"rename-column", "warning"}, {"cluster", "off"}};
  LintSettings s = MakeLintSettings(c);
  EXPECT_EQ(s.postgres_version, 11);
  EXPECT_EQ(s.disabled_rules, (std::set<std::string>{"cluster", "lock-table", "truncate"}));
  EXPECT_EQ(s.severity_overrides, (std::map<std::string, Severity>{{"rename-column", Severity::kWarning},
                                                                   {"unanalyzed-statement", Severity::kError}}));
}

TEST(MakeLintSettingsTest, DefaultsWithoutConfig) {
  LintSettings s = MakeLintSettings(Config{});
  EXPECT_EQ(s.postgres_version, kDefaultPostgresVersion);
  EXPECT_EQ(s.postgres_version, 15);
  EXPECT_TRUE(s.disabled_rules.empty());
  EXPECT_TRUE(s.severity_overrides.empty());
}

TEST(ParseDialectTest, NamesAndUrls) {
  EXPECT_EQ(ParseDialect("postgres"), Dialect::kPostgres);
  EXPECT_EQ(ParseDialect("postgresql"), Dialect::kPostgres);
  EXPECT_EQ(ParseDialect("mysql"), Dialect::kMysql);
  EXPECT_EQ(ParseDialect("mariadb"), Dialect::kMysql);
  EXPECT_EQ(ParseDialect("sqlite"), Dialect::kSqlite);
  EXPECT_EQ(ParseDialect("oracle"), std::nullopt);
  EXPECT_EQ(ParseDialect(""), std::nullopt);
  EXPECT_EQ(DialectFromUrl("postgres://u:p@h:5432/db?sslmode=require"), Dialect::kPostgres);
  EXPECT_EQ(DialectFromUrl("postgresql://h/db"), Dialect::kPostgres);
  EXPECT_EQ(DialectFromUrl("mysql://u:p@h:3306/db"), Dialect::kMysql);
  EXPECT_EQ(DialectFromUrl("mariadb://h/db"), Dialect::kMysql);
  EXPECT_EQ(DialectFromUrl("sqlite:migrate.db"), Dialect::kSqlite);
  EXPECT_EQ(DialectFromUrl("sqlite:///abs/path.db"), Dialect::kSqlite);
  EXPECT_EQ(DialectFromUrl("sqlite::memory:"), Dialect::kSqlite);
  EXPECT_EQ(DialectFromUrl("migrate.db"), std::nullopt);
  EXPECT_EQ(DialectFromUrl("oracle://h/db"), std::nullopt);
}

}  // namespace
}  // namespace migrate
