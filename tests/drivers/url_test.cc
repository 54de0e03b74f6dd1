// ParseDatabaseUrl, DatabaseUrl::Redacted and RedactUrls.
#include <gtest/gtest.h>

#include "drivers/driver.h"

namespace migrate {
namespace {

TEST(ParseDatabaseUrl, PostgresFull) {
  auto url = ParseDatabaseUrl("postgres://alice:s3cret@db.example.com:6543/app?sslmode=require");
  ASSERT_TRUE(url.ok()) << url.status().message();
  EXPECT_EQ(url->dialect, Dialect::kPostgres);
  EXPECT_EQ(url->user, "alice");
  EXPECT_EQ(url->password, "s3cret");
  EXPECT_EQ(url->host, "db.example.com");
  EXPECT_EQ(url->port, 6543);
  EXPECT_EQ(url->database, "app");
  EXPECT_EQ(url->params.at("sslmode"), "require");
  EXPECT_EQ(url->Redacted(), "postgres://alice:***@db.example.com:6543/app?sslmode=require");
}

TEST(ParseDatabaseUrl, PostgresqlSchemeAndDefaults) {
  auto url = ParseDatabaseUrl("postgresql://localhost/app");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->dialect, Dialect::kPostgres);
  EXPECT_EQ(url->host, "localhost");
  EXPECT_EQ(url->port, 0);
  EXPECT_EQ(url->user, "");
  EXPECT_EQ(url->password, "");
  EXPECT_EQ(url->Redacted(), "postgres://localhost/app");
}

TEST(ParseDatabaseUrl, SchemeIsCaseInsensitive) {
  auto url = ParseDatabaseUrl("POSTGRES://h/db");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->dialect, Dialect::kPostgres);
}

TEST(ParseDatabaseUrl, PostgresWithoutHost) {
  auto url = ParseDatabaseUrl("postgres:///app");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->host, "");
  EXPECT_EQ(url->database, "app");
}

TEST(ParseDatabaseUrl, PercentDecoding) {
  auto url = ParseDatabaseUrl("postgres://us%40er:p%40ss%3Aw%2Fd@h:5432/my%20db");
  ASSERT_TRUE(url.ok()) << url.status().message();
  EXPECT_EQ(url->user, "us@er");
  EXPECT_EQ(url->password, "p@ss:w/d");
  EXPECT_EQ(url->database, "my db");
  EXPECT_EQ(url->Redacted(), "postgres://us%40er:***@h:5432/my%20db");
}

TEST(ParseDatabaseUrl, UnencodedAtInPassword) {
  auto url = ParseDatabaseUrl("mysql://u:p@ss@h/db");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->user, "u");
  EXPECT_EQ(url->password, "p@ss");
  EXPECT_EQ(url->host, "h");
}

TEST(ParseDatabaseUrl, ColonInPassword) {
  auto url = ParseDatabaseUrl("postgres://u:a:b@h/db");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->password, "a:b");
}

TEST(ParseDatabaseUrl, EmptyPassword) {
  auto url = ParseDatabaseUrl("postgres://u:@h/db");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->user, "u");
  EXPECT_EQ(url->password, "");
  EXPECT_EQ(url->Redacted(), "postgres://u@h/db");
}

TEST(ParseDatabaseUrl, UserWithoutPassword) {
  auto url = ParseDatabaseUrl("postgres://bob@h/db");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->user, "bob");
  EXPECT_EQ(url->password, "");
}

TEST(ParseDatabaseUrl, Ipv6Host) {
  auto url = ParseDatabaseUrl("postgres://u:p@[::1]:5433/db");
  ASSERT_TRUE(url.ok()) << url.status().message();
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 5433);
  EXPECT_EQ(url->Redacted(), "postgres://u:***@[::1]:5433/db");
}

TEST(ParseDatabaseUrl, SeveralQueryParameters) {
  auto url = ParseDatabaseUrl("postgres://h/db?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&x=");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->params.size(), 3u);
  EXPECT_EQ(url->params.at("sslrootcert"), "/etc/ca.pem");
  EXPECT_EQ(url->params.at("x"), "");
}

TEST(ParseDatabaseUrl, PasswordQueryParameterIsRedacted) {
  auto url = ParseDatabaseUrl("postgres://u@h/db?password=hunter2");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->params.at("password"), "hunter2");
  EXPECT_EQ(url->Redacted().find("hunter2"), std::string::npos);
}

TEST(ParseDatabaseUrl, MysqlAndMariadb) {
  auto a = ParseDatabaseUrl("mysql://root:pw@127.0.0.1:3306/shop");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->dialect, Dialect::kMysql);
  EXPECT_EQ(a->port, 3306);
  EXPECT_EQ(a->database, "shop");
  EXPECT_EQ(a->Redacted(), "mysql://root:***@127.0.0.1:3306/shop");
  auto b = ParseDatabaseUrl("mariadb://root@db/shop");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->dialect, Dialect::kMysql);
  EXPECT_EQ(b->port, 0);
}

TEST(ParseDatabaseUrl, NoDatabase) {
  auto url = ParseDatabaseUrl("mysql://u:p@h:3307");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->database, "");
  EXPECT_EQ(url->port, 3307);
  auto slash = ParseDatabaseUrl("mysql://u:p@h:3307/");
  ASSERT_TRUE(slash.ok());
  EXPECT_EQ(slash->database, "");
}

