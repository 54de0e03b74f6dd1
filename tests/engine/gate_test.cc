#include "engine/gate.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace migrate {
namespace {

// Passes when `text` contains `part`; on failure shows both.
::testing::AssertionResult Contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << text << "\"\n  does not contain \"" << part << "\"";
}

LiveInstance Reg(const std::string& app, const std::string& instance, const std::string& version) {
  return LiveInstance{app, instance, version, "registry"};
}
LiveInstance Seen(const std::string& app, const std::string& version) {
  return LiveInstance{app, "pid 4242", version, "pg_stat_activity"};
}
AppRequirement Req(const std::string& app, const std::string& version) { return AppRequirement{app, version}; }

// ---- ParseRequiresApp ------------------------------------------------------------------------

TEST(ParseRequiresAppTest, WithAndWithoutApp) {
  Result<AppRequirement> r = ParseRequiresApp("api@2.0.0", "web");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->app, "api");
  EXPECT_EQ(r->version, "2.0.0");

  r = ParseRequiresApp("2.0.0", "web");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->app, "web");
  EXPECT_EQ(r->version, "2.0.0");

  r = ParseRequiresApp(" api@v2.1-rc.1 ", "");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->app, "api");
  EXPECT_EQ(r->version, "v2.1-rc.1");
}

TEST(ParseRequiresAppTest, NoAppAndNoDefaultIsAnInputError) {
  Result<AppRequirement> r = ParseRequiresApp("2.0.0", "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInput);
  EXPECT_TRUE(Contains(r.status().message(), "names no app"));
  EXPECT_TRUE(Contains(r.status().message(), "APP@2.0.0"));
}

TEST(ParseRequiresAppTest, Rejects) {
  for (const char* bad : {"", "  ", "@2.0.0", "api@", "api@two", "api@2.0.0.1", "latest"}) {
    Result<AppRequirement> r = ParseRequiresApp(bad, "api");
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kInput) << bad;
    }
  }
  EXPECT_TRUE(Contains(ParseRequiresApp("api@two", "").status().message(), "requires-app=api@two"));
}

// ---- ParseLiveVersions -----------------------------------------------------------------------

TEST(ParseLiveVersionsTest, BareVersionsUseTheDefaultApp) {
  Result<std::vector<LiveInstance>> r = ParseLiveVersions("1.4.0,2.0.0", "api");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].app, "api");
  EXPECT_EQ((*r)[0].version, "1.4.0");
  EXPECT_EQ((*r)[0].source, "--live-versions");
  EXPECT_EQ((*r)[0].instance, "entry 1");
  EXPECT_EQ((*r)[1].version, "2.0.0");
  EXPECT_EQ((*r)[1].instance, "entry 2");
}

TEST(ParseLiveVersionsTest, ExplicitAppsAndSpaces) {
  Result<std::vector<LiveInstance>> r = ParseLiveVersions(" api@1.4.0 , worker@3.0.0,", "");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].app, "api");
  EXPECT_EQ((*r)[1].app, "worker");
  EXPECT_EQ((*r)[1].version, "3.0.0");
}

