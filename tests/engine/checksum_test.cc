#include "engine/checksum.h"

#include <gtest/gtest.h>

namespace migrate {
namespace {

TEST(MigrationChecksumTest, IsTheSha256OfTheText) {
  // sha256("abc"), from FIPS 180-2.
  EXPECT_EQ(MigrationChecksum("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(MigrationChecksumTest, IgnoresBomAndLineEndings) {
  const std::string lf = "CREATE TABLE t (id int);\nSELECT 1;\n";
  EXPECT_EQ(MigrationChecksum(lf), MigrationChecksum("CREATE TABLE t (id int);\r\nSELECT 1;\r\n"));
  EXPECT_EQ(MigrationChecksum(lf), MigrationChecksum("\xEF\xBB\xBF" + lf));
}

TEST(MigrationChecksumTest, SeesEveryOtherEdit) {
  EXPECT_NE(MigrationChecksum("SELECT 1;\n"), MigrationChecksum("SELECT 1; \n"));
  EXPECT_NE(MigrationChecksum("SELECT 1;\n"), MigrationChecksum("SELECT 1;"));
  EXPECT_NE(MigrationChecksum("a\rb"), MigrationChecksum("ab"));  // a lone CR is content
}

}  // namespace
}  // namespace migrate
