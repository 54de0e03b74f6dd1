// Compiled into migrate_tests through change_dump_test.cc (tests/CMakeLists.txt only globs
// *_test.cc files).
#include "testing/change_dump.h"

#include <type_traits>

namespace migrate::testing {
namespace {

std::string B(bool b) { return b ? "true" : "false"; }

std::string List(const std::vector<std::string>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + v[i];
  return out + "]";
}

std::string Ref(const std::optional<ForeignKeyRef>& r) {
  if (!r) return "none";
  return r->table + List(r->columns);
}

const char* KindName(ConstraintKind k) {
  switch (k) {
    case ConstraintKind::kPrimaryKey: return "pkey";
    case ConstraintKind::kUnique: return "unique";
    case ConstraintKind::kCheck: return "check";
    case ConstraintKind::kForeignKey: return "fkey";
    case ConstraintKind::kExclusion: return "exclusion";
  }
  return "?";
}

const char* GeneratedName(Generated g) {
  switch (g) {
    case Generated::kNone: return "none";
    case Generated::kStored: return "stored";
    case Generated::kIdentity: return "identity";
    case Generated::kVirtual: return "virtual";
  }
  return "?";
}

const char* ObjectName(ObjectKind k) {
  switch (k) {
    case ObjectKind::kView: return "view";
    case ObjectKind::kMaterializedView: return "matview";
    case ObjectKind::kSequence: return "sequence";
    case ObjectKind::kType: return "type";
    case ObjectKind::kSchema: return "schema";
    case ObjectKind::kExtension: return "extension";
    case ObjectKind::kFunction: return "function";
    case ObjectKind::kTrigger: return "trigger";
    case ObjectKind::kDatabase: return "database";
    case ObjectKind::kOther: return "other";
  }
  return "?";
}

const char* DmlName(DmlKind k) {
  switch (k) {
    case DmlKind::kInsertValues: return "insert-values";
    case DmlKind::kInsertSelect: return "insert-select";
    case DmlKind::kUpdate: return "update";
    case DmlKind::kDelete: return "delete";
  }
  return "?";
}

const char* TxnName(TxnKind k) {
  switch (k) {
    case TxnKind::kBegin: return "begin";
    case TxnKind::kCommit: return "commit";
    case TxnKind::kRollback: return "rollback";
  }
  return "?";
}

struct Dumper {
  std::string operator()(const CreateTable& c) const {
    std::string out = "CreateTable table=" + c.table + " if_not_exists=" + B(c.if_not_exists) +
                      " as_select=" + B(c.as_select) + (c.like.empty() ? "" : " like=" + c.like);
    for (const ColumnDef& col : c.columns) out += "\n  column " + DumpColumn(col);
    for (const ConstraintDef& k : c.constraints) out += "\n  constraint " + DumpConstraint(k);
    for (const CreateIndex& i : c.indexes) out += "\n  index " + (*this)(i);
    return out;
  }
  std::string operator()(const DropTable& c) const {
    return "DropTable table=" + c.table + " if_exists=" + B(c.if_exists);
  }
  std::string operator()(const RenameTable& c) const {
    return "RenameTable table=" + c.table + " new_name=" + c.new_name + " view=" + B(c.view);
  }
  std::string operator()(const AddColumn& c) const {
    return "AddColumn table=" + c.table + " if_not_exists=" + B(c.if_not_exists) + " column " +
           DumpColumn(c.column);
  }
  std::string operator()(const DropColumn& c) const {
    return "DropColumn table=" + c.table + " column=" + c.column + " if_exists=" + B(c.if_exists);
  }
  std::string operator()(const RenameColumn& c) const {
    return "RenameColumn table=" + c.table + " column=" + c.column + " new_name=" + c.new_name;
  }
  std::string operator()(const AlterColumnType& c) const {
    return "AlterColumnType table=" + c.table + " column=" + c.column + " type=" + DumpType(c.type) +
           " using=" + B(c.has_using);
  }
  std::string operator()(const SetNotNull& c) const {
    return "SetNotNull table=" + c.table + " column=" + c.column;
  }
  std::string operator()(const DropNotNull& c) const {
    return "DropNotNull table=" + c.table + " column=" + c.column;
  }
  std::string operator()(const SetDefault& c) const {
    return "SetDefault table=" + c.table + " column=" + c.column + " value=" + DumpExpr(c.value);
  }
  std::string operator()(const DropDefault& c) const {
    return "DropDefault table=" + c.table + " column=" + c.column;
  }
  std::string operator()(const ModifyColumn& c) const {
    return "ModifyColumn table=" + c.table + " column=" + c.column + " definition " + DumpColumn(c.definition);
  }
  std::string operator()(const AddConstraint& c) const {
    return "AddConstraint table=" + c.table + " " + DumpConstraint(c.constraint);
  }
  std::string operator()(const DropConstraint& c) const {
    return "DropConstraint table=" + c.table + " name=" + c.name + " if_exists=" + B(c.if_exists);
  }
  std::string operator()(const ValidateConstraint& c) const {
    return "ValidateConstraint table=" + c.table + " name=" + c.name;
  }
  std::string operator()(const CreateIndex& c) const {
    return "CreateIndex index=" + c.index + " table=" + c.table +
           (c.kind.empty() ? "" : " kind=" + c.kind) + " columns=" + List(c.columns) +
           " unique=" + B(c.unique) + " concurrently=" + B(c.concurrently) +
           " if_not_exists=" + B(c.if_not_exists);
  }
  std::string operator()(const DropIndex& c) const {
    return "DropIndex index=" + c.index + (c.table.empty() ? "" : " table=" + c.table) +
           " concurrently=" + B(c.concurrently) + " if_exists=" + B(c.if_exists);
  }
  std::string operator()(const Reindex& c) const {
    return "Reindex target=" + c.target + " concurrently=" + B(c.concurrently);
  }
  std::string operator()(const CreateObject& c) const {
    return std::string("CreateObject kind=") + ObjectName(c.kind) + " name=" + c.name +
           " or_replace=" + B(c.or_replace);
  }
  std::string operator()(const DropObject& c) const {
    return std::string("DropObject kind=") + ObjectName(c.kind) + " name=" + c.name +
           " if_exists=" + B(c.if_exists) + " cascade=" + B(c.cascade);
  }
  std::string operator()(const CreateEnum& c) const {
    return "CreateEnum type=" + c.type + " values=" + List(c.values);
  }
  std::string operator()(const AddEnumValue& c) const {
    return "AddEnumValue type=" + c.type + " value=" + c.value;
  }
  std::string operator()(const RenameEnumValue& c) const {
    return "RenameEnumValue type=" + c.type + " value=" + c.value + " new_value=" + c.new_value;
  }
  std::string operator()(const Dml& c) const {
    return std::string("Dml kind=") + DmlName(c.kind) + " table=" + c.table + " where=" + B(c.has_where);
  }
  std::string operator()(const Truncate& c) const { return "Truncate table=" + c.table; }
  std::string operator()(const Vacuum& c) const {
    return "Vacuum table=" + c.table + " full=" + B(c.full);
  }
  std::string operator()(const Cluster& c) const { return "Cluster table=" + c.table; }
  std::string operator()(const LockTable& c) const {
    return "LockTable table=" + c.table + " mode=" + c.mode;
  }
  std::string operator()(const OnlineDdlClause& c) const {
    return "OnlineDdlClause algorithm=" + c.algorithm + " lock=" + c.lock;
  }
  std::string operator()(const ConvertCharset& c) const {
    return "ConvertCharset table=" + c.table + " charset=" + c.charset + " collation=" + c.collation;
  }
  std::string operator()(const TableOption& c) const {
    return "TableOption table=" + c.table + " name=" + c.name + " value=" + c.value;
  }
  std::string operator()(const Pragma& c) const { return "Pragma name=" + c.name + " value=" + c.value; }
  std::string operator()(const SetVariable& c) const {
    return "SetVariable name=" + c.name + " value=" + c.value + " global=" + B(c.global);
  }
  std::string operator()(const Transaction& c) const {
    return std::string("Transaction kind=") + TxnName(c.kind);
  }
  std::string operator()(const NoSchemaEffect& c) const { return "NoSchemaEffect what=" + c.what; }
  std::string operator()(const Unanalyzed& c) const { return "Unanalyzed what=" + c.what; }
};

// Every alternative of Change must have an explicit overload above (no catch-all template).
template <typename V>
struct CoversAll;
template <typename... Ts>
struct CoversAll<std::variant<Ts...>> {
  static constexpr bool value = (std::is_invocable_r_v<std::string, Dumper, const Ts&> && ...);
};
static_assert(CoversAll<Change>::value);

}  // namespace

std::string DumpType(const TypeName& t) { return t.ToString(); }

std::string DumpExpr(const Expr& e) {
  std::string out = "[" + e.text + " ";
  switch (e.volatility) {
    case Volatility::kImmutable: out += "immutable"; break;
    case Volatility::kStable: out += "stable"; break;
    case Volatility::kVolatile: out += "volatile"; break;
  }
  if (!e.volatile_function.empty()) out += " via " + e.volatile_function;
  if (e.is_null) out += " null";
  return out + "]";
}

std::string DumpColumn(const ColumnDef& c) {
  std::string out = c.name + " type=" + DumpType(c.type) + " not_null=" + B(c.not_null) +
                    " default=" + (c.default_value ? DumpExpr(*c.default_value) : "none");
  if (c.primary_key) out += " primary_key";
  if (c.unique) out += " unique";
  if (c.serial) out += " serial";
  if (c.auto_increment) out += " auto_increment";
  if (c.generated != Generated::kNone) out += std::string(" generated=") + GeneratedName(c.generated);
  if (c.references) out += " references=" + Ref(c.references);
  for (const ConstraintDef& k : c.checks) out += " {" + DumpConstraint(k) + "}";
  if (!c.charset.empty()) out += " charset=" + c.charset;
  if (!c.collation.empty()) out += " collation=" + c.collation;
  if (!c.position.empty()) out += " position=" + c.position;
  return out;
}

std::string DumpConstraint(const ConstraintDef& c) {
  std::string out = std::string("kind=") + KindName(c.kind) + " name=" + c.name;
  if (!c.columns.empty()) out += " columns=" + List(c.columns);
  if (c.references) out += " references=" + Ref(c.references);
  if (!c.check_text.empty()) out += " check=(" + c.check_text + ")";
  if (!c.not_null_column.empty()) out += " not_null_column=" + c.not_null_column;
  if (!c.using_index.empty()) out += " using_index=" + c.using_index;
  out += " not_valid=" + B(c.not_valid);
  return out;
}

std::string DumpChange(const Change& change) { return std::visit(Dumper{}, change); }

std::string DumpChanges(const std::vector<Change>& changes) {
  std::string out;
  for (const Change& c : changes) out += DumpChange(c) + "\n";
  return out;
}

std::string DumpParsedFile(const FrontEnd& front_end, std::string_view text) {
  SplitResult split = front_end.Split(text);
  std::string out;
  for (const RawStatement& st : split.statements) {
    std::string one_line;
    bool space = false;
    for (char c : st.text) {
      if (c == '\n' || c == ' ' || c == '\t' || c == '\r') {
        space = true;
        continue;
      }
      if (space && !one_line.empty()) one_line += ' ';
      space = false;
      one_line += c;
    }
    out += "> " + one_line + "\n";
    ParseOutcome parsed = front_end.Parse(st.text);
    if (const auto* err = std::get_if<SyntaxError>(&parsed)) {
      out += "SyntaxError offset=" + std::to_string(err->offset) + " message=" + err->message + "\n";
    } else {
      const auto& changes = std::get<std::vector<Change>>(parsed);
      if (changes.empty()) out += "(no changes)\n";
      out += DumpChanges(changes);
    }
    out += "\n";
  }
  if (split.error) {
    out += "split error at " + std::to_string(split.error->offset) + ": " + split.error->message + "\n";
  }
  return out;
}

}  // namespace migrate::testing
