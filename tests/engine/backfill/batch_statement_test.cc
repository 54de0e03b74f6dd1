#include "engine/backfill/batch_statement.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace migrate {
namespace {

constexpr Dialect kPg = Dialect::kPostgres;
constexpr Dialect kMy = Dialect::kMysql;
constexpr Dialect kLite = Dialect::kSqlite;

BatchableStatement Prepare(std::string_view sql, Dialect d) {
  Result<BatchableStatement> r = PrepareBatchStatement(sql, d);
  EXPECT_TRUE(r.ok()) << sql << ": " << r.status().message();
  return r.ok() ? *r : BatchableStatement{};
}

// The refusal message, or "" when the statement was accepted.
std::string Refusal(std::string_view sql, Dialect d) {
  Result<BatchableStatement> r = PrepareBatchStatement(sql, d);
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), StatusCode::kInput);
  return r.status().message();
}

bool Contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// ---- PrepareBatchStatement: the cut ---------------------------------------------------------

TEST(PrepareBatchStatementTest, SimpleUpdate) {
  BatchableStatement s = Prepare("UPDATE users SET full_name = name WHERE full_name IS NULL", kPg);
  EXPECT_EQ(s.head, "UPDATE users SET full_name = name");
  EXPECT_EQ(s.condition, "full_name IS NULL");
  EXPECT_EQ(s.tail, "");
  EXPECT_EQ(s.table, "users");
  EXPECT_EQ(s.qualifier, "users");
}

TEST(PrepareBatchStatementTest, NoWhere) {
  BatchableStatement s = Prepare("UPDATE users SET active = true", kPg);
  EXPECT_EQ(s.head, "UPDATE users SET active = true");
  EXPECT_EQ(s.condition, "");
  EXPECT_EQ(s.tail, "");
}

TEST(PrepareBatchStatementTest, TrailingSemicolonAndComments) {
  BatchableStatement s = Prepare("UPDATE users SET a = 1 -- set it\nWHERE a IS NULL -- only new rows\n;", kPg);
  EXPECT_EQ(s.head, "UPDATE users SET a = 1");
  EXPECT_EQ(s.condition, "a IS NULL");
  s = Prepare("/* backfill */ DELETE FROM t WHERE x = 1;  ", kLite);
  EXPECT_EQ(s.head, "DELETE FROM t");
  EXPECT_EQ(s.condition, "x = 1");
}

TEST(PrepareBatchStatementTest, ConditionKeepsInnerComments) {
  BatchableStatement s = Prepare("UPDATE t SET a = 1 WHERE a IS NULL -- c\n  OR a = 0", kPg);
  EXPECT_EQ(s.condition, "a IS NULL -- c\n  OR a = 0");
  // The comment ends at its newline, so wrapping the condition in parentheses stays correct.
  EXPECT_EQ(BatchSql(s, kPg, {"id"}, false, false), "UPDATE t SET a = 1 WHERE (a IS NULL -- c\n  OR a = 0)");
}

TEST(PrepareBatchStatementTest, WhereInsideParenthesesIsNotTopLevel) {
  BatchableStatement s = Prepare(
      "UPDATE orders SET total = (SELECT sum(price) FROM items WHERE items.order_id = orders.id) "
      "WHERE total IS NULL",
      kPg);
  EXPECT_EQ(s.head, "UPDATE orders SET total = (SELECT sum(price) FROM items WHERE items.order_id = orders.id)");
  EXPECT_EQ(s.condition, "total IS NULL");

  s = Prepare("UPDATE t SET a = (SELECT 1 WHERE true)", kMy);
  EXPECT_EQ(s.condition, "");
  EXPECT_EQ(s.head, "UPDATE t SET a = (SELECT 1 WHERE true)");
}

