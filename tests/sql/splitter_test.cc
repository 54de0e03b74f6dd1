#include "sql/splitter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/source.h"

namespace migrate {
namespace {

std::vector<std::string> Texts(const SplitResult& r) {
  std::vector<std::string> out;
  for (const RawStatement& s : r.statements) out.emplace_back(s.text);
  return out;
}

// Checks that [begin, end) of every statement is the text it claims.
void ExpectConsistent(std::string_view input, const SplitResult& r) {
  for (const RawStatement& s : r.statements) {
    ASSERT_LE(s.begin, s.end);
    ASSERT_LE(s.end, input.size());
    EXPECT_EQ(s.text, input.substr(s.begin, s.end - s.begin));
  }
}

TEST(SplitPostgresTest, SplitsAtTopLevelSemicolonsWithExactOffsets) {
  const std::string in = "SELECT 1;\n  SELECT 2 ;\nSELECT 3;";
  SplitResult r = SplitPostgres(in);
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.statements.size(), 3u);
  EXPECT_EQ(r.statements[0].begin, 0u);
  EXPECT_EQ(r.statements[0].end, 8u);
  EXPECT_EQ(r.statements[0].text, "SELECT 1");
  EXPECT_EQ(r.statements[1].begin, 12u);
  EXPECT_EQ(r.statements[1].end, 20u);  // the space before ';' is not part of the statement
  EXPECT_EQ(r.statements[1].text, "SELECT 2");
  EXPECT_EQ(r.statements[2].begin, 23u);
  EXPECT_EQ(r.statements[2].end, 31u);
  EXPECT_TRUE(r.trailing_comments.empty());
  ExpectConsistent(in, r);
}

TEST(SplitPostgresTest, StatementSpanningLines) {
  const std::string in = "ALTER TABLE users\n  ADD COLUMN a int,\n  ADD COLUMN b int;\n";
  SplitResult r = SplitPostgres(in);
  ASSERT_EQ(Texts(r), std::vector<std::string>{"ALTER TABLE users\n  ADD COLUMN a int,\n  ADD COLUMN b int"});
  EXPECT_EQ(r.statements[0].begin, 0u);
  EXPECT_EQ(r.statements[0].end, in.size() - 2);
}

TEST(SplitPostgresTest, SingleQuotesWithDoubledQuoteEscapes) {
  const std::string in = "INSERT INTO t VALUES ('a;''b'';c');SELECT 'x''';";
  SplitResult r = SplitPostgres(in);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r), (std::vector<std::string>{"INSERT INTO t VALUES ('a;''b'';c')", "SELECT 'x'''"}));
  EXPECT_EQ(r.statements[1].begin, 35u);
  ExpectConsistent(in, r);
}

TEST(SplitPostgresTest, BackslashIsNotAnEscapeInPlainStrings) {
  // standard_conforming_strings: 'C:\' is a complete literal.
  const std::string in = "SELECT 'C:\\';SELECT 2";
  SplitResult r = SplitPostgres(in);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r), (std::vector<std::string>{"SELECT 'C:\\'", "SELECT 2"}));
}

TEST(SplitPostgresTest, EscapeStringsWithBackslashEscapes) {
  const std::string in = "SELECT E'it\\'s; fine\\\\';SELECT e'\\';x';SELECT 3";
  SplitResult r = SplitPostgres(in);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r), (std::vector<std::string>{"SELECT E'it\\'s; fine\\\\'", "SELECT e'\\';x'", "SELECT 3"}));
  ExpectConsistent(in, r);
}

TEST(SplitPostgresTest, QuotedIdentifiersMayHoldSemicolonsAndDoubledQuotes) {
  const std::string in = "CREATE TABLE \"a;b\" (\"c;\"\"d\" int);SELECT 1";
  SplitResult r = SplitPostgres(in);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r), (std::vector<std::string>{"CREATE TABLE \"a;b\" (\"c;\"\"d\" int)", "SELECT 1"}));
}

