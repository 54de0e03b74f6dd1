// The Change model: what a statement does to the schema or its rows, independent of dialect.
// Front ends (src/sql/<dialect>/) turn parse trees into Changes; everything after them (schema
// replay, classification, rules, reporters) reads only these types. One type per kind of change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/source.h"

namespace migrate {

enum class Dialect { kPostgres, kMysql, kSqlite };
const char* DialectName(Dialect d);  // "postgres", "mysql", "sqlite"

// A type as written, normalised: name lower-cased and mapped to a canonical spelling
// ("character varying" → "varchar", "int" → "int4"), with its modifiers (varchar(255) → {255}).
// MySQL: sign and members are part of the type ("int unsigned"; enum('a','b') → values).
struct TypeName {
  std::string name;
  std::vector<int64_t> modifiers;
  int array_dims = 0;
  std::vector<std::string> values;  // MySQL ENUM/SET members, as written ('a')
  // "varchar(255)", "int4[]", "decimal(10,2) unsigned", "enum('a','b')"
  std::string ToString() const;
  bool operator==(const TypeName&) const = default;
};

// How an expression behaves when evaluated once per row (PostgreSQL's function volatility).
enum class Volatility { kImmutable, kStable, kVolatile };

struct Expr {
  std::string text;                 // as written in the file
  Volatility volatility = Volatility::kImmutable;
  std::string volatile_function;    // the function that made it volatile, if any
  bool is_null = false;             // the literal NULL
};

// A reference to another table's columns (REFERENCES / FOREIGN KEY).
struct ForeignKeyRef {
  std::string table;
  std::vector<std::string> columns;
};

enum class ConstraintKind { kPrimaryKey, kUnique, kCheck, kForeignKey, kExclusion };
const char* ConstraintKindName(ConstraintKind k);

struct ConstraintDef {
  ConstraintKind kind = ConstraintKind::kCheck;
  std::string name;                  // empty when unnamed
  std::vector<std::string> columns;  // key columns (PK, UNIQUE, FK)
  std::optional<ForeignKeyRef> references;
  std::string check_text;            // CHECK expression as written
  std::string not_null_column;       // set when the CHECK is exactly "col IS NOT NULL"
  std::string using_index;           // ADD CONSTRAINT … USING INDEX idx
  bool not_valid = false;
};

// kVirtual: computed on read (MySQL/SQLite GENERATED … VIRTUAL, their default), never stored.
enum class Generated { kNone, kStored, kIdentity, kVirtual };

struct ColumnDef {
  std::string name;
  TypeName type;
  bool not_null = false;
  bool primary_key = false;
  bool unique = false;
  std::optional<Expr> default_value;
  Generated generated = Generated::kNone;
  bool serial = false;               // serial/bigserial/smallserial (a nextval default)
  bool auto_increment = false;       // MySQL AUTO_INCREMENT, SQLite AUTOINCREMENT
  std::optional<ForeignKeyRef> references;
  std::vector<ConstraintDef> checks; // inline CHECK constraints
  std::string charset;               // MySQL CHARACTER SET, as written
  std::string collation;             // COLLATE, as written
  std::string position;              // MySQL "FIRST" or "AFTER col"; empty: appended
};

// An index (CREATE INDEX, MySQL ALTER TABLE … ADD INDEX/KEY/UNIQUE, inline in CREATE TABLE).
struct CreateIndex {
  std::string index;  // empty when unnamed
  std::string table;
  std::string kind;   // "" (b-tree, hash …), "FULLTEXT" or "SPATIAL"
  std::vector<std::string> columns;  // column names; expressions as written
  bool unique = false;
  bool concurrently = false;
  bool if_not_exists = false;
};
// ---- Tables -------------------------------------------------------------------------------
struct CreateTable {
  std::string table;
  std::vector<ColumnDef> columns;
  std::vector<ConstraintDef> constraints;
  bool if_not_exists = false;
  bool as_select = false;  // CREATE TABLE … AS SELECT
  std::vector<CreateIndex> indexes;  // MySQL KEY/INDEX/UNIQUE/FULLTEXT/SPATIAL definitions inside
  std::string like;                  // MySQL CREATE TABLE … LIKE other: other's shape, no rows
};
struct DropTable { std::string table; bool if_exists = false; };
// new_name is the complete new name, schema-qualified unless in the default schema.
struct RenameTable { std::string table; std::string new_name; bool view = false; };

// ---- Columns (ALTER TABLE actions: one Change per action) -------------------------------------
struct AddColumn { std::string table; ColumnDef column; bool if_not_exists = false; };
struct DropColumn { std::string table; std::string column; bool if_exists = false; };
struct RenameColumn { std::string table; std::string column; std::string new_name; };
struct AlterColumnType {
  std::string table;
  std::string column;
  TypeName type;
  bool has_using = false;
};
struct SetNotNull { std::string table; std::string column; };
struct DropNotNull { std::string table; std::string column; };
struct SetDefault { std::string table; std::string column; Expr value; };
struct DropDefault { std::string table; std::string column; };
// MySQL MODIFY / CHANGE: the column's complete new definition (definition.name is the name after
// CHANGE; a CHANGE that renames is also reported as a RenameColumn before it).
struct ModifyColumn { std::string table; std::string column; ColumnDef definition; };

// ---- Constraints ----------------------------------------------------------------------------
struct AddConstraint { std::string table; ConstraintDef constraint; };
struct DropConstraint { std::string table; std::string name; bool if_exists = false; };
struct ValidateConstraint { std::string table; std::string name; };

// ---- Indexes --------------------------------------------------------------------------------
struct DropIndex {
  std::string index;
  bool concurrently = false;
  bool if_exists = false;
  std::string table;  // MySQL DROP INDEX i ON t / ALTER TABLE t DROP INDEX i; empty elsewhere
};
struct Reindex { std::string target; bool concurrently = false; };

// ---- Other objects --------------------------------------------------------------------------
enum class ObjectKind { kView, kMaterializedView, kSequence, kType, kSchema, kExtension,
                        kFunction, kTrigger, kDatabase, kOther };
const char* ObjectKindName(ObjectKind k);

struct CreateObject { ObjectKind kind; std::string name; bool or_replace = false; };
struct DropObject { ObjectKind kind; std::string name; bool if_exists = false; bool cascade = false; };

struct CreateEnum { std::string type; std::vector<std::string> values; };
struct AddEnumValue { std::string type; std::string value; };
struct RenameEnumValue { std::string type; std::string value; std::string new_value; };

// ---- Rows -----------------------------------------------------------------------------------
enum class DmlKind { kInsertValues, kInsertSelect, kUpdate, kDelete };
struct Dml { DmlKind kind; std::string table; bool has_where = false; };
struct Truncate { std::string table; };

// ---- Maintenance and locks ------------------------------------------------------------------
struct Vacuum { std::string table; bool full = false; };
struct Cluster { std::string table; };
struct LockTable { std::string table; std::string mode; };

// ---- Table-level options ---------------------------------------------------------------------
// MySQL ALTER TABLE … ALGORITHM=…, LOCK=…: they apply to the whole statement. Upper-case values
// ("INSTANT", "INPLACE", "COPY", "DEFAULT"; "NONE", "SHARED", "EXCLUSIVE"); empty when absent.
struct OnlineDdlClause { std::string algorithm; std::string lock; };
// MySQL ALTER TABLE … CONVERT TO CHARACTER SET cs [COLLATE c].
struct ConvertCharset { std::string table; std::string charset; std::string collation; };
// A table option: ENGINE=, ROW_FORMAT=, AUTO_INCREMENT=, COMMENT=, DEFAULT CHARSET=, FORCE …
// Names upper-case, values as written.
struct TableOption { std::string table; std::string name; std::string value; };
// SQLite PRAGMA name [= value].
struct Pragma { std::string name; std::string value; };
// SET [SESSION|GLOBAL] name = value (PostgreSQL SET, MySQL SET foreign_key_checks = 0 …).
struct SetVariable { std::string name; std::string value; bool global = false; };

// ---- Transaction control and the rest -------------------------------------------------------
enum class TxnKind { kBegin, kCommit, kRollback };
struct Transaction { TxnKind kind; };

// A statement with no schema effect on running code (SET, COMMENT, GRANT, CREATE FUNCTION …).
struct NoSchemaEffect { std::string what; };
// A statement the front end does not model: classified "other" and reported as not analysed.
struct Unanalyzed { std::string what; };

using Change = std::variant<CreateTable, DropTable, RenameTable, AddColumn, DropColumn,
                            RenameColumn, AlterColumnType, SetNotNull, DropNotNull, SetDefault,
                            DropDefault, AddConstraint, DropConstraint, ValidateConstraint,
                            ModifyColumn, CreateIndex, DropIndex, Reindex, CreateObject,
                            DropObject, CreateEnum, AddEnumValue, RenameEnumValue, Dml, Truncate,
                            Vacuum, Cluster, LockTable, OnlineDdlClause, ConvertCharset,
                            TableOption, Pragma, SetVariable, Transaction, NoSchemaEffect,
                            Unanalyzed>;

// The table a change acts on, or "" when it acts on none.
std::string TargetTable(const Change& c);
// A short human description: "ALTER TABLE users ADD COLUMN full_name".
std::string Describe(const Change& c);

}  // namespace migrate
