// SplitMysql and SplitSqlite (src/sql/token_splitter.cc): statements with exact offsets, quotes
// and comments that hide ';', DELIMITER, routine and trigger bodies with nested blocks.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sql/lexer.h"

namespace migrate {
namespace {

std::vector<std::string> Texts(const SplitResult& r) {
  std::vector<std::string> out;
  for (const RawStatement& s : r.statements) out.emplace_back(s.text);
  return out;
}

void ExpectConsistent(std::string_view input, const SplitResult& r) {
  for (const RawStatement& s : r.statements) {
    ASSERT_LE(s.begin, s.end);
    ASSERT_LE(s.end, input.size());
    EXPECT_EQ(s.text, input.substr(s.begin, s.end - s.begin));
  }
}

// ---- MySQL ----------------------------------------------------------------------------------------

TEST(SplitMysqlTest, StatementsWithExactOffsets) {
  const std::string in = "CREATE TABLE t (a int);\n  ALTER TABLE t ADD b int ;\nDROP TABLE t";
  SplitResult r = SplitMysql(in);
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.statements.size(), 3u);
  EXPECT_EQ(r.statements[0].begin, 0u);
  EXPECT_EQ(r.statements[0].end, 22u);
  EXPECT_EQ(r.statements[1].begin, 26u);
  EXPECT_EQ(r.statements[1].end, 49u);  // the space before ';' is not part of it
  EXPECT_EQ(r.statements[1].text, "ALTER TABLE t ADD b int");
  EXPECT_EQ(r.statements[2].begin, 52u);
  EXPECT_EQ(r.statements[2].end, in.size());
  ExpectConsistent(in, r);
}

TEST(SplitMysqlTest, QuotesHideSemicolons) {
  const std::string in = R"(INSERT INTO t VALUES ('a;b', "c;d", 'e\';f');SELECT `x;y` FROM t;)";
  SplitResult r = SplitMysql(in);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r), (std::vector<std::string>{R"(INSERT INTO t VALUES ('a;b', "c;d", 'e\';f'))",
                                                "SELECT `x;y` FROM t"}));
  ExpectConsistent(in, r);
}

TEST(SplitMysqlTest, CommentsHideSemicolonsAndLeadTheNextStatement) {
  const std::string in = "# one; two\nSELECT 1; -- three;\n/* four; */ SELECT 2;--not a comment\n;";
  SplitResult r = SplitMysql(in);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r), (std::vector<std::string>{"SELECT 1", "SELECT 2", "--not a comment"}));
  ASSERT_EQ(r.statements[0].leading_comments.size(), 1u);
  EXPECT_EQ(r.statements[0].leading_comments[0].body, " one; two");
  ASSERT_EQ(r.statements[1].leading_comments.size(), 2u);
  EXPECT_EQ(r.statements[1].leading_comments[0].body, " three;");
  EXPECT_EQ(r.statements[1].leading_comments[1].body, " four; ");
  EXPECT_FALSE(r.statements[1].leading_comments[1].line);
}

TEST(SplitMysqlTest, VersionedCommentsAreStatements) {
  const std::string in =
      "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n"
      "/*!40014 SET FOREIGN_KEY_CHECKS=0 */;\n"
      "CREATE TABLE t (a int) /*!50100 PARTITION BY HASH (a) */;\n";
  SplitResult r = SplitMysql(in);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r), (std::vector<std::string>{"SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT",
                                                "SET FOREIGN_KEY_CHECKS=0",
                                                "CREATE TABLE t (a int) /*!50100 PARTITION BY HASH (a)"}));
  EXPECT_EQ(r.statements[0].begin, 9u);
  ExpectConsistent(in, r);
}

TEST(SplitMysqlTest, DelimiterDollarsWithProcedureBody) {
  const std::string in =
      "DELIMITER $$\n"
      "CREATE PROCEDURE p()\n"
      "BEGIN\n"
      "  IF (SELECT COUNT(*) FROM t) > 0 THEN\n"
      "    UPDATE t SET a = 1;\n"
      "  ELSE\n"
      "    DELETE FROM t;\n"
      "  END IF;\n"
      "END$$\n"
      "DELIMITER ;\n"
      "CALL p();\n"
      "DROP PROCEDURE p;\n";
  SplitResult r = SplitMysql(in);
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.statements.size(), 3u);
  EXPECT_EQ(r.statements[0].begin, 13u);
  EXPECT_EQ(r.statements[0].text.substr(0, 16), "CREATE PROCEDURE");
  EXPECT_EQ(r.statements[0].text.substr(r.statements[0].text.size() - 11), "END IF;\nEND");
  EXPECT_EQ(r.statements[1].text, "CALL p()");
  EXPECT_EQ(r.statements[2].text, "DROP PROCEDURE p");
  ExpectConsistent(in, r);
}

TEST(SplitMysqlTest, DelimiterSlashesWithSpaceBeforeIt) {
  const std::string in =
      "DELIMITER //\n"
      "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END //\n"
      "CREATE FUNCTION f() RETURNS int DETERMINISTIC RETURN 1//\n"
      "DELIMITER ;\n"
      "SELECT 1;";
  SplitResult r = SplitMysql(in);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r), (std::vector<std::string>{
                          "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END",
                          "CREATE FUNCTION f() RETURNS int DETERMINISTIC RETURN 1", "SELECT 1"}));
  ExpectConsistent(in, r);
}