TEST(PrepareBatchStatementTest, WhereInsideStringsCommentsAndQuotedIdentifiers) {
  BatchableStatement s =
      Prepare("UPDATE t SET note = 'x WHERE y', \"where\" = 1 /* WHERE */ WHERE note <> ' WHERE '", kPg);
  EXPECT_EQ(s.head, "UPDATE t SET note = 'x WHERE y', \"where\" = 1");
  EXPECT_EQ(s.condition, "note <> ' WHERE '");

  s = Prepare("UPDATE t SET `where` = 'it\\'s WHERE', b = \"WHERE\" # WHERE\nWHERE b = 'a'", kMy);
  EXPECT_EQ(s.head, "UPDATE t SET `where` = 'it\\'s WHERE', b = \"WHERE\"");
  EXPECT_EQ(s.condition, "b = 'a'");

  s = Prepare("UPDATE t SET [where] = 'WHERE', `x` = 1 WHERE [where] IS NULL", kLite);
  EXPECT_EQ(s.head, "UPDATE t SET [where] = 'WHERE', `x` = 1");
  EXPECT_EQ(s.condition, "[where] IS NULL");
}

TEST(PrepareBatchStatementTest, PostgresEStringsDollarQuotesAndNestedComments) {
  BatchableStatement s = Prepare("UPDATE t SET a = E'it\\'s WHERE' WHERE a IS NULL", kPg);
  EXPECT_EQ(s.head, "UPDATE t SET a = E'it\\'s WHERE'");
  EXPECT_EQ(s.condition, "a IS NULL");

  s = Prepare("UPDATE t SET a = $$ WHERE ' $$, b = $tag$ ) WHERE $x$ $tag$ WHERE b IS NULL", kPg);
  EXPECT_EQ(s.head, "UPDATE t SET a = $$ WHERE ' $$, b = $tag$ ) WHERE $x$ $tag$");
  EXPECT_EQ(s.condition, "b IS NULL");

  s = Prepare("UPDATE t SET a = 1 /* outer /* inner WHERE */ still WHERE */ WHERE a = 2", kPg);
  EXPECT_EQ(s.head, "UPDATE t SET a = 1");
  EXPECT_EQ(s.condition, "a = 2");

  s = Prepare("UPDATE t SET a = U&'d\\0061t WHERE', b = U&\"WHERE\" WHERE a IS NULL", kPg);
  EXPECT_EQ(s.condition, "a IS NULL");
}

TEST(PrepareBatchStatementTest, Aliases) {
  BatchableStatement s = Prepare("UPDATE users AS u SET name = trim(u.name) WHERE u.name <> trim(u.name)", kPg);
  EXPECT_EQ(s.table, "users");
  EXPECT_EQ(s.qualifier, "u");
  EXPECT_EQ(s.head, "UPDATE users AS u SET name = trim(u.name)");

  s = Prepare("UPDATE ONLY users u SET name = 'x'", kPg);
  EXPECT_EQ(s.table, "users");
  EXPECT_EQ(s.qualifier, "u");

  s = Prepare("DELETE FROM users u WHERE u.deleted", kPg);
  EXPECT_EQ(s.table, "users");
  EXPECT_EQ(s.qualifier, "u");
  EXPECT_EQ(s.head, "DELETE FROM users u");

  s = Prepare("DELETE FROM ONLY events * WHERE old", kPg);
  EXPECT_EQ(s.table, "events");
  EXPECT_EQ(s.qualifier, "events");

  s = Prepare("UPDATE users u SET u.a = 1 WHERE u.a IS NULL", kMy);
  EXPECT_EQ(s.qualifier, "u");
  s = Prepare("DELETE FROM users AS u WHERE u.a IS NULL", kMy);
  EXPECT_EQ(s.qualifier, "u");
  s = Prepare("UPDATE OR IGNORE users AS x INDEXED BY ix SET a = 1", kLite);
  EXPECT_EQ(s.table, "users");
  EXPECT_EQ(s.qualifier, "x");
  s = Prepare("DELETE FROM users NOT INDEXED WHERE a", kLite);
  EXPECT_EQ(s.qualifier, "users");
}

TEST(PrepareBatchStatementTest, QualifiedAndQuotedNames) {
  BatchableStatement s = Prepare("UPDATE Public.\"My Users\" SET a = 1", kPg);
  EXPECT_EQ(s.table, "public.\"My Users\"");  // bare words fold on PostgreSQL
  EXPECT_EQ(s.qualifier, "public.\"My Users\"");
  s = Prepare("UPDATE Users SET a = 1", kPg);
  EXPECT_EQ(s.table, "users");
  s = Prepare("UPDATE Shop.`Orders` SET a = 1", kMy);
  EXPECT_EQ(s.table, "Shop.`Orders`");  // MySQL keeps the case as written
  s = Prepare("UPDATE U AS \"X\" SET a = 1", kPg);
  EXPECT_EQ(s.qualifier, "\"X\"");
}

