// Helpers for the driver suites that need a real server: the URL comes from an environment
// variable (scripts/dev-db env prints them). Without it the suite is skipped, unless
// MIGRATE_REQUIRE_SERVERS=1 (CI), where a missing server is a failure.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "drivers/driver.h"

namespace migrate::testing {

inline bool ServersRequired() {
  const char* v = std::getenv("MIGRATE_REQUIRE_SERVERS");
  return v != nullptr && std::string(v) == "1";
}

// A name unique to this test process, so parallel test processes do not collide.
inline std::string UniqueName(const std::string& base) {
  return "drv_" + base + "_" + std::to_string(getpid());
}

// Base fixture: SetUp reads `env_var`, skips or fails without it, and connects `conn_`.
class ServerTest : public ::testing::Test {
 protected:
  explicit ServerTest(const char* env_var) : env_var_(env_var) {}

  void SetUp() override {
    const char* text = std::getenv(env_var_);
    if (text == nullptr || *text == '\0') {
      if (ServersRequired()) {
        FAIL() << env_var_ << " is not set but MIGRATE_REQUIRE_SERVERS=1 (run scripts/dev-db start "
               << "and eval \"$(scripts/dev-db env)\")";
      }
      GTEST_SKIP() << env_var_ << " not set (scripts/dev-db start; eval \"$(scripts/dev-db env)\")";
    }
    auto url = ParseDatabaseUrl(text);
    ASSERT_TRUE(url.ok()) << url.status().message();
    url_ = *url;
    conn_ = NewConnection();
    ASSERT_TRUE(conn_ != nullptr);
  }

  std::unique_ptr<Connection> NewConnection() {
    auto conn = Connect(url_);
    EXPECT_TRUE(conn.ok()) << conn.status().message();
    if (!conn.ok()) return nullptr;
    return std::move(conn).value();
  }

  const char* env_var_;
  DatabaseUrl url_;
  std::unique_ptr<Connection> conn_;
};

}  // namespace migrate::testing