TEST(SplitPostgresTest, DollarQuotedBodies) {
  const std::string in =
      "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; SELECT 2; $$ LANGUAGE sql;\n"
      "CREATE FUNCTION g() RETURNS text AS $body$ SELECT $$;$$; -- ; \n $body$ LANGUAGE sql;\n"
      "SELECT 3";
  SplitResult r = SplitPostgres(in);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r),
            (std::vector<std::string>{
                "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; SELECT 2; $$ LANGUAGE sql",
                "CREATE FUNCTION g() RETURNS text AS $body$ SELECT $$;$$; -- ; \n $body$ LANGUAGE sql",
                "SELECT 3"}));
  ExpectConsistent(in, r);
}

TEST(SplitPostgresTest, PositionalParametersAndDollarInIdentifiersAreNotTags) {
  const std::string in = "PREPARE p AS SELECT $1;SELECT a$b$ FROM t;SELECT 3";
  SplitResult r = SplitPostgres(in);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r), (std::vector<std::string>{"PREPARE p AS SELECT $1", "SELECT a$b$ FROM t", "SELECT 3"}));
}

TEST(SplitPostgresTest, NestedBlockComments) {
  const std::string in = "SELECT 1 /* a /* b; */ still; comment */ + 2;SELECT 3";
  SplitResult r = SplitPostgres(in);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r), (std::vector<std::string>{"SELECT 1 /* a /* b; */ still; comment */ + 2", "SELECT 3"}));
}

TEST(SplitPostgresTest, LineCommentsMayHoldSemicolons) {
  const std::string in = "SELECT 1 -- no; split here\n+ 2;SELECT 3";
  SplitResult r = SplitPostgres(in);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r), (std::vector<std::string>{"SELECT 1 -- no; split here\n+ 2", "SELECT 3"}));
}

TEST(SplitPostgresTest, CommentsInsideAStatementEndNeitherItNorItsText) {
  const std::string in = "SELECT 1 /* tail */;SELECT 2 -- tail\n;";
  SplitResult r = SplitPostgres(in);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r), (std::vector<std::string>{"SELECT 1", "SELECT 2"}));
  EXPECT_EQ(r.statements[0].end, 8u);
  // Comments inside a statement are not leading comments of the next one.
  EXPECT_TRUE(r.statements[1].leading_comments.empty());
}

TEST(SplitPostgresTest, ParenthesesProtectSemicolons) {
  const std::string in =
      "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));"
      "SELECT 1";
  SplitResult r = SplitPostgres(in);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r),
            (std::vector<std::string>{
                "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))",
                "SELECT 1"}));
}

TEST(SplitPostgresTest, BeginAtomicBodiesWithCaseInside) {
  const std::string body =
      "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql\n"
      "BEGIN ATOMIC\n"
      "  SELECT CASE WHEN x > 0 THEN 1 ELSE CASE WHEN x < 0 THEN -1 ELSE 0 END END;\n"
      "  SELECT 2;\n"
      "END";
  const std::string in = body + ";\nSELECT 3;";
  SplitResult r = SplitPostgres(in);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Texts(r), (std::vector<std::string>{body, "SELECT 3"}));
  EXPECT_EQ(r.statements[1].begin, body.size() + 2);
}

TEST(SplitPostgresTest, BeginAtomicIsCaseInsensitive) {
  const std::string in = "create procedure p() begin atomic insert into t values (1); end;select 1";
  SplitResult r = SplitPostgres(in);
  EXPECT_EQ(Texts(r), (std::vector<std::string>{
                          "create procedure p() begin atomic insert into t values (1); end", "select 1"}));
}

TEST(SplitPostgresTest, TransactionBeginAndEndAreOrdinaryStatements) {
  SplitResult r = SplitPostgres("BEGIN;\nUPDATE t SET a = CASE WHEN b THEN 1 END;\nEND;\nSELECT 1;");
  EXPECT_EQ(Texts(r), (std::vector<std::string>{"BEGIN", "UPDATE t SET a = CASE WHEN b THEN 1 END", "END",
                                                "SELECT 1"}));
}

