// The golden-dump helper itself.
#include "testing/change_dump.h"

#include <gtest/gtest.h>

namespace migrate::testing {
namespace {

TEST(ChangeDumpTest, EveryChangeKindHasADistinctRendering) {
  ColumnDef col;
  col.name = "full_name";
  col.type = TypeName{.name = "varchar", .modifiers = {255}};
  ConstraintDef check;
  check.kind = ConstraintKind::kCheck;
  check.check_text = "a > 0";
  ConstraintDef fk{.kind = ConstraintKind::kForeignKey, .name = "fk", .columns = {"org_id"},
                   .references = ForeignKeyRef{"orgs", {"id"}}, .not_valid = true};
  Expr now{.text = "now()", .volatility = Volatility::kStable};
  const std::vector<std::pair<Change, std::string>> cases = {
      {CreateTable{.table = "users", .columns = {col}, .constraints = {check}},
       "CreateTable table=users if_not_exists=false as_select=false\n"
       "  column full_name type=varchar(255) not_null=false default=none\n"
       "  constraint kind=check name= check=(a > 0) not_valid=false"},
      {DropTable{.table = "users", .if_exists = true}, "DropTable table=users if_exists=true"},
      {RenameTable{.table = "a", .new_name = "b", .view = true}, "RenameTable table=a new_name=b view=true"},
      {AddColumn{.table = "users", .column = col},
       "AddColumn table=users if_not_exists=false column full_name type=varchar(255) not_null=false "
       "default=none"},
      {DropColumn{.table = "users", .column = "name"}, "DropColumn table=users column=name if_exists=false"},
      {RenameColumn{.table = "users", .column = "a", .new_name = "b"},
       "RenameColumn table=users column=a new_name=b"},
      {AlterColumnType{.table = "users", .column = "a", .type = TypeName{.name = "int8", .array_dims = 1},
                       .has_using = true},
       "AlterColumnType table=users column=a type=int8[] using=true"},
      {SetNotNull{.table = "users", .column = "a"}, "SetNotNull table=users column=a"},
      {DropNotNull{.table = "users", .column = "a"}, "DropNotNull table=users column=a"},
      {SetDefault{.table = "users", .column = "a", .value = now},
       "SetDefault table=users column=a value=[now() stable]"},
      {DropDefault{.table = "users", .column = "a"}, "DropDefault table=users column=a"},
      {AddConstraint{.table = "users", .constraint = fk},
       "AddConstraint table=users kind=fkey name=fk columns=[org_id] references=orgs[id] not_valid=true"},
      {DropConstraint{.table = "users", .name = "c", .if_exists = true},
       "DropConstraint table=users name=c if_exists=true"},
      {ValidateConstraint{.table = "users", .name = "c"}, "ValidateConstraint table=users name=c"},
      {ModifyColumn{.table = "users", .column = "a", .definition = col},
       "ModifyColumn table=users column=a definition full_name type=varchar(255) not_null=false default=none"},
      {CreateIndex{.index = "i", .table = "users", .columns = {"a", "lower(b)"}, .unique = true,
                   .concurrently = true},
       "CreateIndex index=i table=users columns=[a,lower(b)] unique=true concurrently=true "
       "if_not_exists=false"},
      {DropIndex{.index = "i", .concurrently = true}, "DropIndex index=i concurrently=true if_exists=false"},
      {Reindex{.target = "i"}, "Reindex target=i concurrently=false"},
      {CreateObject{.kind = ObjectKind::kView, .name = "v", .or_replace = true},
       "CreateObject kind=view name=v or_replace=true"},
      {DropObject{.kind = ObjectKind::kSchema, .name = "s", .cascade = true},
       "DropObject kind=schema name=s if_exists=false cascade=true"},
      {CreateEnum{.type = "mood", .values = {"a", "b"}}, "CreateEnum type=mood values=[a,b]"},
      {AddEnumValue{.type = "mood", .value = "c"}, "AddEnumValue type=mood value=c"},
      {RenameEnumValue{.type = "mood", .value = "a", .new_value = "z"},
       "RenameEnumValue type=mood value=a new_value=z"},
      {Dml{.kind = DmlKind::kUpdate, .table = "users", .has_where = true}, "Dml kind=update table=users where=true"},
      {Truncate{.table = "users"}, "Truncate table=users"},
      {Vacuum{.table = "users", .full = true}, "Vacuum table=users full=true"},
      {Cluster{.table = "users"}, "Cluster table=users"},
      {LockTable{.table = "users", .mode = "SHARE"}, "LockTable table=users mode=SHARE"},
      {OnlineDdlClause{.algorithm = "INPLACE", .lock = "NONE"}, "OnlineDdlClause algorithm=INPLACE lock=NONE"},
      {ConvertCharset{.table = "t", .charset = "utf8mb4", .collation = "utf8mb4_bin"},
       "ConvertCharset table=t charset=utf8mb4 collation=utf8mb4_bin"},
      {TableOption{.table = "t", .name = "ENGINE", .value = "InnoDB"}, "TableOption table=t name=ENGINE value=InnoDB"},
      {Pragma{.name = "foreign_keys", .value = "ON"}, "Pragma name=foreign_keys value=ON"},
      {SetVariable{.name = "lock_timeout", .value = "'1s'"}, "SetVariable name=lock_timeout value='1s' global=false"},
      {Transaction{.kind = TxnKind::kRollback}, "Transaction kind=rollback"},
      {NoSchemaEffect{.what = "GRANT"}, "NoSchemaEffect what=GRANT"},
      {Unanalyzed{.what = "ALTER TABLE"}, "Unanalyzed what=ALTER TABLE"},
  };
  // One case per alternative of Change, in declaration order: a new kind needs a rendering.
  ASSERT_EQ(cases.size(), std::variant_size_v<Change>);
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(cases[i].first.index(), i) << cases[i].second;
    EXPECT_EQ(DumpChange(cases[i].first), cases[i].second);
  }
}

TEST(ChangeDumpTest, ExprAndColumnDetails) {
  EXPECT_EQ(DumpExpr(Expr{.text = "gen_random_uuid()", .volatility = Volatility::kVolatile,
                          .volatile_function = "gen_random_uuid()"}),
            "[gen_random_uuid() volatile via gen_random_uuid()]");
  EXPECT_EQ(DumpExpr(Expr{.text = "NULL", .is_null = true}), "[NULL immutable null]");
  ColumnDef c;
  c.name = "id";
  c.type = TypeName{.name = "serial"};
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
