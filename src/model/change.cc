#include "model/change.h"

#include "base/strings.h"
#include "model/migration.h"

namespace migrate {

const char* DialectName(Dialect d) {
  switch (d) {
    case Dialect::kPostgres: return "postgres";
    case Dialect::kMysql: return "mysql";
    case Dialect::kSqlite: return "sqlite";
  }
  return "?";
}

const char* SectionKindName(SectionKind k) {
  switch (k) {
    case SectionKind::kExpand: return "expand";
    case SectionKind::kBackfill: return "backfill";
    case SectionKind::kContract: return "contract";
  }
  return "?";
}

const char* ConstraintKindName(ConstraintKind k) {
  switch (k) {
    case ConstraintKind::kPrimaryKey: return "PRIMARY KEY";
    case ConstraintKind::kUnique: return "UNIQUE";
    case ConstraintKind::kCheck: return "CHECK";
    case ConstraintKind::kForeignKey: return "FOREIGN KEY";
    case ConstraintKind::kExclusion: return "EXCLUDE";
  }
  return "?";
}

const char* ObjectKindName(ObjectKind k) {
  switch (k) {
    case ObjectKind::kView: return "VIEW";
    case ObjectKind::kMaterializedView: return "MATERIALIZED VIEW";
    case ObjectKind::kSequence: return "SEQUENCE";
    case ObjectKind::kType: return "TYPE";
    case ObjectKind::kSchema: return "SCHEMA";
    case ObjectKind::kExtension: return "EXTENSION";
    case ObjectKind::kFunction: return "FUNCTION";
    case ObjectKind::kTrigger: return "TRIGGER";
    case ObjectKind::kDatabase: return "DATABASE";
    case ObjectKind::kOther: return "object";
  }
  return "?";
}

std::string TypeName::ToString() const {
  // MySQL's sign attribute follows the modifiers: "decimal(10,2) unsigned".
  std::string base = name;
  std::string suffix;
  if (EndsWith(base, " unsigned")) {
    suffix = " unsigned";
    base.resize(base.size() - suffix.size());
  }
  std::string out = base;
  if (!modifiers.empty()) {
    std::vector<std::string> mods;
    for (int64_t m : modifiers) mods.push_back(std::to_string(m));
    out += "(" + Join(mods, ",") + ")";
  }
  if (!values.empty()) out += "(" + Join(values, ",") + ")";
  for (int i = 0; i < array_dims; ++i) out += "[]";
  return out + suffix;
}

namespace {

struct TargetTableVisitor {
  std::string operator()(const CreateTable& c) const { return c.table; }
  std::string operator()(const DropTable& c) const { return c.table; }
  std::string operator()(const RenameTable& c) const { return c.table; }
  std::string operator()(const AddColumn& c) const { return c.table; }
  std::string operator()(const DropColumn& c) const { return c.table; }
  std::string operator()(const RenameColumn& c) const { return c.table; }
  std::string operator()(const AlterColumnType& c) const { return c.table; }
  std::string operator()(const SetNotNull& c) const { return c.table; }
  std::string operator()(const DropNotNull& c) const { return c.table; }
  std::string operator()(const SetDefault& c) const { return c.table; }
  std::string operator()(const DropDefault& c) const { return c.table; }
  std::string operator()(const AddConstraint& c) const { return c.table; }
  std::string operator()(const DropConstraint& c) const { return c.table; }
  std::string operator()(const ValidateConstraint& c) const { return c.table; }
  std::string operator()(const CreateIndex& c) const { return c.table; }
  std::string operator()(const DropIndex& c) const { return c.table; }
  std::string operator()(const ModifyColumn& c) const { return c.table; }
  std::string operator()(const ConvertCharset& c) const { return c.table; }
  std::string operator()(const TableOption& c) const { return c.table; }
  std::string operator()(const Dml& c) const { return c.table; }
  std::string operator()(const Truncate& c) const { return c.table; }
  std::string operator()(const Vacuum& c) const { return c.table; }
  std::string operator()(const Cluster& c) const { return c.table; }
  std::string operator()(const LockTable& c) const { return c.table; }
  template <typename T>
  std::string operator()(const T&) const { return ""; }
};

struct DescribeVisitor {
  std::string operator()(const CreateTable& c) const { return "CREATE TABLE " + c.table; }
  std::string operator()(const DropTable& c) const { return "DROP TABLE " + c.table; }
  std::string operator()(const RenameTable& c) const {
    return std::string(c.view ? "ALTER VIEW " : "ALTER TABLE ") + c.table + " RENAME TO " + c.new_name;
  }
  std::string operator()(const AddColumn& c) const {
    return "ALTER TABLE " + c.table + " ADD COLUMN " + c.column.name;
  }
  std::string operator()(const DropColumn& c) const {
    return "ALTER TABLE " + c.table + " DROP COLUMN " + c.column;
  }
  std::string operator()(const RenameColumn& c) const {
    return "ALTER TABLE " + c.table + " RENAME COLUMN " + c.column + " TO " + c.new_name;
  }
  std::string operator()(const AlterColumnType& c) const {
    return "ALTER TABLE " + c.table + " ALTER COLUMN " + c.column + " TYPE " + c.type.ToString();
  }
  std::string operator()(const SetNotNull& c) const {
    return "ALTER TABLE " + c.table + " ALTER COLUMN " + c.column + " SET NOT NULL";
  }
  std::string operator()(const DropNotNull& c) const {
    return "ALTER TABLE " + c.table + " ALTER COLUMN " + c.column + " DROP NOT NULL";
  }
  std::string operator()(const SetDefault& c) const {
    return "ALTER TABLE " + c.table + " ALTER COLUMN " + c.column + " SET DEFAULT " + c.value.text;
  }
  std::string operator()(const DropDefault& c) const {
    return "ALTER TABLE " + c.table + " ALTER COLUMN " + c.column + " DROP DEFAULT";
  }
  std::string operator()(const AddConstraint& c) const {
    return "ALTER TABLE " + c.table + " ADD " + ConstraintKindName(c.constraint.kind) +
           (c.constraint.name.empty() ? "" : " " + c.constraint.name);
  }
  std::string operator()(const DropConstraint& c) const {
    return "ALTER TABLE " + c.table + " DROP CONSTRAINT " + c.name;
  }
  std::string operator()(const ValidateConstraint& c) const {
    return "ALTER TABLE " + c.table + " VALIDATE CONSTRAINT " + c.name;
  }
  std::string operator()(const ModifyColumn& c) const {
    return "ALTER TABLE " + c.table + " MODIFY COLUMN " + c.definition.name + " " + c.definition.type.ToString();
  }
  std::string operator()(const OnlineDdlClause& c) const {
    std::string out;
    if (!c.algorithm.empty()) out += "ALGORITHM=" + c.algorithm;
    if (!c.lock.empty()) out += std::string(out.empty() ? "" : ", ") + "LOCK=" + c.lock;
    return out;
  }
  std::string operator()(const ConvertCharset& c) const {
    return "ALTER TABLE " + c.table + " CONVERT TO CHARACTER SET " + c.charset;
  }
  std::string operator()(const TableOption& c) const {
    return "ALTER TABLE " + c.table + " " + c.name + (c.value.empty() ? "" : "=" + c.value);
  }
  std::string operator()(const Pragma& c) const {
    return "PRAGMA " + c.name + (c.value.empty() ? "" : " = " + c.value);
  }
  std::string operator()(const SetVariable& c) const { return "SET " + c.name + " = " + c.value; }
  std::string operator()(const CreateIndex& c) const {
    return std::string("CREATE ") + (c.unique ? "UNIQUE " : "") + (c.kind.empty() ? "" : c.kind + " ") + "INDEX " +
           (c.concurrently ? "CONCURRENTLY " : "") + (c.index.empty() ? "" : c.index + " ") + "ON " + c.table;
  }
  std::string operator()(const DropIndex& c) const {
    return std::string("DROP INDEX ") + (c.concurrently ? "CONCURRENTLY " : "") + c.index;
  }
  std::string operator()(const Reindex& c) const { return "REINDEX " + c.target; }
  std::string operator()(const CreateObject& c) const {
    return std::string("CREATE ") + ObjectKindName(c.kind) + " " + c.name;
  }
  std::string operator()(const DropObject& c) const {
    return std::string("DROP ") + ObjectKindName(c.kind) + " " + c.name;
  }
  std::string operator()(const CreateEnum& c) const { return "CREATE TYPE " + c.type + " AS ENUM"; }
  std::string operator()(const AddEnumValue& c) const {
    return "ALTER TYPE " + c.type + " ADD VALUE '" + c.value + "'";
  }
  std::string operator()(const RenameEnumValue& c) const {
    return "ALTER TYPE " + c.type + " RENAME VALUE '" + c.value + "' TO '" + c.new_value + "'";
  }
  std::string operator()(const Dml& c) const {
    switch (c.kind) {
      case DmlKind::kInsertValues: return "INSERT INTO " + c.table + " VALUES";
      case DmlKind::kInsertSelect: return "INSERT INTO " + c.table + " SELECT";
      case DmlKind::kUpdate: return "UPDATE " + c.table;
      case DmlKind::kDelete: return "DELETE FROM " + c.table;
    }
    return "DML";
  }
  std::string operator()(const Truncate& c) const { return "TRUNCATE " + c.table; }
  std::string operator()(const Vacuum& c) const {
    return std::string(c.full ? "VACUUM FULL" : "VACUUM") + (c.table.empty() ? "" : " " + c.table);
  }
  std::string operator()(const Cluster& c) const { return "CLUSTER " + c.table; }
  std::string operator()(const LockTable& c) const { return "LOCK TABLE " + c.table + " IN " + c.mode + " MODE"; }
  std::string operator()(const Transaction& c) const {
    switch (c.kind) {
      case TxnKind::kBegin: return "BEGIN";
      case TxnKind::kCommit: return "COMMIT";
      case TxnKind::kRollback: return "ROLLBACK";
    }
    return "transaction";
  }
  std::string operator()(const NoSchemaEffect& c) const { return c.what; }
  std::string operator()(const Unanalyzed& c) const { return c.what; }
};

}  // namespace

std::string TargetTable(const Change& c) { return std::visit(TargetTableVisitor{}, c); }
std::string Describe(const Change& c) { return std::visit(DescribeVisitor{}, c); }

}  // namespace migrate
