// Header-only helpers shared by the unit tests: parsing with the PostgreSQL front end, temp
// directories, and golden-file comparison (UPDATE_GOLDEN=1 rewrites the expected file).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/loader.h"
#include "model/change.h"
#include "sql/front_end.h"
#include "testing/change_dump.h"

namespace migrate::testing {

inline const FrontEnd& Pg() {
  static const std::unique_ptr<FrontEnd> fe = MakeFrontEnd(Dialect::kPostgres);
  return *fe;
}

// Parses one statement with `front_end`; fails the test on a syntax error.
inline std::vector<Change> ParseOkWith(const FrontEnd& front_end, std::string_view sql) {
  ParseOutcome out = front_end.Parse(sql);
  if (const auto* err = std::get_if<SyntaxError>(&out)) {
    ADD_FAILURE() << "syntax error in `" << sql << "` at " << err->offset << ": " << err->message;
    return {};
  }
  return std::get<std::vector<Change>>(out);
}

// Parses a statement that must yield exactly one change of type T.
template <typename T>
T ParseOneWith(const FrontEnd& front_end, std::string_view sql) {
  std::vector<Change> changes = ParseOkWith(front_end, sql);
  if (changes.size() != 1 || !std::holds_alternative<T>(changes[0])) {
    ADD_FAILURE() << "`" << sql << "` did not yield exactly one change of the expected kind:\n" << DumpChanges(changes);
    return T{};
  }
  return std::get<T>(changes[0]);
}

// The same with the PostgreSQL front end.
inline std::vector<Change> ParseOk(std::string_view sql) { return ParseOkWith(Pg(), sql); }
template <typename T>
T ParseOne(std::string_view sql) {
  return ParseOneWith<T>(Pg(), sql);
}

inline MigrationFile LoadPg(std::string_view text, const std::string& path = "0001_test.sql") {
  return LoadMigration(path, text, Pg());
}

inline std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void WriteAll(const std::filesystem::path& p, std::string_view text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
}

inline bool UpdateGolden() {
  const char* v = std::getenv("UPDATE_GOLDEN");
  return v != nullptr && std::string_view(v) == "1";
}

// Compares `actual` with the file at `expected_path`, or rewrites it under UPDATE_GOLDEN=1.
inline void ExpectGolden(const std::filesystem::path& expected_path, const std::string& actual) {
  if (UpdateGolden()) {
    WriteAll(expected_path, actual);
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(expected_path))
      << expected_path << " is missing; run with UPDATE_GOLDEN=1 to create it";
  const std::string expected = ReadAll(expected_path);
  if (expected == actual) return;
  // A line-by-line account of the differences, rather than two walls of text.
  auto lines = [](const std::string& s) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    for (std::string l; std::getline(ss, l);) out.push_back(l);
    return out;
  };
  const std::vector<std::string> e = lines(expected), a = lines(actual);
  std::string diff;
  int shown = 0;
  for (size_t i = 0; i < std::max(e.size(), a.size()) && shown < 20; ++i) {
    const std::string el = i < e.size() ? e[i] : "<none>";
    const std::string al = i < a.size() ? a[i] : "<none>";
    if (el == al) continue;
    ++shown;
    diff += "line " + std::to_string(i + 1) + ":\n  expected: " + el + "\n  actual:   " + al + "\n";
  }
  ADD_FAILURE() << "golden mismatch for " << expected_path.string() << " (UPDATE_GOLDEN=1 rewrites it)\n"
                << diff;
}

// A fresh, empty directory under ::testing::TempDir(), unique to this process and test.
inline std::filesystem::path MakeTempDir(const std::string& name) {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) /
                              ("migrate_" + std::to_string(::getpid()) + "_" +
                               std::string(info ? info->test_suite_name() : "x") + "_" +
                               std::string(info ? info->name() : "x") + "_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// A golden test folder holds exactly the listed cases: every .sql file is one of them, every
// .expected file has its .sql.
inline void ExpectEveryCaseListed(const std::filesystem::path& dir, const std::set<std::string>& cases) {
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".sql") EXPECT_TRUE(cases.count(e.path().stem().string())) << e.path();
    if (e.path().extension() == ".expected") {
      EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(e.path()).replace_extension(".sql"))) << e.path();
    }
  }
}

inline std::filesystem::path SourceDir() { return std::filesystem::path(MIGRATE_SOURCE_DIR); }

}  // namespace migrate::testing