TEST(PrepareBatchStatementTest, PostgresUpdateFromAndDeleteUsing) {
  BatchableStatement s = Prepare(
      "UPDATE users SET plan = p.name FROM plans p WHERE p.id = users.plan_id AND users.plan IS NULL", kPg);
  EXPECT_EQ(s.head, "UPDATE users SET plan = p.name FROM plans p");
  EXPECT_EQ(s.condition, "p.id = users.plan_id AND users.plan IS NULL");
  EXPECT_EQ(s.qualifier, "users");

  s = Prepare("DELETE FROM sessions s USING users u WHERE u.id = s.user_id AND u.deleted", kPg);
  EXPECT_EQ(s.head, "DELETE FROM sessions s USING users u");
  EXPECT_EQ(s.qualifier, "s");
}

TEST(PrepareBatchStatementTest, Returning) {
  BatchableStatement s = Prepare("UPDATE t SET a = 1 WHERE a IS NULL RETURNING id, a", kPg);
  EXPECT_EQ(s.head, "UPDATE t SET a = 1");
  EXPECT_EQ(s.condition, "a IS NULL");
  EXPECT_EQ(s.tail, "RETURNING id, a");

  s = Prepare("DELETE FROM t RETURNING *", kPg);
  EXPECT_EQ(s.head, "DELETE FROM t");
  EXPECT_EQ(s.condition, "");
  EXPECT_EQ(s.tail, "RETURNING *");

  s = Prepare("DELETE FROM t WHERE x RETURNING x;", kLite);
  EXPECT_EQ(s.tail, "RETURNING x");
}

// ---- PrepareBatchStatement: refusals --------------------------------------------------------

TEST(PrepareBatchStatementTest, RefusesMysqlMultiTable) {
  EXPECT_TRUE(Contains(Refusal("UPDATE a, b SET a.x = b.x WHERE a.id = b.id", kMy), "multi-table UPDATE"));
  EXPECT_TRUE(Contains(Refusal("UPDATE a JOIN b ON a.id = b.id SET a.x = b.x", kMy), "multi-table UPDATE"));
  EXPECT_TRUE(Contains(Refusal("UPDATE a x INNER JOIN b y ON x.id = y.id SET x.v = y.v", kMy), "multi-table"));
  EXPECT_TRUE(Contains(Refusal("UPDATE a LEFT JOIN b USING (id) SET a.v = 1", kMy), "multi-table"));
  EXPECT_TRUE(Contains(Refusal("DELETE a FROM a JOIN b ON a.id = b.id", kMy), "multi-table DELETE"));
  EXPECT_TRUE(Contains(Refusal("DELETE a, b FROM a JOIN b ON a.id = b.id", kMy), "multi-table DELETE"));
  EXPECT_TRUE(Contains(Refusal("DELETE FROM a USING a JOIN b ON a.id = b.id", kMy), "multi-table DELETE"));
  EXPECT_TRUE(Contains(Refusal("DELETE FROM a, b USING a JOIN b", kMy), "multi-table DELETE"));
}

TEST(PrepareBatchStatementTest, AcceptsMysqlModifiers) {
  BatchableStatement s = Prepare("UPDATE LOW_PRIORITY IGNORE t SET a = 1 WHERE a IS NULL", kMy);
  EXPECT_EQ(s.table, "t");
  EXPECT_EQ(s.condition, "a IS NULL");
  s = Prepare("DELETE QUICK IGNORE FROM t WHERE a IS NULL", kMy);
  EXPECT_EQ(s.table, "t");
  EXPECT_EQ(s.head, "DELETE QUICK IGNORE FROM t");
}

TEST(PrepareBatchStatementTest, RefusesOrderByAndLimit) {
  EXPECT_TRUE(Contains(Refusal("UPDATE t SET a = 1 WHERE a IS NULL ORDER BY id LIMIT 1000", kMy), "ORDER BY or LIMIT"));
  EXPECT_TRUE(Contains(Refusal("DELETE FROM t WHERE old LIMIT 500", kMy), "ORDER BY or LIMIT"));
  EXPECT_TRUE(Contains(Refusal("DELETE FROM t ORDER BY id", kLite), "ORDER BY or LIMIT"));
  // Inside a subquery they are fine.
  EXPECT_EQ(Refusal("UPDATE t SET a = (SELECT v FROM s ORDER BY v LIMIT 1) WHERE a IS NULL", kPg), "");
}

