#include "base/semver.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace migrate {
namespace {

SemVer Parse(const std::string& s) {
  Result<SemVer> v = ParseSemVer(s);
  EXPECT_TRUE(v.ok()) << s << ": " << v.status().message();
  return v.ok() ? *v : SemVer{};
}

int Cmp(const std::string& a, const std::string& b) { return CompareSemVer(Parse(a), Parse(b)); }

TEST(ParseSemVerTest, FullVersion) {
  SemVer v = Parse("1.2.3-rc.1+build.5");
  EXPECT_EQ(v.major, 1);
  EXPECT_EQ(v.minor, 2);
  EXPECT_EQ(v.patch, 3);
  EXPECT_EQ(v.prerelease, (std::vector<std::string>{"rc", "1"}));
  EXPECT_EQ(v.build, "build.5");
  EXPECT_EQ(v.ToString(), "1.2.3-rc.1+build.5");
}

TEST(ParseSemVerTest, PlainRelease) {
  SemVer v = Parse("10.20.30");
  EXPECT_EQ(v.major, 10);
  EXPECT_EQ(v.minor, 20);
  EXPECT_EQ(v.patch, 30);
  EXPECT_TRUE(v.prerelease.empty());
  EXPECT_TRUE(v.build.empty());
  EXPECT_EQ(v.ToString(), "10.20.30");
}

TEST(ParseSemVerTest, LeadingVAndShortenedCore) {
  EXPECT_EQ(Parse("v1.2.3").ToString(), "1.2.3");
  EXPECT_EQ(Parse("V1.2.3").ToString(), "1.2.3");
  EXPECT_EQ(Parse("2").ToString(), "2.0.0");
  EXPECT_EQ(Parse("2.1").ToString(), "2.1.0");
  EXPECT_EQ(Parse("v2").ToString(), "2.0.0");
  EXPECT_EQ(Parse("2.1-beta").ToString(), "2.1.0-beta");
  EXPECT_EQ(Parse("  1.0.0 ").ToString(), "1.0.0");
}

TEST(ParseSemVerTest, PrereleaseAndBuildVariants) {
  EXPECT_EQ(Parse("1.0.0-alpha-beta").prerelease, std::vector<std::string>{"alpha-beta"});
  EXPECT_EQ(Parse("1.0.0-0.3.7").prerelease, (std::vector<std::string>{"0", "3", "7"}));
  EXPECT_EQ(Parse("1.0.0-x.7.z.92").prerelease, (std::vector<std::string>{"x", "7", "z", "92"}));
  SemVer b = Parse("1.0.0+20130313144700");
  EXPECT_TRUE(b.prerelease.empty());
  EXPECT_EQ(b.build, "20130313144700");
  EXPECT_EQ(Parse("1.0.0+001").build, "001");  // leading zeros are fine in build metadata
  EXPECT_EQ(Parse("1.0.0-beta+exp.sha.5114f85").build, "exp.sha.5114f85");
  EXPECT_EQ(Parse("1.0.0-rc-1+b-2").ToString(), "1.0.0-rc-1+b-2");
}

TEST(ParseSemVerTest, LargeNumbers) {
  EXPECT_EQ(Parse("9223372036854775807.0.0").major, INT64_C(9223372036854775807));
  EXPECT_FALSE(ParseSemVer("9223372036854775808.0.0").ok());
  // Numeric pre-release identifiers of any size are allowed (compared as numbers).
  EXPECT_TRUE(ParseSemVer("1.0.0-99999999999999999999999").ok());
}

TEST(ParseSemVerTest, Rejects) {
  for (const char* bad : {"", " ", "v", "1.2.3.4", "1..3", "1.2.", ".1.2", "01.2.3", "1.02.3", "1.2.03",
                          "1.2.3-", "1.2.3+", "1.2.3-a..b", "1.2.3-01", "1.2.3-a_b", "1.2.3+a..b",
                          "1.2.3+a_b", "a.b.c", "1.2.x", "-1.2.3", "1.2.3 4", "1.2.3-ä", "vv1.2.3"}) {
    Result<SemVer> v = ParseSemVer(bad);
    EXPECT_FALSE(v.ok()) << "accepted \"" << bad << "\"";
    if (!v.ok()) {
      EXPECT_EQ(v.status().code(), StatusCode::kInput) << bad;
    }
  }
}

TEST(ParseSemVerTest, ErrorsNameTheProblem) {
  EXPECT_NE(ParseSemVer("01.2.3").status().message().find("leading zero"), std::string::npos);
  EXPECT_NE(ParseSemVer("1.x.3").status().message().find("minor"), std::string::npos);
  EXPECT_NE(ParseSemVer("1.2.3-01").status().message().find("leading zero"), std::string::npos);
  EXPECT_NE(ParseSemVer("1.2.3.4").status().message().find("more than three"), std::string::npos);
  EXPECT_NE(ParseSemVer("1.2.3.4").status().message().find("\"1.2.3.4\""), std::string::npos);
}

TEST(CompareSemVerTest, CoreNumbersCompareNumerically) {
  EXPECT_LT(Cmp("1.9.0", "1.10.0"), 0);
  EXPECT_LT(Cmp("1.0.0", "2.0.0"), 0);
  EXPECT_LT(Cmp("2.0.0", "2.1.0"), 0);
  EXPECT_LT(Cmp("2.1.0", "2.1.1"), 0);
  EXPECT_GT(Cmp("10.0.0", "9.99.99"), 0);
  EXPECT_EQ(Cmp("2", "2.0.0"), 0);
  EXPECT_EQ(Cmp("v2.1", "2.1.0"), 0);
}

TEST(CompareSemVerTest, SpecExampleOrder) {
  // semver.org §11: 1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-alpha.beta < 1.0.0-beta < 1.0.0-beta.2
  // < 1.0.0-beta.11 < 1.0.0-rc.1 < 1.0.0.
  const std::vector<std::string> order = {"1.0.0-alpha",  "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                                          "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",       "1.0.0"};
  for (size_t i = 0; i < order.size(); ++i) {
    for (size_t j = 0; j < order.size(); ++j) {
      int c = Cmp(order[i], order[j]);
      if (i < j) {
        EXPECT_LT(c, 0) << order[i] << " vs " << order[j];
      } else if (i == j) {
        EXPECT_EQ(c, 0) << order[i];
      } else {
        EXPECT_GT(c, 0) << order[i] << " vs " << order[j];
      }
    }
  }
}

TEST(CompareSemVerTest, PrereleaseDetails) {
  EXPECT_LT(Cmp("2.0.0-rc.1", "2.0.0"), 0);       // pre-release is lower than the release
  EXPECT_GT(Cmp("2.0.0-rc.1", "1.9.9"), 0);       // but higher than the previous release
  EXPECT_LT(Cmp("1.0.0-2", "1.0.0-10"), 0);       // numeric identifiers numerically
  EXPECT_LT(Cmp("1.0.0-10", "1.0.0-a"), 0);       // numeric before alphanumeric
  EXPECT_LT(Cmp("1.0.0-B", "1.0.0-a"), 0);        // ASCII order
  EXPECT_LT(Cmp("1.0.0-a", "1.0.0-a.0"), 0);      // a longer set is higher when the prefix is equal
  EXPECT_LT(Cmp("1.0.0-99999999999999999999998", "1.0.0-99999999999999999999999"), 0);
  EXPECT_GT(Cmp("1.0.0-100000000000000000000000", "1.0.0-99999999999999999999999"), 0);
}

TEST(CompareSemVerTest, BuildMetadataIsIgnored) {
  EXPECT_EQ(Cmp("1.0.0+a", "1.0.0+b"), 0);
  EXPECT_EQ(Cmp("1.0.0-rc.1+a", "1.0.0-rc.1"), 0);
  EXPECT_LT(Cmp("1.0.0-rc.1+zzz", "1.0.0"), 0);
}

}  // namespace
}  // namespace migrate
