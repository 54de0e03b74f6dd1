// The schema model: what exists in the database after the migrations replayed so far (tables,
// columns with types, nullability and defaults, constraints and whether each is validated,
// indexes, enum types). Built statically by Apply()ing Changes in file order; no database.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/change.h"

namespace migrate {

struct Column {
  std::string name;
  TypeName type;
  bool not_null = false;
  std::optional<Expr> default_value;
  bool serial = false;                   // serial/bigserial: its sequence is <table>_<column>_seq
  Generated generated = Generated::kNone;
  std::string collation;                 // COLLATE, as written
  bool auto_increment = false;           // MySQL AUTO_INCREMENT, SQLite AUTOINCREMENT
};

struct Constraint {
  ConstraintDef def;  // def.name is always set (generated the way PostgreSQL names them)
  bool validated = true;
  std::string column;  // the column it was declared on (column constraint); empty for a table constraint
};

struct Index {
  std::string name;
  std::string table;
  std::vector<std::string> columns;
  bool unique = false;
  std::string kind;  // CreateIndex::kind: "", "FULLTEXT" or "SPATIAL"
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::vector<Constraint> constraints;

  const Column* FindColumn(const std::string& column) const;
  Column* FindColumn(const std::string& column);
  const Constraint* FindConstraint(const std::string& constraint) const;
  // The PRIMARY KEY constraint (a table or column one), nullptr when the table has none.
  const Constraint* PrimaryKey() const;
  // A validated CHECK (column IS NOT NULL), which lets PostgreSQL ≥ 12 skip SET NOT NULL's scan.
  bool HasValidatedNotNullCheck(const std::string& column) const;
};

class Schema {
 public:
  const Table* FindTable(const std::string& name) const;
  const Index* FindIndex(const std::string& name) const;
  std::vector<const Index*> IndexesOn(const std::string& table) const;  // in name order
  const std::vector<std::string>* FindEnum(const std::string& name) const;
  // Foreign keys of any table that reference `table`, with the table that holds each.
  std::vector<std::pair<const Table*, const Constraint*>> ForeignKeysTo(const std::string& table) const;
  size_t table_count() const { return tables_.size(); }

  // Replays one change. Changes to objects the model does not know are ignored: such a table
  // is "an existing table of unknown shape".
  void Apply(const Change& change);

 private:
  Table* MutableTable(const std::string& name);
  void AddConstraintTo(Table* table, ConstraintDef def, bool validated);
  // PRIMARY KEY, UNIQUE, REFERENCES and CHECK written on the column; they go with it on DROP COLUMN.
  void AddColumnConstraints(Table* table, const ColumnDef& col);

  std::map<std::string, Table> tables_;
  std::map<std::string, Index> indexes_;
  std::map<std::string, std::vector<std::string>> enums_;
};

}  // namespace migrate