TEST(SplitMysqlTest, RoutineBodiesWithoutDelimiterNestBlocks) {
  // No DELIMITER: the body's BEGIN … END (and what nests in it) keeps ';' inside.
  const std::string in =
      "CREATE PROCEDURE p() BEGIN\n"
      "  DECLARE i INT DEFAULT 0;\n"
      "  lbl: LOOP SET i = i + 1; IF i > 3 THEN LEAVE lbl; END IF; END LOOP lbl;\n"
      "  WHILE i > 0 DO SET i = i - 1; END WHILE;\n"
      "  REPEAT SET i = i + 1; UNTIL i > 2 END REPEAT;\n"
      "  CASE i WHEN 1 THEN SELECT 1; ELSE SELECT 2; END CASE;\n"
      "  SELECT CASE WHEN i = 1 THEN 'a' ELSE 'b' END;\n"
      "  BEGIN SELECT 3; END;\n"
      "END;\n"
      "SELECT 4;";
  SplitResult r = SplitMysql(in);
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.statements.size(), 2u);
  EXPECT_EQ(r.statements[0].begin, 0u);
  EXPECT_EQ(r.statements[0].end, in.size() - 11);
  EXPECT_EQ(r.statements[1].text, "SELECT 4");
}

TEST(SplitMysqlTest, EventsAndDefinersAreRoutines) {
  const std::string in =
      "CREATE DEFINER=`root`@`localhost` EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; END;\n"
      "CREATE TABLE event (a int);";
  SplitResult r = SplitMysql(in);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r), (std::vector<std::string>{
                          "CREATE DEFINER=`root`@`localhost` EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; END",
                          "CREATE TABLE event (a int)"}));
}

TEST(SplitMysqlTest, TransactionBeginIsNotABody) {
  SplitResult r = SplitMysql("BEGIN;\nUPDATE t SET a = 1;\nCOMMIT;");
  EXPECT_EQ(Texts(r), (std::vector<std::string>{"BEGIN", "UPDATE t SET a = 1", "COMMIT"}));
}

TEST(SplitMysqlTest, TrailingCommentsAndEmptyStatements) {
  SplitResult r = SplitMysql(";;SELECT 1;;\n-- end\n");
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r), (std::vector<std::string>{"SELECT 1"}));
  ASSERT_EQ(r.trailing_comments.size(), 1u);
  EXPECT_EQ(r.trailing_comments[0].body, " end");
}

TEST(SplitMysqlTest, UnterminatedQuoteIsAnErrorAtItsOffset) {
  SplitResult r = SplitMysql("SELECT 1;\nSELECT 'abc\\';");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->offset, 17u);
  EXPECT_EQ(r.error->message, "unterminated quoted string");
}

// ---- SQLite ---------------------------------------------------------------------------------------

TEST(SplitSqliteTest, StatementsWithExactOffsets) {
  const std::string in = "CREATE TABLE t (a);\nINSERT INTO t VALUES ('x;y');  \nSELECT [a;b] FROM \"t;u\"";
  SplitResult r = SplitSqlite(in);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r), (std::vector<std::string>{"CREATE TABLE t (a)", "INSERT INTO t VALUES ('x;y')",
                                                "SELECT [a;b] FROM \"t;u\""}));
  EXPECT_EQ(r.statements[1].begin, 20u);
  EXPECT_EQ(r.statements[1].end, 48u);
  EXPECT_EQ(r.statements[2].begin, 52u);
  ExpectConsistent(in, r);
}

TEST(SplitSqliteTest, BackslashDoesNotEscape) {
  SplitResult r = SplitSqlite("SELECT 'C:\\';SELECT 2");
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r), (std::vector<std::string>{"SELECT 'C:\\'", "SELECT 2"}));
}

TEST(SplitSqliteTest, TriggerBodiesWithCaseInside) {
  const std::string in =
      "CREATE TRIGGER tr AFTER UPDATE ON t\n"
      "BEGIN\n"
      "  UPDATE u SET a = CASE WHEN NEW.a > 0 THEN 1 ELSE 0 END WHERE id = NEW.id;\n"
      "  INSERT INTO log VALUES (CASE NEW.b WHEN 1 THEN 'x' END);\n"
      "END;\n"
      "CREATE TEMP TRIGGER IF NOT EXISTS tr2 BEFORE DELETE ON t BEGIN SELECT RAISE(ABORT, 'no'); END;\n"
      "SELECT 1;";
  SplitResult r = SplitSqlite(in);
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.statements.size(), 3u);
  EXPECT_EQ(r.statements[0].begin, 0u);
  EXPECT_EQ(r.statements[0].text.substr(r.statements[0].text.size() - 5), ";\nEND");
  EXPECT_EQ(r.statements[1].text,
            "CREATE TEMP TRIGGER IF NOT EXISTS tr2 BEFORE DELETE ON t BEGIN SELECT RAISE(ABORT, 'no'); END");
  EXPECT_EQ(r.statements[2].text, "SELECT 1");
  ExpectConsistent(in, r);
}

TEST(SplitSqliteTest, TransactionsAreOrdinaryStatements) {
  SplitResult r = SplitSqlite("BEGIN TRANSACTION;\nCREATE TABLE t (a);\nEND TRANSACTION;");
  EXPECT_EQ(Texts(r), (std::vector<std::string>{"BEGIN TRANSACTION", "CREATE TABLE t (a)", "END TRANSACTION"}));
}

TEST(SplitSqliteTest, DelimiterIsNotACommandAndHashIsNotAComment) {
  SplitResult r = SplitSqlite("-- c1\nSELECT 1;");
  ASSERT_EQ(r.statements.size(), 1u);
  ASSERT_EQ(r.statements[0].leading_comments.size(), 1u);
  EXPECT_EQ(r.statements[0].leading_comments[0].body, " c1");
}

TEST(SplitSqliteTest, UnterminatedBracketIdentifierIsAnError) {
  SplitResult r = SplitSqlite("SELECT 1;\nSELECT [a");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->offset, 17u);
  EXPECT_EQ(r.error->message, "unterminated [identifier]");
}

}  // namespace
}  // namespace migrate