TEST(ParseDatabaseUrl, SqliteForms) {
  auto rel = ParseDatabaseUrl("sqlite:migrate.db");
  ASSERT_TRUE(rel.ok());
  EXPECT_EQ(rel->dialect, Dialect::kSqlite);
  EXPECT_EQ(rel->path, "migrate.db");
  EXPECT_EQ(rel->Redacted(), "sqlite:migrate.db");

  auto sub = ParseDatabaseUrl("sqlite:data/app.db");
  ASSERT_TRUE(sub.ok());
  EXPECT_EQ(sub->path, "data/app.db");

  auto abs = ParseDatabaseUrl("sqlite:///var/lib/app.db");
  ASSERT_TRUE(abs.ok());
  EXPECT_EQ(abs->path, "/var/lib/app.db");

  auto abs2 = ParseDatabaseUrl("sqlite:/var/lib/app.db");
  ASSERT_TRUE(abs2.ok());
  EXPECT_EQ(abs2->path, "/var/lib/app.db");

  auto mem = ParseDatabaseUrl("sqlite::memory:");
  ASSERT_TRUE(mem.ok());
  EXPECT_EQ(mem->path, ":memory:");
  EXPECT_EQ(mem->Redacted(), "sqlite::memory:");

  auto enc = ParseDatabaseUrl("sqlite:my%20file.db");
  ASSERT_TRUE(enc.ok());
  EXPECT_EQ(enc->path, "my file.db");
}

TEST(ParseDatabaseUrl, SqliteQueryParameters) {
  auto url = ParseDatabaseUrl("sqlite:app.db?mode=rwc");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->path, "app.db");
  EXPECT_EQ(url->params.at("mode"), "rwc");
}

TEST(ParseDatabaseUrl, BadInput) {
  for (const char* bad : {
           "",
           "nonsense",
           "oracle://u:p@h/db",
           "postgres:/h/db",
           "postgres:h/db",
           "postgres://h:notaport/db",
           "postgres://h:0/db",
           "postgres://h:65536/db",
           "postgres://h:123456/db",
           "postgres://h:/db",
           "postgres://h:-1/db",
           "postgres://u:p%zz@h/db",
           "postgres://u:p%4@h/db",
           "postgres://h/d%",
           "postgres://[::1/db",
           "postgres://[::1]x/db",
           "postgres://h/db/extra",
           "postgres://h/db#frag",
           "postgres://h/db?=x",
           "sqlite:",
           "sqlite://",
       }) {
    auto url = ParseDatabaseUrl(bad);
    EXPECT_FALSE(url.ok()) << "accepted: " << bad;
    if (!url.ok()) EXPECT_EQ(url.status().code(), StatusCode::kUsage) << bad;
  }
}

TEST(ParseDatabaseUrl, ErrorMessagesAreRedacted) {
  auto url = ParseDatabaseUrl("postgres://u:topsecret@h:99999/db");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.status().message().find("topsecret"), std::string::npos)
      << url.status().message();
  EXPECT_NE(url.status().message().find("port"), std::string::npos);

  auto scheme = ParseDatabaseUrl("oracle://u:topsecret@h/db");
  ASSERT_FALSE(scheme.ok());
  EXPECT_EQ(scheme.status().message().find("topsecret"), std::string::npos);
}

TEST(ParseDatabaseUrl, PortBoundaries) {
  EXPECT_TRUE(ParseDatabaseUrl("postgres://h:1/db").ok());
  EXPECT_TRUE(ParseDatabaseUrl("postgres://h:65535/db").ok());
}

TEST(RedactUrls, ReplacesPasswordsInText) {
  EXPECT_EQ(RedactUrls("connecting to postgres://u:secret@h:5432/db now"),
            "connecting to postgres://u:***@h:5432/db now");
  EXPECT_EQ(RedactUrls("a mysql://root:pw@h/x and postgresql://x:y@z/w"),
            "a mysql://root:***@h/x and postgresql://x:***@z/w");
}

TEST(RedactUrls, LeavesOtherTextAlone) {
  EXPECT_EQ(RedactUrls("postgres://u@h/db"), "postgres://u@h/db");
  EXPECT_EQ(RedactUrls("see https://example.com/a:b@c"), "see https://example.com/a:b@c");
  EXPECT_EQ(RedactUrls("no urls here: a@b"), "no urls here: a@b");
  EXPECT_EQ(RedactUrls("sqlite:app.db"), "sqlite:app.db");
  EXPECT_EQ(RedactUrls(""), "");
  EXPECT_EQ(RedactUrls("http://host:8080/path"), "http://host:8080/path");
}

TEST(RedactUrls, PasswordWithAt) {
  EXPECT_EQ(RedactUrls("postgres://u:p@ss@h/db"), "postgres://u:***@h/db");
}

TEST(RedactUrls, QuotedUrl) {
  EXPECT_EQ(RedactUrls("url \"mysql://u:pw@h/db\" is bad"), "url \"mysql://u:***@h/db\" is bad");
}

TEST(RedactUrls, KeyValuePasswords) {
  EXPECT_EQ(RedactUrls("host=h password=hunter2 dbname=x"), "host=h password=*** dbname=x");
  EXPECT_EQ(RedactUrls("host=h password='a b\\'c' dbname=x"), "host=h password=*** dbname=x");
  EXPECT_EQ(RedactUrls("postgres://h/db?password=hunter2&sslmode=require"),
            "postgres://h/db?password=***&sslmode=require");
}

TEST(RedactUrls, RedactedOutputOfParseIsStable) {
  auto url = ParseDatabaseUrl("postgres://u:pw@h/db");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(RedactUrls(url->Redacted()), url->Redacted());
}

}  // namespace
}  // namespace migrate
