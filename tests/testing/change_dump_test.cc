// The golden-dump helper itself. This file also compiles change_dump.cc into migrate_tests
// (tests/CMakeLists.txt only picks up *_test.cc files).
#include "testing/change_dump.cc"  // NOLINT(build/include): see above

#include <gtest/gtest.h>

namespace migrate::testing {
namespace {

TEST(ChangeDumpTest, EveryChangeKindHasADistinctRendering) {
  ColumnDef col;
  col.name = "full_name";
  col.type = TypeName{"varchar", {255}, 0};
  ConstraintDef check;
  check.kind = ConstraintKind::kCheck;
  check.check_text = "a > 0";
  Expr now{"now()", Volatility::kStable, "", false};
  const std::vector<std::pair<Change, std::string>> cases = {
      {CreateTable{"users", {col}, {check}, false, false},
       "CreateTable table=users if_not_exists=false as_select=false\n"
       "  column full_name type=varchar(255) not_null=false default=none\n"
       "  constraint kind=check name= check=(a > 0) not_valid=false"},
      {DropTable{"users", true}, "DropTable table=users if_exists=true"},
      {RenameTable{"a", "b", true}, "RenameTable table=a new_name=b view=true"},
      {AddColumn{"users", col, false},
       "AddColumn table=users if_not_exists=false column full_name type=varchar(255) not_null=false "
       "default=none"},
      {DropColumn{"users", "name", false}, "DropColumn table=users column=name if_exists=false"},
      {RenameColumn{"users", "a", "b"}, "RenameColumn table=users column=a new_name=b"},
      {AlterColumnType{"users", "a", TypeName{"int8", {}, 1}, true},
       "AlterColumnType table=users column=a type=int8[] using=true"},
      {SetNotNull{"users", "a"}, "SetNotNull table=users column=a"},
      {DropNotNull{"users", "a"}, "DropNotNull table=users column=a"},
      {SetDefault{"users", "a", now}, "SetDefault table=users column=a value=[now() stable]"},
      {DropDefault{"users", "a"}, "DropDefault table=users column=a"},
      {AddConstraint{"users", ConstraintDef{ConstraintKind::kForeignKey, "fk", {"org_id"},
                                            ForeignKeyRef{"orgs", {"id"}}, "", "", "", true}},
       "AddConstraint table=users kind=fkey name=fk columns=[org_id] references=orgs[id] not_valid=true"},
      {DropConstraint{"users", "c", true}, "DropConstraint table=users name=c if_exists=true"},
      {ValidateConstraint{"users", "c"}, "ValidateConstraint table=users name=c"},
      {CreateIndex{"i", "users", {"a", "lower(b)"}, true, true, false},
       "CreateIndex index=i table=users columns=[a,lower(b)] unique=true concurrently=true "
       "if_not_exists=false"},
      {DropIndex{"i", true, false}, "DropIndex index=i concurrently=true if_exists=false"},
      {Reindex{"i", false}, "Reindex target=i concurrently=false"},
      {CreateObject{ObjectKind::kView, "v", true}, "CreateObject kind=view name=v or_replace=true"},
      {DropObject{ObjectKind::kSchema, "s", false, true},
       "DropObject kind=schema name=s if_exists=false cascade=true"},
      {CreateEnum{"mood", {"a", "b"}}, "CreateEnum type=mood values=[a,b]"},
      {AddEnumValue{"mood", "c"}, "AddEnumValue type=mood value=c"},
      {RenameEnumValue{"mood", "a", "z"}, "RenameEnumValue type=mood value=a new_value=z"},
      {Dml{DmlKind::kUpdate, "users", true}, "Dml kind=update table=users where=true"},
      {Truncate{"users"}, "Truncate table=users"},
      {Vacuum{"users", true}, "Vacuum table=users full=true"},
      {Cluster{"users"}, "Cluster table=users"},
      {LockTable{"users", "SHARE"}, "LockTable table=users mode=SHARE"},
      {Transaction{TxnKind::kRollback}, "Transaction kind=rollback"},
      {NoSchemaEffect{"SET"}, "NoSchemaEffect what=SET"},
      {Unanalyzed{"ALTER TABLE"}, "Unanalyzed what=ALTER TABLE"},
  };
  // One case per alternative of Change, in declaration order.
  ASSERT_EQ(cases.size(), std::variant_size_v<Change>);
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(cases[i].first.index(), i);
    EXPECT_EQ(DumpChange(cases[i].first), cases[i].second);
  }
}

TEST(ChangeDumpTest, ExprAndColumnDetails) {
  EXPECT_EQ(DumpExpr(Expr{"gen_random_uuid()", Volatility::kVolatile, "gen_random_uuid()", false}),
            "[gen_random_uuid() volatile via gen_random_uuid()]");
  EXPECT_EQ(DumpExpr(Expr{"NULL", Volatility::kImmutable, "", true}), "[NULL immutable null]");
  ColumnDef c;
  c.name = "id";
  c.type = TypeName{"serial", {}, 0};
  c.not_null = true;
  c.primary_key = true;
  c.unique = true;
  c.serial = true;
  c.generated = Generated::kIdentity;
  c.references = ForeignKeyRef{"orgs", {"id"}};
  EXPECT_EQ(DumpColumn(c),
            "id type=serial not_null=true default=none primary_key unique serial generated=identity "
            "references=orgs[id]");
  EXPECT_EQ(DumpChanges({Truncate{"a"}, Truncate{"b"}}), "Truncate table=a\nTruncate table=b\n");
}

}  // namespace
}  // namespace migrate::testing