TEST(PrepareBatchStatementTest, RefusesOtherStatements) {
  EXPECT_TRUE(Contains(Refusal("INSERT INTO t SELECT * FROM s", kPg), "only UPDATE and DELETE"));
  EXPECT_TRUE(Contains(Refusal("INSERT INTO t SELECT * FROM s", kPg), "\"INSERT\""));
  EXPECT_TRUE(Contains(Refusal("SELECT 1", kMy), "only UPDATE and DELETE"));
  EXPECT_TRUE(Contains(Refusal("MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE", kPg), "only UPDATE"));
  EXPECT_TRUE(Contains(Refusal("", kPg), "empty"));
  EXPECT_TRUE(Contains(Refusal(" ; ", kPg), "empty"));
}

TEST(PrepareBatchStatementTest, RefusesCtes) {
  EXPECT_TRUE(Contains(Refusal("WITH x AS (SELECT id FROM s) UPDATE t SET a = 1 WHERE id IN (SELECT id FROM x)", kPg),
                       "WITH"));
  EXPECT_TRUE(Contains(Refusal("WITH RECURSIVE x AS (SELECT 1) DELETE FROM t", kLite), "common table expression"));
}

TEST(PrepareBatchStatementTest, RefusesCurrentOfAndBrokenText) {
  EXPECT_TRUE(Contains(Refusal("UPDATE t SET a = 1 WHERE CURRENT OF c", kPg), "CURRENT OF"));
  EXPECT_TRUE(Contains(Refusal("UPDATE t SET a = 'x WHERE a", kPg), "unterminated"));
  EXPECT_TRUE(Contains(Refusal("UPDATE t SET a = $q$ x WHERE a", kPg), "unterminated"));
  EXPECT_TRUE(Contains(Refusal("UPDATE t SET a = 1 /* /* */ WHERE a", kPg), "unterminated"));
  EXPECT_TRUE(Contains(Refusal("UPDATE t SET a = 'x WHERE a", kMy), "unterminated"));
  EXPECT_TRUE(Contains(Refusal("UPDATE t SET a = 1 WHERE", kPg), "no condition"));
  EXPECT_TRUE(Contains(Refusal("UPDATE SET a = 1", kPg), "SET"));
  EXPECT_TRUE(Contains(Refusal("DELETE t", kPg), "FROM"));
}

// ---- BatchSql ---------------------------------------------------------------------------------

TEST(BatchSqlTest, SingleColumnKey) {
  BatchableStatement s = Prepare("UPDATE users SET full_name = name WHERE full_name IS NULL", kPg);
  EXPECT_EQ(BatchSql(s, kPg, {"id"}, true, true),
            "UPDATE users SET full_name = name WHERE (full_name IS NULL) AND \"users\".\"id\" > ? AND "
            "\"users\".\"id\" <= ?");
  EXPECT_EQ(BatchSql(s, kPg, {"id"}, false, true),
            "UPDATE users SET full_name = name WHERE (full_name IS NULL) AND \"users\".\"id\" <= ?");
  EXPECT_EQ(BatchSql(s, kPg, {"id"}, true, false),
            "UPDATE users SET full_name = name WHERE (full_name IS NULL) AND \"users\".\"id\" > ?");
  EXPECT_EQ(BatchSql(s, kPg, {"id"}, false, false), "UPDATE users SET full_name = name WHERE (full_name IS NULL)");
}

TEST(BatchSqlTest, CompositeKeyUsesRowValues) {
  BatchableStatement s = Prepare("UPDATE line_items li SET total = qty * price WHERE total IS NULL", kPg);
  EXPECT_EQ(BatchSql(s, kPg, {"order_id", "line"}, true, true),
            "UPDATE line_items li SET total = qty * price WHERE (total IS NULL) AND (\"li\".\"order_id\", "
            "\"li\".\"line\") > (?, ?) AND (\"li\".\"order_id\", \"li\".\"line\") <= (?, ?)");
}