TEST(ParseLiveVersionsTest, EmptyListMeansNoInstancesKnown) {
  Result<std::vector<LiveInstance>> r = ParseLiveVersions("", "api");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST(ParseLiveVersionsTest, Rejects) {
  Result<std::vector<LiveInstance>> r = ParseLiveVersions("1.4.0", "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUsage);
  EXPECT_TRUE(Contains(r.status().message(), "names no app"));

  r = ParseLiveVersions("api@1.4.0,api@next", "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUsage);
  EXPECT_TRUE(Contains(r.status().message(), "api@next"));

  EXPECT_FALSE(ParseLiveVersions("@1.0.0", "api").ok());
}

// ---- ParseApplicationName --------------------------------------------------------------------

TEST(ParseApplicationNameTest, NameAtVersion) {
  std::optional<LiveInstance> i = ParseApplicationName("api@1.4.0");
  ASSERT_TRUE(i);
  EXPECT_EQ(i->app, "api");
  EXPECT_EQ(i->version, "1.4.0");
  EXPECT_EQ(i->source, "pg_stat_activity");
  EXPECT_EQ(i->instance, "");
  // Not validated here: the gate counts it as older.
  ASSERT_TRUE(ParseApplicationName("api@nightly"));
}

TEST(ParseApplicationNameTest, AnythingElse) {
  for (const char* s : {"", "psql", "pgAdmin 4 - DB:app", "@1.0.0", "api@", "my api@1.0.0", "api@1.0 beta",
                        "a@b@c"}) {
    EXPECT_FALSE(ParseApplicationName(s)) << s;
  }
}

// ---- DecideContractGate ----------------------------------------------------------------------

TEST(ContractGateTest, NoInformationIsClosed) {
  GateDecision d = DecideContractGate(Req("api", "2.0.0"), {}, {});
  EXPECT_FALSE(d.open);
  EXPECT_EQ(d.reason,
            "no information about live versions of app 'api': register instances with `migrate register` or "
            "pass --live-versions");
}

TEST(ContractGateTest, OtherAppsDoNotCount) {
  GateDecision d = DecideContractGate(Req("api", "2.0.0"), {Reg("worker", "w1", "9.0.0")}, {});
  EXPECT_FALSE(d.open);
  EXPECT_TRUE(Contains(d.reason, "no information about live versions of app 'api'"));

  // An old worker does not block the api's contract.
  d = DecideContractGate(Req("api", "2.0.0"), {Reg("api", "a1", "2.0.0"), Reg("worker", "w1", "1.0.0")},
                         {Seen("worker", "0.1.0")});
  EXPECT_TRUE(d.open) << d.reason;
}

TEST(ContractGateTest, ObservedAloneCannotOpen) {
  GateDecision d = DecideContractGate(Req("api", "2.0.0"), {}, {Seen("api", "2.0.0")});
  EXPECT_FALSE(d.open);
  EXPECT_TRUE(Contains(d.reason, "no information"));
}

TEST(ContractGateTest, AllAtOrAboveOpens) {
  GateDecision d = DecideContractGate(
      Req("api", "2.0.0"), {Reg("api", "a1", "2.0.0"), Reg("api", "a2", "2.1.0"), Reg("api", "a3", "v3")}, {});
  EXPECT_TRUE(d.open);
  EXPECT_TRUE(d.blocking.empty());
  EXPECT_EQ(d.reason, "all 3 live instances of api are at >= 2.0.0");
}

TEST(ContractGateTest, OneInstanceOpens) {
  GateDecision d = DecideContractGate(Req("api", "2.0.0"), {Reg("api", "a1", "2.0.1")}, {Seen("api", "2.0.0")});
  EXPECT_TRUE(d.open);
  EXPECT_EQ(d.reason,
            "the 1 live instance of api is at >= 2.0.0 (and 1 connection seen in pg_stat_activity agree)");
}

TEST(ContractGateTest, AnOlderInstanceCloses) {
  GateDecision d =
      DecideContractGate(Req("api", "2.0.0"), {Reg("api", "web-1", "2.0.0"), Reg("api", "web-2", "1.4.0")}, {});
  EXPECT_FALSE(d.open);
  ASSERT_EQ(d.blocking.size(), 1u);
  EXPECT_EQ(d.blocking[0].instance, "web-2");
  EXPECT_EQ(d.reason, "contract requires api >= 2.0.0, but 1 live instance is older: web-2 at 1.4.0 (registry)");
}

TEST(ContractGateTest, PrereleaseOfTheRequiredVersionIsOlder) {
  GateDecision d = DecideContractGate(Req("api", "2.0.0"), {Reg("api", "web-1", "2.0.0-rc.1")}, {});
  EXPECT_FALSE(d.open);
  EXPECT_TRUE(Contains(d.reason, "web-1 at 2.0.0-rc.1 (registry)"));
}

TEST(ContractGateTest, ObservedOlderConnectionCloses) {
  GateDecision d = DecideContractGate(Req("api", "2.0.0"), {Reg("api", "web-1", "2.0.0")}, {Seen("api", "1.9.9")});
  EXPECT_FALSE(d.open);
  ASSERT_EQ(d.blocking.size(), 1u);
  EXPECT_EQ(d.blocking[0].source, "pg_stat_activity");
  EXPECT_EQ(d.reason,
            "contract requires api >= 2.0.0, but 1 live instance is older: pid 4242 at 1.9.9 (pg_stat_activity)");
}

TEST(ContractGateTest, UnparseableVersionCountsAsOlder) {
  GateDecision d = DecideContractGate(Req("api", "2.0.0"), {Reg("api", "web-1", "nightly")}, {});
  EXPECT_FALSE(d.open);
  ASSERT_EQ(d.blocking.size(), 1u);
  EXPECT_TRUE(Contains(d.reason, "web-1 at \"nightly\" (registry; not a semantic version, counted as older)"));
}

TEST(ContractGateTest, ListsEveryBlockingInstance) {
  Result<std::vector<LiveInstance>> live = ParseLiveVersions("1.4.0,2.0.0,1.9.0", "api");
  ASSERT_TRUE(live.ok());
  GateDecision d = DecideContractGate(Req("api", "2.0.0"), *live, {LiveInstance{"api", "", "1.0.0", "pg_stat_activity"}});
  EXPECT_FALSE(d.open);
  ASSERT_EQ(d.blocking.size(), 3u);
  EXPECT_EQ(d.reason,
            "contract requires api >= 2.0.0, but 3 live instances are older: entry 1 at 1.4.0 (--live-versions), "
            "entry 3 at 1.9.0 (--live-versions), 1.0.0 (pg_stat_activity)");
}

TEST(ContractGateTest, ShortenedRequirementComparesAsSemver) {
  EXPECT_TRUE(DecideContractGate(Req("api", "2"), {Reg("api", "a", "2.0.0")}, {}).open);
  EXPECT_FALSE(DecideContractGate(Req("api", "2.1"), {Reg("api", "a", "2.0.9")}, {}).open);
  EXPECT_TRUE(DecideContractGate(Req("api", "1.10.0"), {Reg("api", "a", "1.10.0+build.7")}, {}).open);
  EXPECT_FALSE(DecideContractGate(Req("api", "1.10.0"), {Reg("api", "a", "1.9.0")}, {}).open);
}

TEST(ContractGateTest, UnusableRequirementIsClosed) {
  GateDecision d = DecideContractGate(Req("api", "soon"), {Reg("api", "a", "2.0.0")}, {});
  EXPECT_FALSE(d.open);
  EXPECT_TRUE(Contains(d.reason, "not usable"));
}

// ---- DecideDeployGate ------------------------------------------------------------------------

MigrationGateInfo Done(const std::string& version, const std::string& name) {
  MigrationGateInfo m;
  m.version = version;
  m.name = name;
  m.expanded = true;
  return m;
}

TEST(DeployGateTest, NoMigrationsIsOpen) {
  GateDecision d = DecideDeployGate("api", "1.0.0", {});
  EXPECT_TRUE(d.open);
  EXPECT_EQ(d.reason, "deploying api 1.0.0 is safe: there are no migrations, and no applied contract requires a newer api");
}

TEST(DeployGateTest, AllExpandedAndBackfilledIsOpen) {
  MigrationGateInfo a = Done("0001", "0001_users");
  MigrationGateInfo b = Done("0002", "0002_full_name");
  b.has_backfill = true;
  b.backfilled = true;
  GateDecision d = DecideDeployGate("api", "2.0.0", {a, b});
  EXPECT_TRUE(d.open) << d.reason;
  EXPECT_EQ(d.reason,
            "deploying api 2.0.0 is safe: all 2 migrations are expanded and backfilled, and no applied contract "
            "requires a newer api");
}

TEST(DeployGateTest, NotExpandedCloses) {
  MigrationGateInfo m = Done("0003", "0003_full_name");
  m.expanded = false;
  GateDecision d = DecideDeployGate("api", "2.0.0", {Done("0001", "0001_users"), m});
  EXPECT_FALSE(d.open);
  EXPECT_EQ(d.reason,
            "not safe to deploy api 2.0.0: migration 0003_full_name is not expanded yet: run `migrate apply` (and "
            "let backfills finish) before deploying");
}

TEST(DeployGateTest, UnfinishedBackfillCloses) {
  MigrationGateInfo m = Done("0003", "full_name");  // a slug: the label gets the version
  m.has_backfill = true;
  GateDecision d = DecideDeployGate("api", "2.0.0", {m});
  EXPECT_FALSE(d.open);
  EXPECT_TRUE(Contains(d.reason, "the backfill of migration 0003_full_name has not finished"));

  // A migration without a backfill section needs none.
  m.has_backfill = false;
  EXPECT_TRUE(DecideDeployGate("api", "2.0.0", {m}).open);
}

TEST(DeployGateTest, AppliedContractRequiringNewerAppCloses) {
  MigrationGateInfo m = Done("0003", "0003_drop_name");
  m.contract_applied = true;
  m.requires_app = AppRequirement{"api", "2.0.0"};
  GateDecision d = DecideDeployGate("api", "1.4.0", {m});
  EXPECT_FALSE(d.open);
  EXPECT_EQ(d.reason,
            "not safe to deploy api 1.4.0: deploying api 1.4.0 would run against a schema whose contract "
            "0003_drop_name requires >= 2.0.0");
  // The same or a newer version is fine.
  EXPECT_TRUE(DecideDeployGate("api", "2.0.0", {m}).open);
  EXPECT_TRUE(DecideDeployGate("api", "2.3.1", {m}).open);
  EXPECT_FALSE(DecideDeployGate("api", "2.0.0-rc.2", {m}).open);
}

TEST(DeployGateTest, ContractNotAppliedOrOtherAppDoesNotClose) {
  MigrationGateInfo pending = Done("0003", "0003_drop_name");
  pending.requires_app = AppRequirement{"api", "2.0.0"};  // contract not applied yet
  MigrationGateInfo other = Done("0004", "0004_worker");
  other.contract_applied = true;
  other.requires_app = AppRequirement{"worker", "5.0.0"};
  GateDecision d = DecideDeployGate("api", "1.4.0", {pending, other});
  EXPECT_TRUE(d.open) << d.reason;
}

TEST(DeployGateTest, ReportsEveryProblem) {
  MigrationGateInfo contracted = Done("0002", "0002_drop_name");
  contracted.contract_applied = true;
  contracted.requires_app = AppRequirement{"api", "2.0.0"};
  MigrationGateInfo unexpanded = Done("0004", "0004_orders");
  unexpanded.expanded = false;
  MigrationGateInfo backfilling = Done("0003", "0003_email");
  backfilling.has_backfill = true;
  GateDecision d = DecideDeployGate("api", "1.0.0", {contracted, backfilling, unexpanded});
  EXPECT_FALSE(d.open);
  EXPECT_TRUE(Contains(d.reason, "the backfill of migration 0003_email has not finished, migration 0004_orders "
                                  "is not expanded yet"));
  EXPECT_TRUE(Contains(d.reason, "contract 0002_drop_name requires >= 2.0.0"));
}

TEST(DeployGateTest, BadAppVersionIsClosed) {
  GateDecision d = DecideDeployGate("api", "latest", {});
  EXPECT_FALSE(d.open);
  EXPECT_TRUE(Contains(d.reason, "cannot judge deploying api latest"));
}

}  // namespace
}  // namespace migrate
