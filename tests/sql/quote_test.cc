#include "sql/quote.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace migrate {
namespace {

TEST(QuoteIdentifierTest, PerDialect) {
  EXPECT_EQ(QuoteIdentifier(Dialect::kPostgres, "users"), "\"users\"");
  EXPECT_EQ(QuoteIdentifier(Dialect::kSqlite, "users"), "\"users\"");
  EXPECT_EQ(QuoteIdentifier(Dialect::kMysql, "users"), "`users`");
}

TEST(QuoteIdentifierTest, DoublesTheQuoteCharacter) {
  EXPECT_EQ(QuoteIdentifier(Dialect::kPostgres, "a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(QuoteIdentifier(Dialect::kMysql, "a`b"), "`a``b`");
  // The other dialect's quote character is an ordinary character.
  EXPECT_EQ(QuoteIdentifier(Dialect::kPostgres, "a`b"), "\"a`b\"");
  EXPECT_EQ(QuoteIdentifier(Dialect::kMysql, "a\"b"), "`a\"b`");
}

TEST(QuoteIdentifierTest, KeepsCaseSpacesAndReservedWords) {
  EXPECT_EQ(QuoteIdentifier(Dialect::kPostgres, "My Table"), "\"My Table\"");
  EXPECT_EQ(QuoteIdentifier(Dialect::kPostgres, "select"), "\"select\"");
  EXPECT_EQ(QuoteIdentifier(Dialect::kMysql, "order"), "`order`");
  EXPECT_EQ(QuoteIdentifier(Dialect::kPostgres, "a.b"), "\"a.b\"");  // not split
  EXPECT_EQ(QuoteIdentifier(Dialect::kPostgres, ""), "\"\"");
}

TEST(QuoteQualifiedNameTest, SplitsOnDots) {
  EXPECT_EQ(QuoteQualifiedName(Dialect::kPostgres, "users"), "\"users\"");
  EXPECT_EQ(QuoteQualifiedName(Dialect::kPostgres, "public.users"), "\"public\".\"users\"");
  EXPECT_EQ(QuoteQualifiedName(Dialect::kMysql, "shop.orders"), "`shop`.`orders`");
  EXPECT_EQ(QuoteQualifiedName(Dialect::kSqlite, "main.t"), "\"main\".\"t\"");
  EXPECT_EQ(QuoteQualifiedName(Dialect::kPostgres, "db.s.t"), "\"db\".\"s\".\"t\"");
  EXPECT_EQ(QuoteQualifiedName(Dialect::kPostgres, ""), "");
}

TEST(QuoteQualifiedNameTest, StripsExistingQuotes) {
  EXPECT_EQ(QuoteQualifiedName(Dialect::kPostgres, "\"My Table\""), "\"My Table\"");
  EXPECT_EQ(QuoteQualifiedName(Dialect::kPostgres, "app.\"My Table\""), "\"app\".\"My Table\"");
  EXPECT_EQ(QuoteQualifiedName(Dialect::kMysql, "`db`.`t`"), "`db`.`t`");
  // Quotes of another style are re-quoted for the dialect.
  EXPECT_EQ(QuoteQualifiedName(Dialect::kMysql, "\"db\".t"), "`db`.`t`");
  EXPECT_EQ(QuoteQualifiedName(Dialect::kPostgres, "`db`.t"), "\"db\".\"t\"");
  EXPECT_EQ(QuoteQualifiedName(Dialect::kSqlite, "[my table]"), "\"my table\"");
}

TEST(QuoteQualifiedNameTest, DotsInsideQuotesDoNotSplit) {
  EXPECT_EQ(QuoteQualifiedName(Dialect::kPostgres, "s.\"a.b\""), "\"s\".\"a.b\"");
  EXPECT_EQ(QuoteQualifiedName(Dialect::kMysql, "`a.b`.c"), "`a.b`.`c`");
}

TEST(QuoteQualifiedNameTest, DoubledQuotesAreUndoneThenRedone) {
  // "a""b" is the identifier a"b.
  EXPECT_EQ(QuoteQualifiedName(Dialect::kPostgres, "\"a\"\"b\""), "\"a\"\"b\"");
  EXPECT_EQ(QuoteQualifiedName(Dialect::kMysql, "\"a\"\"b\""), "`a\"b`");
  EXPECT_EQ(QuoteQualifiedName(Dialect::kMysql, "`a``b`.c"), "`a``b`.`c`");
  EXPECT_EQ(QuoteQualifiedName(Dialect::kPostgres, "`a``b`"), "\"a`b\"");
}

TEST(SplitQualifiedNameTest, Parts) {
  EXPECT_EQ(SplitQualifiedName("a"), std::vector<std::string>{"a"});
  EXPECT_EQ(SplitQualifiedName("a.b"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(SplitQualifiedName("\"x.y\".\"Z\"\"z\""), (std::vector<std::string>{"x.y", "Z\"z"}));
}

TEST(QuoteLiteralTest, DoublesSingleQuotes) {
  EXPECT_EQ(QuoteLiteral("abc"), "'abc'");
  EXPECT_EQ(QuoteLiteral(""), "''");
  EXPECT_EQ(QuoteLiteral("it's"), "'it''s'");
  EXPECT_EQ(QuoteLiteral("''"), "''''''");
  EXPECT_EQ(QuoteLiteral("a\\b"), "'a\\b'");  // standard strings: a backslash is a character
}

TEST(QuoteLiteralTest, MysqlAlsoDoublesBackslashes) {
  EXPECT_EQ(QuoteLiteral(Dialect::kMysql, "a\\b'c"), "'a\\\\b''c'");
  EXPECT_EQ(QuoteLiteral(Dialect::kMysql, "x\\"), "'x\\\\'");
  EXPECT_EQ(QuoteLiteral(Dialect::kPostgres, "a\\b'c"), "'a\\b''c'");
  EXPECT_EQ(QuoteLiteral(Dialect::kSqlite, "a\\b'c"), "'a\\b''c'");
}

}  // namespace
}  // namespace migrate
