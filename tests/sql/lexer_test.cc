// The shared tokenizer of the MySQL and SQLite front ends (src/sql/lexer.h): token kinds, exact
// offsets, every quote and comment form of both dialects, escapes, versioned comments.
#include "sql/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace migrate {
namespace {

struct Tok {
  TokenKind kind;
  std::string text;
  bool operator==(const Tok&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Tok& t) {
  static const char* kNames[] = {"word", "quoted", "string", "number", "variable", "symbol"};
  return os << kNames[static_cast<int>(t.kind)] << ":" << t.text;
}

std::vector<Tok> Toks(const LexResult& r) {
  std::vector<Tok> out;
  for (const Token& t : r.tokens) out.push_back({t.kind, std::string(t.text)});
  return out;
}

constexpr TokenKind W = TokenKind::kWord;
constexpr TokenKind Q = TokenKind::kQuotedIdent;
constexpr TokenKind S = TokenKind::kString;
constexpr TokenKind N = TokenKind::kNumber;
constexpr TokenKind V = TokenKind::kVariable;
constexpr TokenKind Y = TokenKind::kSymbol;

// Every token's [begin, end) is the text it claims.
void ExpectConsistent(std::string_view input, const LexResult& r) {
  for (const Token& t : r.tokens) {
    ASSERT_LE(t.begin, t.end);
    ASSERT_LE(t.end, input.size());
    EXPECT_EQ(t.text, input.substr(t.begin, t.end - t.begin));
  }
}

TEST(LexerTest, WordsNumbersSymbolsWithExactOffsets) {
  const std::string in = "ALTER TABLE t1 ADD c int DEFAULT 42;";
  LexResult r = Lex(in, MysqlLexerDialect());
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Toks(r), (std::vector<Tok>{{W, "ALTER"}, {W, "TABLE"}, {W, "t1"}, {W, "ADD"}, {W, "c"},
                                       {W, "int"}, {W, "DEFAULT"}, {N, "42"}, {Y, ";"}}));
  ASSERT_EQ(r.tokens.size(), 9u);
  EXPECT_EQ(r.tokens[2].begin, 12u);
  EXPECT_EQ(r.tokens[2].end, 14u);
  EXPECT_EQ(r.tokens[7].begin, 33u);
  EXPECT_EQ(r.tokens[8].begin, 35u);
  ExpectConsistent(in, r);
}

TEST(LexerTest, MultiCharacterOperatorsAreOneToken) {
  LexResult r = Lex("a<=>b >= c <> d != e || f := g -> h ->> i", MysqlLexerDialect());
  std::vector<std::string> symbols;
  for (const Token& t : r.tokens) if (t.kind == Y) symbols.emplace_back(t.text);
  EXPECT_EQ(symbols, (std::vector<std::string>{"<=>", ">=", "<>", "!=", "||", ":=", "->", "->>"}));
}

TEST(LexerTest, NumbersInEveryForm) {
  LexResult r = Lex("1 4.25 .5 1e3 2.5E-4 0x1F 0b101", MysqlLexerDialect());
  EXPECT_EQ(Toks(r), (std::vector<Tok>{{N, "1"}, {N, "4.25"}, {N, ".5"}, {N, "1e3"}, {N, "2.5E-4"}, {N, "0x1F"},
                                       {N, "0b101"}}));
}

TEST(LexerTest, MysqlIdentifiersMayStartWithDigits) {
  LexResult r = Lex("SELECT 1col, 2", MysqlLexerDialect());
  EXPECT_EQ(Toks(r), (std::vector<Tok>{{W, "SELECT"}, {W, "1col"}, {Y, ","}, {N, "2"}}));
}

TEST(LexerTest, MysqlQuotes) {
  // 'single', "double" (a string without ANSI_QUOTES), `backtick` with doubled backticks.
  const std::string in = "'it''s' \"say \"\"hi\"\"\" `my``col` N'nat' X'0F' b'01'";
  LexResult r = Lex(in, MysqlLexerDialect());
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Toks(r), (std::vector<Tok>{{S, "'it''s'"}, {S, "\"say \"\"hi\"\"\""}, {Q, "`my``col`"}, {S, "N'nat'"},
                                       {S, "X'0F'"}, {S, "b'01'"}}));
  EXPECT_EQ(r.tokens[0].StringValue(true), "it's");
  EXPECT_EQ(r.tokens[1].StringValue(true), "say \"hi\"");
  EXPECT_EQ(r.tokens[2].Identifier(), "my`col");
  EXPECT_EQ(r.tokens[3].StringValue(true), "nat");
  ExpectConsistent(in, r);
}