TEST(BatchSqlTest, NoConditionAndTail) {
  BatchableStatement s = Prepare("DELETE FROM t RETURNING id", kPg);
  EXPECT_EQ(BatchSql(s, kPg, {"id"}, true, true), "DELETE FROM t WHERE \"t\".\"id\" > ? AND \"t\".\"id\" <= ? RETURNING id");
  EXPECT_EQ(BatchSql(s, kPg, {"id"}, false, false), "DELETE FROM t RETURNING id");
  s = Prepare("UPDATE t SET a = 1 WHERE b OR c RETURNING a", kPg);
  EXPECT_EQ(BatchSql(s, kPg, {"id"}, false, true), "UPDATE t SET a = 1 WHERE (b OR c) AND \"t\".\"id\" <= ? RETURNING a");
}

TEST(BatchSqlTest, ConditionStaysParenthesised) {
  // Without the parentheses the OR would escape the key range.
  BatchableStatement s = Prepare("UPDATE t SET a = 1 WHERE a IS NULL OR a = 0", kMy);
  EXPECT_EQ(BatchSql(s, kMy, {"id"}, true, true),
            "UPDATE t SET a = 1 WHERE (a IS NULL OR a = 0) AND `t`.`id` > ? AND `t`.`id` <= ?");
}

TEST(BatchSqlTest, QualifiesWithAliasOrQuotedTable) {
  BatchableStatement s = Prepare("UPDATE users AS u SET plan = p.name FROM plans p WHERE p.id = u.plan_id", kPg);
  EXPECT_EQ(BatchSql(s, kPg, {"id"}, true, false),
            "UPDATE users AS u SET plan = p.name FROM plans p WHERE (p.id = u.plan_id) AND \"u\".\"id\" > ?");
  s = Prepare("UPDATE app.\"My Users\" SET a = 1", kPg);
  EXPECT_EQ(BatchSql(s, kPg, {"Id"}, true, false), "UPDATE app.\"My Users\" SET a = 1 WHERE \"app\".\"My Users\".\"Id\" > ?");
  s = Prepare("UPDATE `db`.`t` SET a = 1", kMy);
  EXPECT_EQ(BatchSql(s, kMy, {"id"}, true, false), "UPDATE `db`.`t` SET a = 1 WHERE `db`.`t`.`id` > ?");
}

TEST(BatchSqlTest, SqliteRowid) {
  BatchableStatement s = Prepare("UPDATE t SET a = lower(a) WHERE a <> lower(a)", kLite);
  EXPECT_EQ(BatchSql(s, kLite, {"rowid"}, true, true),
            "UPDATE t SET a = lower(a) WHERE (a <> lower(a)) AND \"t\".\"rowid\" > ? AND \"t\".\"rowid\" <= ?");
}

// ---- NextUpperBoundSql ------------------------------------------------------------------------

TEST(NextUpperBoundSqlTest, SingleColumn) {
  EXPECT_EQ(NextUpperBoundSql(kPg, "users", {"id"}, true, 5000),
            "SELECT \"id\" FROM \"users\" WHERE \"id\" > ? ORDER BY \"id\" LIMIT 1 OFFSET 4999");
  EXPECT_EQ(NextUpperBoundSql(kPg, "users", {"id"}, false, 5000),
            "SELECT \"id\" FROM \"users\" ORDER BY \"id\" LIMIT 1 OFFSET 4999");
  EXPECT_EQ(NextUpperBoundSql(kMy, "shop.orders", {"id"}, true, 100),
            "SELECT `id` FROM `shop`.`orders` WHERE `id` > ? ORDER BY `id` LIMIT 1 OFFSET 99");
}

TEST(NextUpperBoundSqlTest, CompositeKey) {
  EXPECT_EQ(NextUpperBoundSql(kLite, "line_items", {"order_id", "line"}, true, 2),
            "SELECT \"order_id\", \"line\" FROM \"line_items\" WHERE (\"order_id\", \"line\") > (?, ?) ORDER BY "
            "\"order_id\", \"line\" LIMIT 1 OFFSET 1");
}