TEST(SplitPostgresTest, EmptyStatementsAreSkipped) {
  const std::string in = ";;\n ; SELECT 1;;; ;\n";
  SplitResult r = SplitPostgres(in);
  ASSERT_FALSE(r.error);
  ASSERT_EQ(Texts(r), std::vector<std::string>{"SELECT 1"});
  EXPECT_EQ(r.statements[0].begin, 6u);
  EXPECT_TRUE(SplitPostgres("").statements.empty());
  EXPECT_TRUE(SplitPostgres("  \n ;; \n").statements.empty());
}

TEST(SplitPostgresTest, LastStatementWithoutSemicolon) {
  const std::string in = "SELECT 1;\nSELECT 2\n\n";
  SplitResult r = SplitPostgres(in);
  ASSERT_EQ(Texts(r), (std::vector<std::string>{"SELECT 1", "SELECT 2"}));
  EXPECT_EQ(r.statements[1].begin, 10u);
  EXPECT_EQ(r.statements[1].end, 18u);
}

TEST(SplitPostgresTest, LeadingCommentsWithBodies) {
  const std::string in =
      "-- migrate:expand\n"       // [0, 17)
      "/* block; comment */\n"    // [18, 38)
      "SELECT 1; -- after one\n"  // statement at 39; comment at 49
      "SELECT 2;\n";
  SplitResult r = SplitPostgres(in);
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.statements.size(), 2u);
  EXPECT_EQ(r.statements[0].begin, 39u);
  const auto& lc = r.statements[0].leading_comments;
  ASSERT_EQ(lc.size(), 2u);
  EXPECT_EQ(lc[0].begin, 0u);
  EXPECT_EQ(lc[0].end, 17u);
  EXPECT_TRUE(lc[0].line);
  EXPECT_EQ(lc[0].body, " migrate:expand");
  EXPECT_EQ(lc[1].begin, 18u);
  EXPECT_EQ(lc[1].end, 38u);
  EXPECT_FALSE(lc[1].line);
  EXPECT_EQ(lc[1].body, " block; comment ");
  const auto& lc2 = r.statements[1].leading_comments;
  ASSERT_EQ(lc2.size(), 1u);
  EXPECT_EQ(lc2[0].begin, 49u);
  EXPECT_EQ(lc2[0].end, 61u);
  EXPECT_EQ(lc2[0].body, " after one");
  EXPECT_TRUE(r.trailing_comments.empty());
}

TEST(SplitPostgresTest, TrailingComments) {
  const std::string in = "SELECT 1;\n-- one\n/* two */ -- three";
  SplitResult r = SplitPostgres(in);
  ASSERT_EQ(r.statements.size(), 1u);
  ASSERT_EQ(r.trailing_comments.size(), 3u);
  EXPECT_EQ(r.trailing_comments[0].body, " one");
  EXPECT_EQ(r.trailing_comments[0].begin, 10u);
  EXPECT_EQ(r.trailing_comments[0].end, 16u);
  EXPECT_EQ(r.trailing_comments[1].body, " two ");
  EXPECT_FALSE(r.trailing_comments[1].line);
  EXPECT_EQ(r.trailing_comments[2].body, " three");
  EXPECT_EQ(r.trailing_comments[2].end, in.size());
  // A file of comments only.
  SplitResult only = SplitPostgres("-- a\n-- b\n");
  EXPECT_TRUE(only.statements.empty());
  EXPECT_EQ(only.trailing_comments.size(), 2u);
}