TEST(LexerTest, MysqlBackslashEscapes) {
  const std::string in = R"('a\'b' 'c\\' "d\"e" 'n\nt\t0\0')";
  LexResult r = Lex(in, MysqlLexerDialect());
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.tokens.size(), 4u);
  EXPECT_EQ(r.tokens[0].StringValue(true), "a'b");
  EXPECT_EQ(r.tokens[1].StringValue(true), "c\\");
  EXPECT_EQ(r.tokens[2].StringValue(true), "d\"e");
  EXPECT_EQ(r.tokens[3].StringValue(true), std::string("n\nt\t0\0", 6));
  EXPECT_EQ(r.tokens[1].end, 12u);
}

TEST(LexerTest, SqliteQuotesAndNoBackslashEscapes) {
  // "x" and [x] and `x` are identifiers; a backslash is an ordinary character.
  const std::string in = "\"a \"\"b\"\"\" [c d] `e` 'f\\' 'g''h'";
  LexResult r = Lex(in, SqliteLexerDialect());
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Toks(r), (std::vector<Tok>{{Q, "\"a \"\"b\"\"\""}, {Q, "[c d]"}, {Q, "`e`"}, {S, "'f\\'"}, {S, "'g''h'"}}));
  EXPECT_EQ(r.tokens[0].Identifier(), "a \"b\"");
  EXPECT_EQ(r.tokens[1].Identifier(), "c d");
  EXPECT_EQ(r.tokens[3].StringValue(false), "f\\");
  EXPECT_EQ(r.tokens[4].StringValue(false), "g'h");
}

TEST(LexerTest, MysqlDoubleDashNeedsASpaceAndHashIsAComment) {
  const std::string in = "a --x\nb -- c\nd # e\nf--\ng";
  LexResult r = Lex(in, MysqlLexerDialect());
  ASSERT_FALSE(r.error);
  // "--x" is two minus signs before x; "-- c" and "# e" and a "--" at the end of a line are comments.
  EXPECT_EQ(Toks(r), (std::vector<Tok>{{W, "a"}, {Y, "-"}, {Y, "-"}, {W, "x"}, {W, "b"}, {W, "d"}, {W, "f"}, {W, "g"}}));
  ASSERT_EQ(r.comments.size(), 3u);
  EXPECT_EQ(r.comments[0].body, " c");
  EXPECT_EQ(r.comments[0].begin, 8u);
  EXPECT_EQ(r.comments[1].body, " e");
  EXPECT_TRUE(r.comments[1].line);
  EXPECT_EQ(r.comments[2].body, "");
}

TEST(LexerTest, SqliteDoubleDashIsAlwaysACommentAndHashIsNot) {
  LexResult r = Lex("a--x\n# b", SqliteLexerDialect());
  ASSERT_EQ(r.comments.size(), 1u);
  EXPECT_EQ(r.comments[0].body, "x");
  EXPECT_EQ(Toks(r), (std::vector<Tok>{{W, "a"}, {Y, "#"}, {W, "b"}}));
}

TEST(LexerTest, BlockCommentsAreKeptWithOffsets) {
  const std::string in = "a /* one; */ b /* two\n lines */";
  LexResult r = Lex(in, SqliteLexerDialect());
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Toks(r), (std::vector<Tok>{{W, "a"}, {W, "b"}}));
  ASSERT_EQ(r.comments.size(), 2u);
  EXPECT_FALSE(r.comments[0].line);
  EXPECT_EQ(r.comments[0].begin, 2u);
  EXPECT_EQ(r.comments[0].end, 12u);
  EXPECT_EQ(r.comments[0].body, " one; ");
  EXPECT_EQ(r.comments[1].body, " two\n lines ");
}

