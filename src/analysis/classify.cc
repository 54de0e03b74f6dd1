#include "analysis/classify.h"

#include <algorithm>

#include "analysis/mysql_online_ddl.h"

namespace migrate {

const char* ChangeClassName(ChangeClass c) {
  switch (c) {
    case ChangeClass::kOther: return "other";
    case ChangeClass::kExpand: return "expand";
    case ChangeClass::kBackfill: return "backfill";
    case ChangeClass::kContract: return "contract";
    case ChangeClass::kBreaking: return "breaking";
  }
  return "?";
}

namespace {

bool IsTextLike(const std::string& n) { return n == "text" || n == "varchar"; }

// ENUM uses 1 byte up to 255 members, then 2; SET 1, 2, 3, 4 or 8 bytes for up to 8, 16, 24, 32, 64.
size_t EnumSetStorage(const TypeName& t) {
  const size_t n = t.values.size();
  if (t.name == "enum") return n <= 255 ? 1 : 2;
  if (n <= 8) return 1;
  if (n <= 16) return 2;
  if (n <= 24) return 3;
  if (n <= 32) return 4;
  return 8;
}

}  // namespace

bool IsSafeMysqlTypeChange(const TypeName& from, const TypeName& to, std::string_view charset) {
  if (from == to) return true;
  if (from.name != to.name) return false;
  if (from.name == "varchar" || from.name == "varbinary") {
    if (from.modifiers.empty() || to.modifiers.empty()) return false;
    const int64_t per_char = from.name == "varbinary" ? 1 : MysqlBytesPerChar(charset);
    const int64_t from_bytes = from.modifiers[0] * per_char, to_bytes = to.modifiers[0] * per_char;
    return to_bytes >= from_bytes && (from_bytes <= 255) == (to_bytes <= 255);
  }
  if (from.name == "enum" || from.name == "set") {
    if (to.values.size() < from.values.size()) return false;
    if (!std::equal(from.values.begin(), from.values.end(), to.values.begin())) return false;
    return EnumSetStorage(from) == EnumSetStorage(to);
  }
  return false;
}

bool IsSafeTypeChange(Dialect dialect, const TypeName& from, const TypeName& to) {
  if (from.array_dims != to.array_dims) return false;
  if (from == to) return true;
  if (dialect == Dialect::kMysql) return IsSafeMysqlTypeChange(from, to, "");
  if (dialect != Dialect::kPostgres) return false;
  // varchar(n) → varchar(m ≥ n), varchar(n) → varchar, varchar → text, text → varchar (no limit).
  if (IsTextLike(from.name) && IsTextLike(to.name)) {
    if (to.modifiers.empty()) return true;              // unlimited target
    if (from.modifiers.empty()) return false;           // unlimited → limited narrows
    return to.modifiers[0] >= from.modifiers[0];
  }
  // varbit(n) → varbit(m ≥ n) / varbit.
  if (from.name == "varbit" && to.name == "varbit") {
    if (to.modifiers.empty()) return true;
    return !from.modifiers.empty() && to.modifiers[0] >= from.modifiers[0];
  }
  // numeric(p,s) → numeric(p' ≥ p, same s) or unconstrained numeric.
  if (from.name == "numeric" && to.name == "numeric") {
    if (to.modifiers.empty()) return true;
    if (from.modifiers.empty()) return false;
    int64_t from_scale = from.modifiers.size() > 1 ? from.modifiers[1] : 0;
    int64_t to_scale = to.modifiers.size() > 1 ? to.modifiers[1] : 0;
    return to.modifiers[0] >= from.modifiers[0] && to_scale == from_scale;
  }
  // timestamp(p) → timestamp(p' ≥ p) and the same for the other datetime types with precision.
  if (from.name == to.name && (from.name == "timestamp" || from.name == "timestamptz" ||
                               from.name == "time" || from.name == "timetz" || from.name == "interval")) {
    if (to.modifiers.empty()) return true;
    return !from.modifiers.empty() && to.modifiers[0] >= from.modifiers[0];
  }
  // cidr → inet is binary-coercible.
  if (from.name == "cidr" && to.name == "inet") return true;
  return false;
}

ChangeClass Classify(const Change& change, const ClassifyContext& ctx) {
  ChangeClass cls = std::visit(
      [&](const auto& c) -> ChangeClass {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, CreateTable> || std::is_same_v<T, CreateIndex> ||
                      std::is_same_v<T, CreateEnum> || std::is_same_v<T, AddEnumValue> ||
                      std::is_same_v<T, DropNotNull> || std::is_same_v<T, SetDefault> ||
                      std::is_same_v<T, AddConstraint> || std::is_same_v<T, ValidateConstraint>) {
          return ChangeClass::kExpand;
        } else if constexpr (std::is_same_v<T, AddColumn>) {
          const ColumnDef& col = c.column;
          bool fills_itself = col.default_value.has_value() && !col.default_value->is_null;
          fills_itself = fills_itself || col.serial || col.auto_increment || col.generated != Generated::kNone;
          return col.not_null && !fills_itself ? ChangeClass::kBreaking : ChangeClass::kExpand;
        } else if constexpr (std::is_same_v<T, CreateObject>) {
          return c.kind == ObjectKind::kFunction || c.kind == ObjectKind::kTrigger ? ChangeClass::kOther
                                                                                   : ChangeClass::kExpand;
        } else if constexpr (std::is_same_v<T, DropTable> || std::is_same_v<T, DropColumn> ||
                             std::is_same_v<T, DropConstraint> || std::is_same_v<T, DropIndex> ||
                             std::is_same_v<T, DropObject> || std::is_same_v<T, Truncate> ||
                             std::is_same_v<T, DropDefault>) {
          // DROP DEFAULT: the old app may insert without the column and rely on the default.
          return ChangeClass::kContract;
        } else if constexpr (std::is_same_v<T, SetNotNull>) {
          return ChangeClass::kContract;
        } else if constexpr (std::is_same_v<T, RenameTable> || std::is_same_v<T, RenameColumn> ||
                             std::is_same_v<T, RenameEnumValue>) {
          return ChangeClass::kBreaking;
        } else if constexpr (std::is_same_v<T, AlterColumnType>) {
          const Table* table = ctx.schema.FindTable(c.table);
          const Column* column = table ? table->FindColumn(c.column) : nullptr;
          if (column && !c.has_using && IsSafeTypeChange(ctx.dialect, column->type, c.type)) {
            return ChangeClass::kExpand;
          }
          return ChangeClass::kBreaking;
        } else if constexpr (std::is_same_v<T, ModifyColumn>) {
          const Table* table = ctx.schema.FindTable(c.table);
          const Column* column = table ? table->FindColumn(c.column) : nullptr;
          const bool safe_type = ctx.dialect == Dialect::kMysql
                                     ? IsSafeMysqlTypeChange(column ? column->type : TypeName{}, c.definition.type,
                                                             c.definition.charset)
                                     : column && IsSafeTypeChange(ctx.dialect, column->type, c.definition.type);
          if (!column || !safe_type) {
            return ChangeClass::kBreaking;
          }
          // Same or widened type: NOT NULL added, or a default removed, takes away what old code
          // relies on (inserting NULL, omitting the column).
          if (c.definition.not_null && !column->not_null) return ChangeClass::kContract;
          if (column->default_value && !c.definition.default_value) return ChangeClass::kContract;
          return ChangeClass::kExpand;
        } else if constexpr (std::is_same_v<T, ConvertCharset>) {
          return ChangeClass::kBreaking;  // rewrites every text column's type
        } else if constexpr (std::is_same_v<T, Dml>) {
          return c.kind == DmlKind::kInsertValues ? ChangeClass::kExpand : ChangeClass::kBackfill;
        } else {
          // Reindex, Vacuum, Cluster, LockTable, Transaction, NoSchemaEffect, Unanalyzed.
          return ChangeClass::kOther;
        }
      },
      change);
  // The one exemption: a table created earlier in this expand section is unused by any app, so
  // nothing done to its shape can break one.
  if ((cls == ChangeClass::kContract || cls == ChangeClass::kBreaking) &&
      !std::holds_alternative<Dml>(change)) {
    std::string table = TargetTable(change);
    if (const auto* di = std::get_if<DropIndex>(&change)) {
      if (const Index* index = ctx.schema.FindIndex(di->index)) table = index->table;
    }
    if (!table.empty() && ctx.new_tables.count(table)) return ChangeClass::kExpand;
  }
  return cls;
}

ChangeClass ClassifyStatement(const std::vector<Change>& changes, const ClassifyContext& ctx) {
  ChangeClass out = ChangeClass::kOther;
  for (const Change& c : changes) out = std::max(out, Classify(c, ctx));
  return out;
}

}  // namespace migrate
