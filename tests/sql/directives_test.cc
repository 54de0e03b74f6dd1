#include "sql/directives.h"

#include <gtest/gtest.h>

#include <string>

namespace migrate {
namespace {

Directive ParseOk(std::string_view body) {
  auto parsed = ParseDirective(body);
  if (!parsed) {
    ADD_FAILURE() << "'" << body << "' is not a directive";
    return {};
  }
  if (const auto* err = std::get_if<DirectiveError>(&*parsed)) {
    ADD_FAILURE() << "'" << body << "': " << err->message;
    return {};
  }
  return std::get<Directive>(*parsed);
}

DirectiveError ParseErr(std::string_view body) {
  auto parsed = ParseDirective(body);
  if (!parsed) {
    ADD_FAILURE() << "'" << body << "' is not a directive";
    return {};
  }
  if (!std::holds_alternative<DirectiveError>(*parsed)) {
    ADD_FAILURE() << "'" << body << "' parsed without error";
    return {};
  }
  return std::get<DirectiveError>(*parsed);
}

using Options = std::map<std::string, std::string>;

TEST(ParseDirectiveTest, SectionKinds) {
  EXPECT_EQ(ParseOk(" migrate:expand").kind, DirectiveKind::kExpand);
  EXPECT_EQ(ParseOk("migrate:expand").kind, DirectiveKind::kExpand);
  EXPECT_EQ(ParseOk("\tmigrate:backfill  ").kind, DirectiveKind::kBackfill);
  EXPECT_EQ(ParseOk(" migrate:contract").kind, DirectiveKind::kContract);
  EXPECT_TRUE(ParseOk(" migrate:expand").options.empty());
  EXPECT_TRUE(ParseOk(" migrate:expand").rules.empty());
}

TEST(ParseDirectiveTest, DbmateUpAndDown) {
  Directive up = ParseOk(" migrate:up");
  EXPECT_EQ(up.kind, DirectiveKind::kUp);
  EXPECT_TRUE(up.options.empty());
  EXPECT_EQ(ParseOk(" migrate:down").kind, DirectiveKind::kDown);
  EXPECT_EQ(ParseOk(" migrate:up transaction:false").options, (Options{{"transaction", "false"}}));
  EXPECT_EQ(ParseOk(" migrate:down transaction:true").options, (Options{{"transaction", "true"}}));
  DirectiveError err = ParseErr(" migrate:up batch=5");
  EXPECT_EQ(err.offset, 12u);
  EXPECT_EQ(err.message, "unknown option 'batch=5' for migrate:up");
}

TEST(ParseDirectiveTest, BackfillOptions) {
  Directive d = ParseOk(" migrate:backfill batch=5000 table=users key=tenant_id,id");
  EXPECT_EQ(d.kind, DirectiveKind::kBackfill);
  EXPECT_EQ(d.options, (Options{{"batch", "5000"}, {"table", "users"}, {"key", "tenant_id,id"}}));
  EXPECT_EQ(ParseOk(" migrate:backfill table=app.users").options, (Options{{"table", "app.users"}}));
}

TEST(ParseDirectiveTest, RequiresAppForms) {
  EXPECT_EQ(ParseOk(" migrate:contract requires-app=2.0.0").options, (Options{{"requires-app", "2.0.0"}}));
  EXPECT_EQ(ParseOk(" migrate:contract requires-app=web@2.1").options, (Options{{"requires-app", "web@2.1"}}));
  EXPECT_EQ(ParseOk(" migrate:contract requires-app=3").options, (Options{{"requires-app", "3"}}));
  EXPECT_EQ(ParseOk(" migrate:contract requires-app=api@1.2.3-rc.1+build.5").options,
            (Options{{"requires-app", "api@1.2.3-rc.1+build.5"}}));
}

TEST(ParseDirectiveTest, IsRequiresAppValue) {
  EXPECT_TRUE(IsRequiresAppValue("2.0.0"));
  EXPECT_TRUE(IsRequiresAppValue("2.0"));
  EXPECT_TRUE(IsRequiresAppValue("2"));
  EXPECT_TRUE(IsRequiresAppValue("web@2.0.0"));
  EXPECT_TRUE(IsRequiresAppValue("1.0.0-beta"));
  EXPECT_TRUE(IsRequiresAppValue("1.0.0+20261127"));
  EXPECT_FALSE(IsRequiresAppValue("abc"));
  EXPECT_FALSE(IsRequiresAppValue(""));
  EXPECT_FALSE(IsRequiresAppValue("@1.0.0"));
  EXPECT_FALSE(IsRequiresAppValue("web@"));
  EXPECT_FALSE(IsRequiresAppValue("1.2.3.4"));
  EXPECT_FALSE(IsRequiresAppValue("1..2"));
  EXPECT_FALSE(IsRequiresAppValue("v1.2.3"));
  EXPECT_FALSE(IsRequiresAppValue("1.0.0-"));
}

TEST(ParseDirectiveTest, IgnoreWithRulesAndQuotedReason) {
  Directive d = ParseOk(" migrate:ignore rename-column,truncate reason=\"legacy table, nobody reads it\"");
  EXPECT_EQ(d.kind, DirectiveKind::kIgnore);
  EXPECT_EQ(d.rules, (std::vector<std::string>{"rename-column", "truncate"}));
  EXPECT_EQ(d.options, (Options{{"reason", "legacy table, nobody reads it"}}));
  Directive one = ParseOk(" migrate:ignore truncate reason=staging-only");
  EXPECT_EQ(one.rules, std::vector<std::string>{"truncate"});
  EXPECT_EQ(one.options.at("reason"), "staging-only");
}

TEST(ParseDirectiveTest, NonDirectiveCommentsAreNotDirectives) {
  EXPECT_FALSE(ParseDirective(" just a comment; with a semicolon"));
  EXPECT_FALSE(ParseDirective(""));
  EXPECT_FALSE(ParseDirective(" migrate is great"));
  EXPECT_FALSE(ParseDirective(" migrate :expand"));
  EXPECT_FALSE(ParseDirective(" TODO: migrate:expand later"));
  EXPECT_FALSE(ParseDirective("- migrate:expand"));
}

TEST(ParseDirectiveTest, UnknownDirective) {
  DirectiveError err = ParseErr(" migrate:expnad");
  EXPECT_EQ(err.offset, 9u);  // the name after "migrate:"
  EXPECT_EQ(err.message, "unknown directive 'migrate:expnad' (known: expand, backfill, contract, ignore, up, down)");
  EXPECT_EQ(ParseErr(" migrate:").message,
            "unknown directive 'migrate:' (known: expand, backfill, contract, ignore, up, down)");
}

TEST(ParseDirectiveTest, UnknownOption) {
  DirectiveError err = ParseErr(" migrate:expand batch=10");
  EXPECT_EQ(err.offset, 16u);
  EXPECT_EQ(err.message, "unknown option 'batch' for migrate:expand");
  EXPECT_EQ(ParseErr(" migrate:contract batch=10").message, "unknown option 'batch' for migrate:contract");
  EXPECT_EQ(ParseErr(" migrate:backfill requires-app=2.0.0").message,
            "unknown option 'requires-app' for migrate:backfill");
  EXPECT_EQ(ParseErr(" migrate:backfill size=10").message, "unknown option 'size' for migrate:backfill");
}

TEST(ParseDirectiveTest, OptionWithoutValue) {
  DirectiveError err = ParseErr(" migrate:contract requires-app");
  EXPECT_EQ(err.offset, 18u);
  EXPECT_EQ(err.message, "option 'requires-app' needs a value: key=value");
}

TEST(ParseDirectiveTest, BadBatch) {
  DirectiveError zero = ParseErr(" migrate:backfill batch=0");
  EXPECT_EQ(zero.offset, 18u);
  EXPECT_EQ(zero.message, "batch must be a positive integer, got '0'");
  EXPECT_EQ(ParseErr(" migrate:backfill batch=abc").message, "batch must be a positive integer, got 'abc'");
  EXPECT_EQ(ParseErr(" migrate:backfill batch=-5").message, "batch must be a positive integer, got '-5'");
  EXPECT_EQ(ParseErr(" migrate:backfill batch=10k").message, "batch must be a positive integer, got '10k'");
  EXPECT_EQ(ParseErr(" migrate:backfill batch=").message, "batch must be a positive integer, got ''");
}

TEST(ParseDirectiveTest, BadTableAndKey) {
  EXPECT_EQ(ParseErr(" migrate:backfill table=a,b").message, "invalid table 'a,b'");
  EXPECT_EQ(ParseErr(" migrate:backfill key=a,,b").message, "invalid key 'a,,b'");
  EXPECT_EQ(ParseErr(" migrate:backfill key=a;b").message, "invalid key 'a;b'");
}

TEST(ParseDirectiveTest, BadRequiresApp) {
  DirectiveError err = ParseErr(" migrate:contract requires-app=abc");
  EXPECT_EQ(err.offset, 18u);
  EXPECT_EQ(err.message, "requires-app must be [APP@]VERSION (semver), got 'abc'");
  EXPECT_EQ(ParseErr(" migrate:contract requires-app=1.2.3.4").message,
            "requires-app must be [APP@]VERSION (semver), got '1.2.3.4'");
  EXPECT_EQ(ParseErr(" migrate:contract requires-app=@2").message,
            "requires-app must be [APP@]VERSION (semver), got '@2'");
}

TEST(ParseDirectiveTest, OptionGivenTwice) {
  DirectiveError err = ParseErr(" migrate:backfill batch=1 batch=2");
  EXPECT_EQ(err.offset, 26u);
  EXPECT_EQ(err.message, "option 'batch' given twice");
  EXPECT_EQ(ParseErr(" migrate:contract requires-app=1 requires-app=2").message,
            "option 'requires-app' given twice");
}

TEST(ParseDirectiveTest, IgnoreWithoutReason) {
  DirectiveError err = ParseErr(" migrate:ignore truncate");
  EXPECT_EQ(err.message, "migrate:ignore needs a reason: reason=\"why this is safe\"");
  EXPECT_EQ(ParseErr(" migrate:ignore truncate reason=\"\"").message,
            "migrate:ignore needs a reason: reason=\"why this is safe\"");
  EXPECT_EQ(ParseErr(" migrate:ignore truncate reason=\"   \"").message,
            "migrate:ignore needs a reason: reason=\"why this is safe\"");
}

TEST(ParseDirectiveTest, IgnoreWithoutRules) {
  const std::string needs_rules =
      "migrate:ignore needs a rule list: -- migrate:ignore <rule>[,<rule>] reason=\"…\"";
  EXPECT_EQ(ParseErr(" migrate:ignore").message, needs_rules);
  DirectiveError err = ParseErr(" migrate:ignore reason=\"because\"");
  EXPECT_EQ(err.message, needs_rules);
  EXPECT_EQ(err.offset, 15u);
  EXPECT_EQ(ParseErr(" migrate:ignore a,,b reason=x").message, "empty rule name in migrate:ignore");
}

TEST(ParseDirectiveTest, IgnoreUnknownOption) {
  DirectiveError err = ParseErr(" migrate:ignore truncate reason=x because=y");
  EXPECT_EQ(err.offset, 34u);
  EXPECT_EQ(err.message, "unknown option 'because=y' for migrate:ignore");
}

TEST(ParseDirectiveTest, UnterminatedQuotedValue) {
  DirectiveError err = ParseErr(" migrate:ignore truncate reason=\"never closed");
  EXPECT_EQ(err.offset, 32u);
  EXPECT_EQ(err.message, "unterminated quoted value");
}

}  // namespace
}  // namespace migrate