TEST(LexerTest, MysqlVersionedCommentsHoldSql) {
  const std::string in = "/*!40101 SET x=1 */ a /*! b */ /*!50001 CREATE*/ /* plain */";
  LexResult r = Lex(in, MysqlLexerDialect());
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Toks(r), (std::vector<Tok>{{W, "SET"}, {W, "x"}, {Y, "="}, {N, "1"}, {W, "a"}, {W, "b"}, {W, "CREATE"}}));
  EXPECT_EQ(r.tokens[0].begin, 9u);
  ASSERT_EQ(r.comments.size(), 1u);  // only the plain one is a comment
  EXPECT_EQ(r.comments[0].body, " plain ");
}

TEST(LexerTest, MysqlStrayVersionedCommentEndIsSkipped) {
  // A statement cut out of "/*!50003 CREATE*/ /*!50017 DEFINER=…*/ …" starts inside the comment.
  LexResult r = Lex("CREATE*/ /*!50017 DEFINER=`root`@`%`*/ TRIGGER", MysqlLexerDialect());
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Toks(r), (std::vector<Tok>{{W, "CREATE"}, {W, "DEFINER"}, {Y, "="}, {Q, "`root`"}, {V, "@`%`"},
                                       {W, "TRIGGER"}}));
}

TEST(LexerTest, SqliteHasNoVersionedComments) {
  LexResult r = Lex("/*!40101 SET x=1 */ a", SqliteLexerDialect());
  EXPECT_EQ(Toks(r), (std::vector<Tok>{{W, "a"}}));
}

TEST(LexerTest, Variables) {
  LexResult r = Lex("@x @@session.sql_mode @'quoted var' ? :name $1 'u'@'host'", MysqlLexerDialect());
  EXPECT_EQ(Toks(r), (std::vector<Tok>{{V, "@x"}, {V, "@@session.sql_mode"}, {V, "@'quoted var'"}, {V, "?"},
                                       {V, ":name"}, {V, "$1"}, {S, "'u'"}, {V, "@'host'"}}));
}

TEST(LexerTest, UnterminatedQuotesAndCommentsAreErrorsAtTheirStart) {
  struct Case {
    std::string in;
    LexerDialect dialect;
    size_t offset;
    std::string message;
  };
  const Case cases[] = {
      {"SELECT 'abc", MysqlLexerDialect(), 7, "unterminated quoted string"},
      {"SELECT 'a\\'", MysqlLexerDialect(), 7, "unterminated quoted string"},
      {"SELECT \"abc", MysqlLexerDialect(), 7, "unterminated double-quoted string"},
      {"SELECT `abc", MysqlLexerDialect(), 7, "unterminated backquoted identifier"},
      {"SELECT [abc", SqliteLexerDialect(), 7, "unterminated [identifier]"},
      {"SELECT \"abc", SqliteLexerDialect(), 7, "unterminated double-quoted string"},
      {"SELECT 1 /* abc", SqliteLexerDialect(), 9, "unterminated /* comment"},
  };
  for (const Case& c : cases) {
    LexResult r = Lex(c.in, c.dialect);
    ASSERT_TRUE(r.error) << c.in;
    EXPECT_EQ(r.error->offset, c.offset) << c.in;
    EXPECT_EQ(r.error->message, c.message) << c.in;
    EXPECT_FALSE(r.tokens.empty()) << c.in;  // tokens before the error are kept
  }
  // In SQLite a backslash does not escape: 'a\' is complete.
  EXPECT_FALSE(Lex("SELECT 'a\\'", SqliteLexerDialect()).error);
}

TEST(LexerTest, TokenHelpers) {
  LexResult r = Lex("select `Users` ( ", MysqlLexerDialect());
  ASSERT_EQ(r.tokens.size(), 3u);
  EXPECT_TRUE(r.tokens[0].IsWord("SELECT"));
  EXPECT_FALSE(r.tokens[0].IsWord("SELEC"));
  EXPECT_TRUE(r.tokens[1].IsIdentifier());
  EXPECT_FALSE(r.tokens[1].IsWord("Users"));
  EXPECT_EQ(r.tokens[1].Identifier(), "Users");
  EXPECT_TRUE(r.tokens[2].IsSymbol("("));
  EXPECT_FALSE(r.tokens[2].IsIdentifier());
}

}  // namespace
}  // namespace migrate