TEST(SplitPostgresTest, CrLfLineCommentBodyExcludesCarriageReturn) {
  SplitResult r = SplitPostgres("-- migrate:backfill batch=10\r\nUPDATE t SET a = 1;\r\n");
  ASSERT_EQ(r.statements.size(), 1u);
  ASSERT_EQ(r.statements[0].leading_comments.size(), 1u);
  EXPECT_EQ(r.statements[0].leading_comments[0].body, " migrate:backfill batch=10");
  EXPECT_EQ(r.statements[0].text, "UPDATE t SET a = 1");
}

TEST(SplitPostgresTest, UnterminatedSingleQuoteIsAnErrorAtItsOffset) {
  SplitResult r = SplitPostgres("SELECT 1;\nSELECT 'abc;\n");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->offset, 17u);
  EXPECT_EQ(r.error->message, "unterminated quoted string");
}

TEST(SplitPostgresTest, UnterminatedEscapeStringIsAnError) {
  SplitResult r = SplitPostgres("SELECT E'abc\\';");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->offset, 7u);
}

TEST(SplitPostgresTest, UnterminatedQuotedIdentifierIsAnError) {
  SplitResult r = SplitPostgres("SELECT \"abc;");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->offset, 7u);
  EXPECT_EQ(r.error->message, "unterminated quoted identifier");
}

TEST(SplitPostgresTest, UnterminatedBlockCommentIsAnError) {
  SplitResult r = SplitPostgres("SELECT 1;\n/* outer /* inner */ still open\nSELECT 2;");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->offset, 10u);
  EXPECT_EQ(r.error->message, "unterminated /* comment");
}

TEST(SplitPostgresTest, UnterminatedDollarQuoteIsAnError) {
  SplitResult r = SplitPostgres("CREATE FUNCTION f() AS $fn$ SELECT 1; $$;");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->offset, 23u);
  EXPECT_EQ(r.error->message, "unterminated dollar-quoted string");
}

TEST(LineIndexTest, LinesAndColumnsAreOneBased) {
  const std::string text = "ab\ncd\n\nef";
  LineIndex idx(text);
  auto pos = [&](size_t off) {
    SourcePos p = idx.PosOf(off);
    return std::pair{p.line, p.column};
  };
  EXPECT_EQ(pos(0), (std::pair{1, 1}));
  EXPECT_EQ(pos(1), (std::pair{1, 2}));
  EXPECT_EQ(pos(2), (std::pair{1, 3}));  // the newline itself ends line 1
  EXPECT_EQ(pos(3), (std::pair{2, 1}));
  EXPECT_EQ(pos(4), (std::pair{2, 2}));
  EXPECT_EQ(pos(6), (std::pair{3, 1}));
  EXPECT_EQ(pos(7), (std::pair{4, 1}));
  EXPECT_EQ(pos(9), (std::pair{4, 3}));    // end of text
  EXPECT_EQ(pos(100), (std::pair{4, 3}));  // clamped
}

TEST(LineIndexTest, ColumnsCountUtf8CodePoints) {
  // "é" is 2 bytes, "€" 3 bytes, "😀" 4 bytes.
  const std::string text = "-- é€😀\nx = 'ü'; y";
  LineIndex idx(text);
  const size_t x = text.find('x');
  const size_t y = text.find('y');
  EXPECT_EQ(idx.PosOf(3).column, 4);                    // é
  EXPECT_EQ(idx.PosOf(5).column, 5);                    // € (after 2-byte é)
  EXPECT_EQ(idx.PosOf(8).column, 6);                    // 😀 (after 3-byte €)
  EXPECT_EQ(idx.PosOf(12).column, 7);                   // newline after 4-byte 😀
  EXPECT_EQ(idx.PosOf(x).line, 2);
  EXPECT_EQ(idx.PosOf(x).column, 1);
  EXPECT_EQ(idx.PosOf(y).line, 2);
  EXPECT_EQ(idx.PosOf(y).column, 10);  // ü is one column
  EXPECT_EQ(LineIndex("").PosOf(0).line, 1);
  EXPECT_EQ(LineIndex("").PosOf(0).column, 1);
}

}  // namespace
}  // namespace migrate
