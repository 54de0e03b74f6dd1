#include "model/schema.h"

#include <algorithm>

#include "base/strings.h"

namespace migrate {
namespace {

std::string BareName(const std::string& qualified) {
  size_t dot = qualified.rfind('.');
  return dot == std::string::npos ? qualified : qualified.substr(dot + 1);
}

// PostgreSQL's names for unnamed constraints: users_pkey, users_email_key, users_org_id_fkey,
// users_age_check.
std::string GeneratedConstraintName(const std::string& table, const ConstraintDef& def) {
  std::string base = BareName(table);
  std::string cols = def.columns.empty() ? "" : "_" + Join(def.columns, "_");
  switch (def.kind) {
    case ConstraintKind::kPrimaryKey: return base + "_pkey";
    case ConstraintKind::kUnique: return base + cols + "_key";
    case ConstraintKind::kForeignKey: return base + cols + "_fkey";
    case ConstraintKind::kExclusion: return base + cols + "_excl";
    case ConstraintKind::kCheck:
      // PostgreSQL names a CHECK after the one column it references, else after the table.
      if (!def.not_null_column.empty()) return base + "_" + def.not_null_column + "_check";
      return base + (def.columns.size() == 1 ? "_" + def.columns[0] : "") + "_check";
  }
  return base + "_constraint";
}

Column ToColumn(const ColumnDef& def) {
  return Column{def.name,   def.type,      def.not_null || def.primary_key, def.default_value, def.serial,
                def.generated, def.collation, def.auto_increment};
}

}  // namespace

const Column* Table::FindColumn(const std::string& column) const {
  for (const Column& c : columns) if (c.name == column) return &c;
  return nullptr;
}

Column* Table::FindColumn(const std::string& column) {
  for (Column& c : columns) if (c.name == column) return &c;
  return nullptr;
}

const Constraint* Table::FindConstraint(const std::string& constraint) const {
  for (const Constraint& c : constraints) if (c.def.name == constraint) return &c;
  return nullptr;
}

const Constraint* Table::PrimaryKey() const {
  for (const Constraint& c : constraints) if (c.def.kind == ConstraintKind::kPrimaryKey) return &c;
  return nullptr;
}

bool Table::HasValidatedNotNullCheck(const std::string& column) const {
  for (const Constraint& c : constraints) {
    if (c.def.kind == ConstraintKind::kCheck && c.validated && c.def.not_null_column == column) return true;
  }
  return false;
}

const Table* Schema::FindTable(const std::string& name) const {
  auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : &it->second;
}

Table* Schema::MutableTable(const std::string& name) {
  auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : &it->second;
}

std::vector<const Index*> Schema::IndexesOn(const std::string& table) const {
  std::vector<const Index*> out;
  for (const auto& [_, index] : indexes_) if (index.table == table) out.push_back(&index);
  return out;
}

std::vector<std::pair<const Table*, const Constraint*>> Schema::ForeignKeysTo(const std::string& table) const {
  std::vector<std::pair<const Table*, const Constraint*>> out;
  for (const auto& [_, t] : tables_) {
    for (const Constraint& k : t.constraints) {
      if (k.def.kind == ConstraintKind::kForeignKey && k.def.references && k.def.references->table == table) {
        out.push_back({&t, &k});
      }
    }
  }
  return out;
}

const Index* Schema::FindIndex(const std::string& name) const {
  auto it = indexes_.find(name);
  return it == indexes_.end() ? nullptr : &it->second;
}

const std::vector<std::string>* Schema::FindEnum(const std::string& name) const {
  auto it = enums_.find(name);
  return it == enums_.end() ? nullptr : &it->second;
}

void Schema::AddConstraintTo(Table* table, ConstraintDef def, bool validated) {
  if (def.name.empty()) def.name = GeneratedConstraintName(table->name, def);
  if (def.kind == ConstraintKind::kPrimaryKey) {
    for (const std::string& col : def.columns) {
      if (Column* c = table->FindColumn(col)) c->not_null = true;
    }
  }
  table->constraints.push_back(Constraint{std::move(def), validated});
}

void Schema::AddColumnConstraints(Table* table, const ColumnDef& col) {
  auto add = [&](ConstraintDef def) {
    AddConstraintTo(table, std::move(def), true);
    table->constraints.back().column = col.name;
  };
  if (col.primary_key) add({ConstraintKind::kPrimaryKey, "", {col.name}});
  if (col.unique) add({ConstraintKind::kUnique, "", {col.name}});
  if (col.references) add({ConstraintKind::kForeignKey, "", {col.name}, col.references});
  for (const ConstraintDef& check : col.checks) add(check);
}

void Schema::Apply(const Change& change) {
  std::visit(
      [this](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, CreateTable>) {
          if (tables_.count(c.table) && c.if_not_exists) return;
          Table t;
          if (auto like = tables_.find(c.like); !c.like.empty() && like != tables_.end()) t = like->second;
          t.name = c.table;
          for (const ColumnDef& col : c.columns) t.columns.push_back(ToColumn(col));
          tables_[c.table] = std::move(t);
          Table* table = &tables_[c.table];
          for (const CreateIndex& idx : c.indexes) {
            if (!idx.index.empty()) indexes_[idx.index] = Index{idx.index, c.table, idx.columns, idx.unique, idx.kind};
          }
          for (const ColumnDef& col : c.columns) AddColumnConstraints(table, col);
          for (const ConstraintDef& def : c.constraints) AddConstraintTo(table, def, true);
        } else if constexpr (std::is_same_v<T, DropTable>) {
          tables_.erase(c.table);
          for (auto it = indexes_.begin(); it != indexes_.end();) {
            it = it->second.table == c.table ? indexes_.erase(it) : std::next(it);
          }
        } else if constexpr (std::is_same_v<T, RenameTable>) {
          auto node = tables_.extract(c.table);
          if (node.empty()) return;
          // new_name is the full new name (schema-qualified unless public).
          std::string to = StartsWith(c.new_name, "public.") ? c.new_name.substr(7) : c.new_name;
          node.key() = to;
          node.mapped().name = to;
          tables_.insert(std::move(node));
          for (auto& [_, idx] : indexes_) if (idx.table == c.table) idx.table = to;
        } else if constexpr (std::is_same_v<T, AddColumn>) {
          Table* t = MutableTable(c.table);
          if (!t || t->FindColumn(c.column.name)) return;
          t->columns.push_back(ToColumn(c.column));
          AddColumnConstraints(t, c.column);
        } else if constexpr (std::is_same_v<T, DropColumn>) {
          Table* t = MutableTable(c.table);
          if (!t) return;
          std::erase_if(t->columns, [&](const Column& col) { return col.name == c.column; });
          std::erase_if(t->constraints, [&](const Constraint& k) {
            return std::find(k.def.columns.begin(), k.def.columns.end(), c.column) != k.def.columns.end() ||
                   k.def.not_null_column == c.column || k.column == c.column;
          });
        } else if constexpr (std::is_same_v<T, RenameColumn>) {
          Table* t = MutableTable(c.table);
          Column* col = t ? t->FindColumn(c.column) : nullptr;
          if (!col) return;
          col->name = c.new_name;
          for (Constraint& k : t->constraints) {
            std::replace(k.def.columns.begin(), k.def.columns.end(), c.column, c.new_name);
            if (k.def.not_null_column == c.column) k.def.not_null_column = c.new_name;
            if (k.column == c.column) k.column = c.new_name;
          }
          for (auto& [_, idx] : indexes_) {
            if (idx.table == c.table) std::replace(idx.columns.begin(), idx.columns.end(), c.column, c.new_name);
          }
        } else if constexpr (std::is_same_v<T, AlterColumnType>) {
          Table* t = MutableTable(c.table);
          if (Column* col = t ? t->FindColumn(c.column) : nullptr) col->type = c.type;
        } else if constexpr (std::is_same_v<T, ModifyColumn>) {
          Table* t = MutableTable(c.table);
          if (Column* col = t ? t->FindColumn(c.column) : nullptr) *col = ToColumn(c.definition);
        } else if constexpr (std::is_same_v<T, SetNotNull>) {
          Table* t = MutableTable(c.table);
          if (Column* col = t ? t->FindColumn(c.column) : nullptr) col->not_null = true;
        } else if constexpr (std::is_same_v<T, DropNotNull>) {
          Table* t = MutableTable(c.table);
          if (Column* col = t ? t->FindColumn(c.column) : nullptr) col->not_null = false;
        } else if constexpr (std::is_same_v<T, SetDefault>) {
          Table* t = MutableTable(c.table);
          if (Column* col = t ? t->FindColumn(c.column) : nullptr) col->default_value = c.value;
        } else if constexpr (std::is_same_v<T, DropDefault>) {
          Table* t = MutableTable(c.table);
          if (Column* col = t ? t->FindColumn(c.column) : nullptr) col->default_value.reset();
        } else if constexpr (std::is_same_v<T, AddConstraint>) {
          Table* t = MutableTable(c.table);
          if (t) AddConstraintTo(t, c.constraint, !c.constraint.not_valid);
        } else if constexpr (std::is_same_v<T, DropConstraint>) {
          Table* t = MutableTable(c.table);
          // MySQL names the primary key PRIMARY (ALTER TABLE … DROP PRIMARY KEY).
          if (t) {
            std::erase_if(t->constraints, [&](const Constraint& k) {
              return k.def.name == c.name || (c.name == "PRIMARY" && k.def.kind == ConstraintKind::kPrimaryKey);
            });
          }
        } else if constexpr (std::is_same_v<T, ValidateConstraint>) {
          Table* t = MutableTable(c.table);
          if (!t) return;
          for (Constraint& k : t->constraints) if (k.def.name == c.name) k.validated = true;
        } else if constexpr (std::is_same_v<T, CreateIndex>) {
          if (!c.index.empty()) indexes_[c.index] = Index{c.index, c.table, c.columns, c.unique, c.kind};
        } else if constexpr (std::is_same_v<T, DropIndex>) {
          indexes_.erase(c.index);
        } else if constexpr (std::is_same_v<T, CreateEnum>) {
          enums_[c.type] = c.values;
        } else if constexpr (std::is_same_v<T, AddEnumValue>) {
          auto it = enums_.find(c.type);
          if (it != enums_.end()) it->second.push_back(c.value);
        } else if constexpr (std::is_same_v<T, RenameEnumValue>) {
          auto it = enums_.find(c.type);
          if (it == enums_.end()) return;
          for (std::string& v : it->second) if (v == c.value) v = c.new_value;
        } else if constexpr (std::is_same_v<T, DropObject>) {
          if (c.kind == ObjectKind::kType) enums_.erase(c.name);
        }
      },
      change);
}

}  // namespace migrate