TEST(NextUpperBoundSqlTest, BatchSizeBelowOneCountsAsOne) {
  EXPECT_EQ(NextUpperBoundSql(kPg, "t", {"id"}, false, 1), "SELECT \"id\" FROM \"t\" ORDER BY \"id\" LIMIT 1 OFFSET 0");
  EXPECT_EQ(NextUpperBoundSql(kPg, "t", {"id"}, false, 0), "SELECT \"id\" FROM \"t\" ORDER BY \"id\" LIMIT 1 OFFSET 0");
  EXPECT_EQ(NextUpperBoundSql(kPg, "t", {"id"}, false, -5), "SELECT \"id\" FROM \"t\" ORDER BY \"id\" LIMIT 1 OFFSET 0");
}

TEST(NextUpperBoundSqlTest, PreparedTableNameQuotesCorrectly) {
  BatchableStatement s = Prepare("UPDATE Public.\"My Users\" u SET a = 1", kPg);
  EXPECT_EQ(NextUpperBoundSql(kPg, s.table, {"id"}, false, 10),
            "SELECT \"id\" FROM \"public\".\"My Users\" ORDER BY \"id\" LIMIT 1 OFFSET 9");
}

}  // namespace
}  // namespace migrate

namespace migrate {
namespace {

bool NoOp(const std::string& sql, Dialect dialect = Dialect::kPostgres, std::string* why_out = nullptr) {
  Result<BatchableStatement> s = PrepareBatchStatement(sql, dialect);
  EXPECT_TRUE(s.ok()) << sql;
  std::string why;
  bool result = s.ok() && RepeatedBatchIsNoOp(*s, dialect, &why);
  if (why_out) *why_out = why;
  return result;
}

TEST(RepeatedBatchIsNoOpTest, GuardedUpdatesAndDeletes) {
  EXPECT_TRUE(NoOp("UPDATE users SET full_name = name WHERE full_name IS NULL"));
  EXPECT_TRUE(NoOp("UPDATE users u SET full_name = name WHERE u.full_name IS NULL AND id > 10"));
  EXPECT_TRUE(NoOp("UPDATE t SET v2 = v * 2 WHERE v2 IS DISTINCT FROM v * 2"));
  EXPECT_TRUE(NoOp("UPDATE t SET state = 'done' WHERE state <> 'done'"));
  EXPECT_TRUE(NoOp("UPDATE t SET state = 'done' WHERE state != 'done'", Dialect::kMysql));
  EXPECT_TRUE(NoOp("UPDATE \"T\" SET \"Full\" = name WHERE \"Full\" IS NULL"));
  EXPECT_TRUE(NoOp("DELETE FROM sessions WHERE expires_at < now()"));
}

TEST(RepeatedBatchIsNoOpTest, UnguardedOrSelfReadingUpdatesAreNot) {
  std::string why;
  EXPECT_FALSE(NoOp("UPDATE t SET v = v + 1", Dialect::kPostgres, &why));
  EXPECT_NE(why.find("reads v"), std::string::npos) << why;
  EXPECT_FALSE(NoOp("UPDATE t SET v2 = v", Dialect::kPostgres, &why));
  EXPECT_NE(why.find("no conjunct"), std::string::npos) << why;
  EXPECT_FALSE(NoOp("UPDATE t SET v2 = v WHERE v2 IS NULL OR v > 3"));   // top-level OR
  EXPECT_FALSE(NoOp("UPDATE t SET v2 = v, c = c + 1 WHERE v2 IS NULL"));  // c reads itself
  EXPECT_FALSE(NoOp("UPDATE t SET v2 = v2 WHERE v2 IS NULL"));
  EXPECT_FALSE(NoOp("UPDATE t SET state = 'done' WHERE state <> 'other'"));
  EXPECT_FALSE(NoOp("UPDATE t SET (a, b) = (1, 2) WHERE a IS NULL", Dialect::kPostgres, &why));
  EXPECT_NE(why.find("SET list"), std::string::npos) << why;
}

TEST(BatchSqlWithTest, AddsConditionsToTheStatementsOwn) {
  Result<BatchableStatement> s = PrepareBatchStatement("UPDATE t SET a = 1 WHERE a IS NULL OR b RETURNING id", Dialect::kPostgres);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(BatchSqlWith(*s, {"t.ctid >= ?::tid", "t.ctid < ?::tid"}),
            "UPDATE t SET a = 1 WHERE (a IS NULL OR b) AND t.ctid >= ?::tid AND t.ctid < ?::tid RETURNING id");
}

}  // namespace
}  // namespace migrate
