#include "analysis/mysql_online_ddl.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "analysis/classify.h"
#include "base/strings.h"

namespace migrate {

const char* DdlAlgorithmName(DdlAlgorithm a) {
  switch (a) {
    case DdlAlgorithm::kInstant: return "INSTANT";
    case DdlAlgorithm::kInplace: return "INPLACE";
    case DdlAlgorithm::kCopy: return "COPY";
  }
  return "?";
}

const char* DdlLockName(DdlLock l) {
  switch (l) {
    case DdlLock::kNone: return "NONE";
    case DdlLock::kShared: return "SHARED";
    case DdlLock::kExclusive: return "EXCLUSIVE";
  }
  return "?";
}

std::string OnlineDdlPrediction::Summary() const {
  return std::string("ALGORITHM=") + DdlAlgorithmName(algorithm) + ", LOCK=" + DdlLockName(lock);
}

namespace {

constexpr DdlLock NONE = DdlLock::kNone;
constexpr DdlLock SHARED = DdlLock::kShared;

// {instant since, INPLACE supported, INPLACE rebuilds, weakest LOCK}. COPY-only rows permit reads
// (LOCK=SHARED) but no writes.
constexpr DdlSupport Instant(int major, int minor, int patch, bool rebuilds_inplace) {
  return {{major, minor, patch}, true, rebuilds_inplace, NONE};
}
constexpr DdlSupport Inplace(bool rebuilds, DdlLock lock = NONE) { return {{0, 0, 0}, true, rebuilds, lock}; }
constexpr DdlSupport CopyOnly() { return {{0, 0, 0}, false, true, SHARED}; }

}  // namespace

// The online DDL tables. Sources (checked for this table):
//   MySQL 8.0 / 8.4 Reference Manual, 17.12.1 "Online DDL Operations": Index, Primary Key, Column,
//     Generated Column, Foreign Key and Table Operations tables and their usage notes;
//     MySQL 8.0.29 release notes (INSTANT ADD/DROP COLUMN anywhere, 64 row versions).
//   MariaDB Knowledge Base, "InnoDB Online DDL Operations with the INSTANT / NOCOPY / INPLACE Alter
//     Algorithm" (MariaDB 10.3–10.11); MariaDB's NOCOPY is reported as INPLACE without rebuild.
// Where a vendor table has no row (CHECK constraints, ORDER BY, engine changes) the row says so.
const std::vector<OnlineDdlRow>& OnlineDdlTable() {
  static const std::vector<OnlineDdlRow> kTable = {
      // ---- Column operations ----
      {DdlOp::kAddColumn, "Adding a column", Instant(8, 0, 12, true), Instant(10, 3, 2, true),
       "INSTANT appends the column (MySQL 8.0.12+, MariaDB 10.3.2+); ALGORITHM=INPLACE rebuilds the table"},
      {DdlOp::kAddColumnPositioned, "Adding a column with FIRST or AFTER", Instant(8, 0, 29, true),
       Instant(10, 4, 0, true), "INSTANT anywhere in the row needs MySQL 8.0.29+ or MariaDB 10.4+"},
      {DdlOp::kAddColumnNotInstant, "Adding a column that INSTANT cannot add", Inplace(true), Inplace(true),
       "not INSTANT: an expression DEFAULT (MySQL) or a per-row DEFAULT (MariaDB), or a table with a "
       "FULLTEXT index"},
      {DdlOp::kAddAutoIncrementColumn, "Adding an AUTO_INCREMENT column", Inplace(true, SHARED),
       Inplace(true, SHARED),
       "concurrent DML is not permitted: at a minimum ALGORITHM=INPLACE, LOCK=SHARED"},
      {DdlOp::kDropColumn, "Dropping a column", Instant(8, 0, 29, true), Instant(10, 4, 0, true),
       "INSTANT since MySQL 8.0.29 and MariaDB 10.4; before, INPLACE rebuilds the table"},
      {DdlOp::kRenameColumn, "Renaming a column", Instant(8, 0, 28, false), Instant(10, 3, 0, false),
       "INSTANT since MySQL 8.0.28"},
      {DdlOp::kReorderColumn, "Reordering columns", Inplace(true), Instant(10, 4, 0, true),
       "MySQL rebuilds the table; MariaDB 10.4+ reorders instantly"},
      {DdlOp::kSetDefault, "Setting a column default value", Instant(8, 0, 12, false), Instant(10, 3, 0, false), ""},
      {DdlOp::kDropDefault, "Dropping the column default value", Instant(8, 0, 12, false),
       Instant(10, 3, 0, false), ""},
      {DdlOp::kChangeType, "Changing the column data type", CopyOnly(), CopyOnly(),
       "only ALGORITHM=COPY: the table is copied and concurrent DML is not permitted"},
      {DdlOp::kExtendVarchar, "Extending VARCHAR column size", Inplace(false), Instant(10, 3, 0, false),
       "in place only while the number of length bytes stays the same (up to 255 bytes: 1; 256 or more: 2)"},
      {DdlOp::kModifyEnumSet, "Modifying the definition of an ENUM or SET column", Instant(8, 0, 12, false),
       Instant(10, 3, 0, false), "members appended at the end, storage size unchanged"},
      {DdlOp::kMakeNullable, "Making a column NULL", Inplace(true), Inplace(true),
       "rebuilds the table (MariaDB: INSTANT only with ROW_FORMAT=REDUNDANT)"},
      {DdlOp::kMakeNotNull, "Making a column NOT NULL", Inplace(true), Inplace(true),
       "rebuilds the table; needs strict SQL mode and fails if the column holds NULLs"},
      {DdlOp::kColumnMetadata, "Changing column metadata only (COMMENT …)", Inplace(false), Inplace(false), ""},
      {DdlOp::kChangeAutoIncrementValue, "Changing the auto-increment value", Inplace(false), Inplace(false), ""},
      // ---- Generated column operations ----
      {DdlOp::kAddStoredColumn, "Adding a STORED column", CopyOnly(), CopyOnly(),
       "only ALGORITHM=COPY: every row's value is computed while the table is copied"},
      {DdlOp::kAddVirtualColumn, "Adding a VIRTUAL column", Instant(8, 0, 12, false), Inplace(false), ""},
      // ---- Index operations ----
      {DdlOp::kAddIndex, "Creating or adding a secondary index", Inplace(false), Inplace(false),
       "reads and writes go on while the index is built (MariaDB: ALGORITHM=NOCOPY)"},
      {DdlOp::kDropIndex, "Dropping an index", Inplace(false), Inplace(false), ""},
      {DdlOp::kAddFulltextIndex, "Adding a FULLTEXT index", Inplace(true, SHARED), Inplace(true, SHARED),
       "LOCK=SHARED: writes wait for the whole build; the first FULLTEXT index rebuilds the table (it adds "
       "the hidden FTS_DOC_ID column)"},
      {DdlOp::kAddSpatialIndex, "Adding a SPATIAL index", Inplace(false, SHARED), Inplace(false, SHARED),
       "LOCK=SHARED: writes wait for the whole build"},
      // ---- Primary key operations ----
      {DdlOp::kAddPrimaryKey, "Adding a primary key", Inplace(true), Inplace(true), "rebuilds the table"},
      {DdlOp::kDropPrimaryKey, "Dropping a primary key", CopyOnly(), CopyOnly(),
       "only ALGORITHM=COPY, unless a new primary key is added in the same ALTER TABLE"},
      {DdlOp::kReplacePrimaryKey, "Dropping a primary key and adding another", Inplace(true), Inplace(true),
       "rebuilds the table"},
      // ---- Foreign key and CHECK constraint operations ----
      {DdlOp::kAddForeignKey, "Adding a foreign key constraint (foreign_key_checks=0)", Inplace(false),
       Inplace(false), "INPLACE only while foreign_key_checks is disabled; existing rows are not checked"},
      {DdlOp::kAddForeignKeyChecked, "Adding a foreign key constraint (foreign_key_checks=1)", CopyOnly(),
       CopyOnly(), "with foreign_key_checks enabled only the COPY algorithm is supported"},
      {DdlOp::kDropForeignKey, "Dropping a foreign key constraint", Inplace(false), Inplace(false), ""},
      {DdlOp::kAddCheck, "Adding a CHECK constraint", CopyOnly(), CopyOnly(),
       "not in the vendor tables: the server checks every row while copying the table"},
      {DdlOp::kDropCheck, "Dropping a CHECK constraint", Inplace(false), Instant(10, 3, 0, false), ""},
      // ---- Table operations ----
      {DdlOp::kRowFormat, "Changing the ROW_FORMAT", Inplace(true), Inplace(true), "rebuilds the table"},
      {DdlOp::kKeyBlockSize, "Changing the KEY_BLOCK_SIZE", Inplace(true), Inplace(true), "rebuilds the table"},
      {DdlOp::kTableStats, "Setting persistent table statistics", Inplace(false), Inplace(false), ""},
      {DdlOp::kDefaultCharset, "Specifying a character set", Inplace(true), Inplace(true),
       "rebuilds the table if the new character encoding is different (so says the table; MySQL bug "
       "#114221 reports it does not)"},
      {DdlOp::kConvertCharset, "Converting a character set", CopyOnly(), CopyOnly(),
       "only ALGORITHM=COPY: every text column is rewritten while the table is copied"},
      {DdlOp::kForceRebuild, "Rebuilding with the FORCE option", Inplace(true), Inplace(true),
       "OPTIMIZE TABLE does the same on InnoDB"},
      {DdlOp::kNullRebuild, "Performing a null rebuild (ENGINE=InnoDB)", Inplace(true), Inplace(true), ""},
      {DdlOp::kRebuildWithFulltext, "Rebuilding a table that has a FULLTEXT index", CopyOnly(), Inplace(true),
       "MySQL: in-place rebuild is not supported for tables with FULLTEXT indexes; COPY is used"},
      {DdlOp::kChangeEngine, "Changing the storage engine", CopyOnly(), CopyOnly(),
       "not in the vendor tables: a change of engine always copies the table"},
      {DdlOp::kEncryption, "Enabling or disabling file-per-table tablespace encryption", CopyOnly(), CopyOnly(), ""},
      {DdlOp::kOrderBy, "ALTER TABLE … ORDER BY", CopyOnly(), CopyOnly(),
       "not in the vendor tables: ORDER BY can only be done by copying the table"},
      {DdlOp::kTableMetadata, "Changing a table option kept in the data dictionary (COMMENT, COLLATE …)",
       Inplace(false), Inplace(false), ""},
      {DdlOp::kRenameTable, "Renaming a table", Instant(8, 0, 12, false), Instant(10, 3, 0, false), ""},
  };
  return kTable;
}

const OnlineDdlRow& OnlineDdlRowFor(DdlOp op) {
  const auto& table = OnlineDdlTable();
  for (const OnlineDdlRow& row : table) {
    if (row.op == op) return row;
  }
  return table.front();  // unreachable: every DdlOp has a row (tested)
}

namespace {

std::string Lower(std::string_view s) { return ToLower(s); }

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

// "'InnoDB'" / "`InnoDB`" / InnoDB → innodb.
std::string OptionValue(std::string_view v) {
  std::string s(Trim(v));
  if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"' || s.front() == '`') && s.back() == s.front()) {
    s = s.substr(1, s.size() - 2);
  }
  return Lower(s);
}

bool IsOff(std::string_view value) {
  std::string v = OptionValue(value);
  return v == "0" || v == "off" || v == "false";
}

bool HasFulltextIndex(const Schema& schema, const std::string& table) {
  for (const Index* index : schema.IndexesOn(table)) {
    if (Lower(index->kind) == "fulltext") return true;
  }
  return false;
}

bool IsPrimaryKeyColumn(const Table& table, const std::string& column) {
  const Constraint* pk = table.PrimaryKey();
  return pk && std::find(pk->def.columns.begin(), pk->def.columns.end(), column) != pk->def.columns.end();
}

std::string DefaultText(const std::optional<Expr>& e) {
  if (!e || e->is_null) return "";
  return e->text;
}

class Predictor {
 public:
  Predictor(const std::vector<Change>& changes, const OnlineDdlContext& ctx) : changes_(changes), ctx_(ctx) {
    for (const Change& c : changes) {
      if (const auto* rc = std::get_if<RenameColumn>(&c)) renamed_from_[rc->new_name] = rc->column;
      if (const auto* dc = std::get_if<DropConstraint>(&c); dc && Upper(dc->name) == "PRIMARY") drops_pk_ = true;
      if (const auto* di = std::get_if<DropIndex>(&c); di && Upper(di->index) == "PRIMARY") drops_pk_ = true;
      if (const auto* ac = std::get_if<AddConstraint>(&c); ac && ac->constraint.kind == ConstraintKind::kPrimaryKey) {
        adds_pk_ = true;
      }
      if (const auto* ad = std::get_if<AddColumn>(&c); ad && ad->column.primary_key) adds_pk_ = true;
    }
  }

  std::optional<OnlineDdlPrediction> Run() {
    bool creates_table = false;
    for (const Change& c : changes_) {
      if (std::holds_alternative<CreateTable>(c)) creates_table = true;
      std::visit([this](const auto& x) { Visit(x); }, c);
    }
    if (creates_table) return std::nullopt;
    if (actions_.empty()) {
      // A bare ALTER TABLE t ALGORITHM=COPY copies the table all the same.
      if (Upper(clause_.algorithm) != "COPY" || table_.empty()) return std::nullopt;
      Add(DdlOp::kForceRebuild, table_, "ALTER TABLE " + table_ + " ALGORITHM=COPY", "");
    }
    return Combine();
  }

 private:
  // `rebuild_override` replaces the row's INPLACE rebuild; `no_instant` rules INSTANT out (`why` says why).
  void Add(DdlOp op, const std::string& table, std::string what, std::string why,
           std::optional<bool> rebuild_override = std::nullopt, bool no_instant = false) {
    const OnlineDdlRow& row = OnlineDdlRowFor(op);
    const DdlSupport& s = ctx_.version.is_mariadb() ? row.mariadb : row.mysql;
    DdlAction a;
    a.op = op;
    a.table = table;
    a.what = std::move(what);
    a.why = std::move(why);
    const bool instant = !no_instant && s.instant_since[0] != 0 &&
                         ctx_.version.AtLeast(s.instant_since[0], s.instant_since[1], s.instant_since[2]);
    a.inplace = s.inplace;
    a.inplace_rebuilds = rebuild_override.value_or(s.rebuilds);
    if (instant) {
      a.algorithm = DdlAlgorithm::kInstant;
      a.lock = DdlLock::kNone;
      a.rebuilds = false;
    } else if (s.inplace) {
      a.algorithm = DdlAlgorithm::kInplace;
      a.lock = s.lock;
      a.rebuilds = a.inplace_rebuilds;
    } else {
      a.algorithm = DdlAlgorithm::kCopy;
      a.lock = std::max(s.lock, DdlLock::kShared);
      a.rebuilds = true;
    }
    actions_.push_back(std::move(a));
  }

  const Table* FindTable(const std::string& table) const { return ctx_.schema.FindTable(table); }

  void Visit(const AddColumn& c) {
    table_ = c.table;
    const ColumnDef& col = c.column;
    const std::string what = Describe(Change{c});
    if (col.generated == Generated::kStored) {
      Add(DdlOp::kAddStoredColumn, c.table, what, "");
    } else if (col.generated == Generated::kVirtual) {
      Add(DdlOp::kAddVirtualColumn, c.table, what, "");
    } else if (col.auto_increment) {
      Add(DdlOp::kAddAutoIncrementColumn, c.table, what, "");
    } else {
      const std::string default_text = DefaultText(col.default_value);
      std::string not_instant;
      if (HasFulltextIndex(ctx_.schema, c.table)) {
        not_instant = c.table + " has a FULLTEXT index";
      } else if (!ctx_.version.is_mariadb() && StartsWith(default_text, "(")) {
        not_instant = "its DEFAULT " + default_text + " is an expression";
      } else if (ctx_.version.is_mariadb() && col.default_value &&
                 col.default_value->volatility == Volatility::kVolatile) {
        not_instant = "its DEFAULT " + default_text + " is evaluated for every row";
      }
      if (!not_instant.empty()) {
        Add(DdlOp::kAddColumnNotInstant, c.table, what, "INSTANT cannot add it: " + not_instant);
      } else if (!col.position.empty()) {
        Add(DdlOp::kAddColumnPositioned, c.table, what + " " + col.position, "");
      } else {
        Add(DdlOp::kAddColumn, c.table, what, "");
      }
    }
    if (col.primary_key) {
      Add(drops_pk_ ? DdlOp::kReplacePrimaryKey : DdlOp::kAddPrimaryKey, c.table, what + " PRIMARY KEY", "");
    } else if (col.unique) {
      Add(DdlOp::kAddIndex, c.table, what + " UNIQUE", "the UNIQUE index is built like a secondary index");
    }
    // MySQL before 9.0 and MariaDB parse an inline REFERENCES and ignore it.
    if (col.references && !ctx_.version.is_mariadb() && ctx_.version.AtLeast(9, 0)) {
      AddForeignKey(c.table, what + " REFERENCES " + col.references->table);
    }
    for (const ConstraintDef& check : col.checks) {
      Add(DdlOp::kAddCheck, c.table, what + " CHECK (" + check.check_text + ")", "");
    }
  }

  void AddForeignKey(const std::string& table, std::string what) {
    if (ctx_.session.foreign_key_checks) {
      Add(DdlOp::kAddForeignKeyChecked, table, std::move(what), "foreign_key_checks is on");
    } else {
      Add(DdlOp::kAddForeignKey, table, std::move(what), "SET foreign_key_checks = 0 earlier in the file");
    }
  }

  void Visit(const DropColumn& c) {
    table_ = c.table;
    if (HasFulltextIndex(ctx_.schema, c.table)) {
      Add(DdlOp::kDropColumn, c.table, Describe(Change{c}), "INSTANT cannot drop it: " + c.table +
          " has a FULLTEXT index", std::nullopt, /*no_instant=*/true);
    } else {
      Add(DdlOp::kDropColumn, c.table, Describe(Change{c}), "");
    }
  }

  void Visit(const RenameColumn& c) {
    table_ = c.table;
    Add(DdlOp::kRenameColumn, c.table, Describe(Change{c}), "");
  }

  void Visit(const ModifyColumn& m) {
    table_ = m.table;
    const ColumnDef& def = m.definition;
    const std::string what = Describe(Change{m});
    auto renamed = renamed_from_.find(m.column);
    const std::string old_name = renamed == renamed_from_.end() ? m.column : renamed->second;
    const Table* table = FindTable(m.table);
    const Column* old = table ? table->FindColumn(old_name) : nullptr;
    if (def.generated != Generated::kNone) {
      Add(DdlOp::kChangeType, m.table, what, "it makes the column a generated column");
      return;
    }
    if (old == nullptr) {
      Add(DdlOp::kChangeType, m.table, what,
          "the earlier migrations do not show " + m.table + "." + old_name + "'s current definition, so a type "
          "change cannot be ruled out");
      return;
    }
    const size_t before = actions_.size();
    if (!(old->type == def.type)) {
      const bool safe = IsSafeMysqlTypeChange(old->type, def.type, def.charset);
      const bool enum_like = def.type.name == "enum" || def.type.name == "set";
      if (safe && enum_like) {
        Add(DdlOp::kModifyEnumSet, m.table, what, "");
      } else if (safe) {
        Add(DdlOp::kExtendVarchar, m.table, what, "");
      } else {
        Add(DdlOp::kChangeType, m.table, what, "from " + old->type.ToString() + " to " + def.type.ToString());
      }
    }
    const bool new_not_null = def.not_null || def.primary_key || IsPrimaryKeyColumn(*table, old_name);
    if (old->not_null && !new_not_null) Add(DdlOp::kMakeNullable, m.table, what + " NULL", "");
    if (!old->not_null && new_not_null) Add(DdlOp::kMakeNotNull, m.table, what + " NOT NULL", "");
    const std::string old_default = DefaultText(old->default_value), new_default = DefaultText(def.default_value);
    if (old_default != new_default) {
      Add(new_default.empty() ? DdlOp::kDropDefault : DdlOp::kSetDefault, m.table, what, "");
    }
    if (!def.position.empty()) Add(DdlOp::kReorderColumn, m.table, what + " " + def.position, "");
    // Nothing the row format sees changed: a rename (CHANGE) is its RenameColumn action alone.
    if (actions_.size() == before && renamed == renamed_from_.end()) Add(DdlOp::kColumnMetadata, m.table, what, "");
  }

  void Visit(const AlterColumnType& c) {
    table_ = c.table;
    const Table* table = FindTable(c.table);
    const Column* old = table ? table->FindColumn(c.column) : nullptr;
    const bool safe = old && IsSafeMysqlTypeChange(old->type, c.type, "");
    Add(safe ? DdlOp::kExtendVarchar : DdlOp::kChangeType, c.table, Describe(Change{c}), "");
  }
  void Visit(const SetNotNull& c) { table_ = c.table; Add(DdlOp::kMakeNotNull, c.table, Describe(Change{c}), ""); }
  void Visit(const DropNotNull& c) { table_ = c.table; Add(DdlOp::kMakeNullable, c.table, Describe(Change{c}), ""); }
  void Visit(const SetDefault& c) { table_ = c.table; Add(DdlOp::kSetDefault, c.table, Describe(Change{c}), ""); }
  void Visit(const DropDefault& c) { table_ = c.table; Add(DdlOp::kDropDefault, c.table, Describe(Change{c}), ""); }

  void Visit(const AddConstraint& c) {
    table_ = c.table;
    const std::string what = Describe(Change{c});
    switch (c.constraint.kind) {
      case ConstraintKind::kPrimaryKey:
        Add(drops_pk_ ? DdlOp::kReplacePrimaryKey : DdlOp::kAddPrimaryKey, c.table, what, "");
        break;
      case ConstraintKind::kForeignKey:
        AddForeignKey(c.table, what);
        break;
      case ConstraintKind::kCheck:
        Add(DdlOp::kAddCheck, c.table, what, "");
        break;
      case ConstraintKind::kUnique:
        Add(DdlOp::kAddIndex, c.table, what, "");
        break;
      case ConstraintKind::kExclusion:
        break;
    }
  }

  void Visit(const DropConstraint& c) {
    table_ = c.table;
    if (Upper(c.name) == "PRIMARY") {
      if (!adds_pk_) Add(DdlOp::kDropPrimaryKey, c.table, "ALTER TABLE " + c.table + " DROP PRIMARY KEY", "");
      return;
    }
    DdlOp op = DdlOp::kDropForeignKey;  // unknown constraint: dropping either kind is metadata only
    const Table* table = FindTable(c.table);
    if (const Constraint* k = table ? table->FindConstraint(c.name) : nullptr) {
      if (k->def.kind == ConstraintKind::kCheck) op = DdlOp::kDropCheck;
      if (k->def.kind == ConstraintKind::kUnique) op = DdlOp::kDropIndex;
    }
    Add(op, c.table, Describe(Change{c}), "");
  }

  void Visit(const CreateIndex& c) {
    table_ = c.table;
    const std::string what = Describe(Change{c});
    const std::string kind = Upper(c.kind);
    if (kind == "FULLTEXT") {
      const bool has_one = HasFulltextIndex(ctx_.schema, c.table);
      Add(DdlOp::kAddFulltextIndex, c.table, what,
          has_one ? c.table + " already has a FULLTEXT index, so this one does not rebuild the table" : "",
          has_one ? std::optional<bool>(false) : std::nullopt);
    } else if (kind == "SPATIAL") {
      Add(DdlOp::kAddSpatialIndex, c.table, what, "");
    } else {
      Add(DdlOp::kAddIndex, c.table, what, "");
    }
  }

  void Visit(const DropIndex& c) {
    std::string table = c.table;
    if (table.empty()) {
      if (const Index* index = ctx_.schema.FindIndex(c.index)) table = index->table;
    }
    table_ = table;
    if (Upper(c.index) == "PRIMARY") {
      if (!adds_pk_) Add(DdlOp::kDropPrimaryKey, table, Describe(Change{c}), "");
      return;
    }
    Add(DdlOp::kDropIndex, table, Describe(Change{c}), "");
  }

  void Visit(const ConvertCharset& c) {
    table_ = c.table;
    Add(DdlOp::kConvertCharset, c.table, Describe(Change{c}), "");
  }

  void Visit(const TableOption& c) {
    table_ = c.table;
    const std::string name = Upper(c.name);
    const std::string value = OptionValue(c.value);
    const std::string what = Describe(Change{c});
    const bool mysql_fulltext = !ctx_.version.is_mariadb() && HasFulltextIndex(ctx_.schema, c.table);
    if (name == "ENGINE") {
      if (value != "innodb") {
        Add(DdlOp::kChangeEngine, c.table, what, "");
      } else if (mysql_fulltext) {
        Add(DdlOp::kRebuildWithFulltext, c.table, what, c.table + " has a FULLTEXT index");
      } else {
        Add(DdlOp::kNullRebuild, c.table, what, "");
      }
    } else if (name == "FORCE") {
      const std::string force_what = "ALTER TABLE " + c.table + " FORCE";
      if (mysql_fulltext) Add(DdlOp::kRebuildWithFulltext, c.table, force_what, c.table + " has a FULLTEXT index");
      else Add(DdlOp::kForceRebuild, c.table, force_what, "");
    } else if (name == "ROW_FORMAT") {
      Add(DdlOp::kRowFormat, c.table, what, "");
    } else if (name == "KEY_BLOCK_SIZE") {
      Add(DdlOp::kKeyBlockSize, c.table, what, "");
    } else if (name == "TABLESPACE" || name == "COMPRESSION" || name == "PAGE_COMPRESSED" ||
               name == "PAGE_COMPRESSION_LEVEL") {
      Add(DdlOp::kRowFormat, c.table, what, c.name + " rewrites every page, like a ROW_FORMAT change");
    } else if (StartsWith(name, "STATS_")) {
      Add(DdlOp::kTableStats, c.table, what, "");
    } else if (name == "DEFAULT CHARSET") {
      Add(DdlOp::kDefaultCharset, c.table, what, "");
    } else if (name == "AUTO_INCREMENT") {
      Add(DdlOp::kChangeAutoIncrementValue, c.table, what, "");
    } else if (name == "ENCRYPTION" || name == "ENCRYPTED") {
      Add(DdlOp::kEncryption, c.table, what, "");
    } else if (name == "ORDER BY") {
      Add(DdlOp::kOrderBy, c.table, "ALTER TABLE " + c.table + " ORDER BY " + c.value, "");
    } else if (name == "WITH SYSTEM VERSIONING") {
      Add(DdlOp::kChangeEngine, c.table, what, "adding system versioning copies the table");
    } else {
      Add(DdlOp::kTableMetadata, c.table, what, "");
    }
  }

  void Visit(const RenameTable& c) {
    if (c.view) return;
    table_ = c.table;
    Add(DdlOp::kRenameTable, c.table, "RENAME TABLE " + c.table + " TO " + c.new_name, "");
  }

  void Visit(const OnlineDdlClause& c) {
    if (!c.algorithm.empty()) clause_.algorithm = Upper(c.algorithm);
    if (!c.lock.empty()) clause_.lock = Upper(c.lock);
  }

  template <typename T>
  void Visit(const T&) {}

  std::string On() const { return " on " + ctx_.version.DisplayName(); }

  // The lock and rebuild of the statement when it runs with `algorithm`.
  std::pair<DdlLock, bool> LockAndRebuild(DdlAlgorithm algorithm, bool nocopy) const {
    DdlLock lock = DdlLock::kNone;
    bool rebuilds = false;
    switch (algorithm) {
      case DdlAlgorithm::kInstant:
        break;
      case DdlAlgorithm::kInplace:
        // MySQL runs every action INPLACE, instant-capable ones included (an ADD COLUMN then
        // rebuilds the table); MariaDB still does those instantly. Every INSTANT row permits
        // LOCK=NONE when run INPLACE.
        for (const DdlAction& a : actions_) {
          if (a.algorithm == DdlAlgorithm::kInstant && ctx_.version.is_mariadb()) continue;
          lock = std::max(lock, a.lock);
          rebuilds = rebuilds || a.inplace_rebuilds;
        }
        if (nocopy) rebuilds = false;
        break;
      case DdlAlgorithm::kCopy:
        lock = DdlLock::kShared;
        for (const DdlAction& a : actions_) lock = std::max(lock, a.lock);
        rebuilds = true;
        break;
    }
    return {lock, rebuilds};
  }

  OnlineDdlPrediction Combine() {
    OnlineDdlPrediction p;
    p.actions = actions_;
    // The algorithm the server picks by itself: the weakest one every action supports.
    DdlAlgorithm natural = DdlAlgorithm::kInstant;
    for (const DdlAction& a : actions_) natural = std::max(natural, a.algorithm);

    std::string requested = clause_.algorithm;
    if ((requested.empty() || requested == "DEFAULT") && ctx_.version.is_mariadb()) {
      requested = Upper(ctx_.session.alter_algorithm);  // MariaDB SET alter_algorithm
    }
    if (requested == "DEFAULT") requested.clear();
    p.requested_algorithm = requested;
    p.requested_lock = clause_.lock == "DEFAULT" ? "" : clause_.lock;

    DdlAlgorithm algorithm = natural;
    auto refuse = [&](std::string why) {
      p.refused = true;
      p.refusal = std::move(why);
    };
    if (requested == "INSTANT") {
      for (const DdlAction& a : actions_) {
        if (a.algorithm != DdlAlgorithm::kInstant) {
          refuse("ALGORITHM=INSTANT is not supported for " + a.what + On() + " (" +
                 std::string(OnlineDdlRowFor(a.op).operation) + ": " + DdlAlgorithmName(a.algorithm) + " at best)");
          break;
        }
      }
    } else if (requested == "INPLACE" || requested == "NOCOPY") {
      for (const DdlAction& a : actions_) {
        if (!a.inplace && a.algorithm != DdlAlgorithm::kInstant) {
          refuse("ALGORITHM=" + requested + " is not supported for " + a.what + On() + ": " +
                 std::string(OnlineDdlRowFor(a.op).operation) + " needs ALGORITHM=COPY");
          break;
        }
        if (requested == "NOCOPY" && a.algorithm != DdlAlgorithm::kInstant && a.inplace_rebuilds) {
          refuse("ALGORITHM=NOCOPY is not supported for " + a.what + On() + ": it rebuilds the table");
          break;
        }
      }
      // MySQL runs exactly INPLACE; MariaDB takes ALGORITHM as the least efficient one allowed.
      if (!ctx_.version.is_mariadb()) algorithm = DdlAlgorithm::kInplace;
      else algorithm = std::min(natural, DdlAlgorithm::kInplace);
    } else if (requested == "COPY") {
      algorithm = DdlAlgorithm::kCopy;
    }

    auto [lock, rebuilds] = LockAndRebuild(algorithm, requested == "NOCOPY");
    p.natural_algorithm = natural;
    p.natural_lock = LockAndRebuild(natural, false).first;

    if (!p.requested_lock.empty() && !p.refused) {
      DdlLock wanted = p.requested_lock == "NONE"     ? DdlLock::kNone
                       : p.requested_lock == "SHARED" ? DdlLock::kShared
                                                      : DdlLock::kExclusive;
      if (wanted < lock) {
        const DdlAction* culprit = nullptr;
        for (const DdlAction& a : actions_) {
          if (algorithm == DdlAlgorithm::kCopy || a.lock > wanted) {
            culprit = &a;
            break;
          }
        }
        std::string what = culprit ? culprit->what : "this statement";
        refuse("LOCK=" + p.requested_lock + " is not supported for " + what + On() + ": with ALGORITHM=" +
               DdlAlgorithmName(algorithm) + " it needs LOCK=" + DdlLockName(lock));
      } else {
        lock = wanted;
      }
    }
    p.algorithm = algorithm;
    p.lock = lock;
    p.rebuilds = rebuilds;
    return p;
  }

  const std::vector<Change>& changes_;
  const OnlineDdlContext& ctx_;
  std::map<std::string, std::string> renamed_from_;  // new column name → old, from CHANGE
  bool drops_pk_ = false;
  bool adds_pk_ = false;
  std::string table_;
  OnlineDdlClause clause_;
  std::vector<DdlAction> actions_;
};

}  // namespace

void UpdateMysqlSession(const Change& change, MysqlSession* session) {
  const auto* set = std::get_if<SetVariable>(&change);
  if (set == nullptr || set->global) return;  // SET GLOBAL does not change the current session
  const std::string name = Lower(set->name);
  if (name == "foreign_key_checks") {
    session->foreign_key_checks = !IsOff(set->value);
  } else if (name == "alter_algorithm") {
    session->alter_algorithm = Upper(OptionValue(set->value));
  }
}

std::optional<OnlineDdlPrediction> PredictOnlineDdl(const std::vector<Change>& changes,
                                                     const OnlineDdlContext& ctx) {
  return Predictor(changes, ctx).Run();
}

int MysqlBytesPerChar(std::string_view charset) {
  const std::string cs = Lower(charset);
  if (cs.empty() || cs == "utf8mb4" || cs == "utf16" || cs == "utf16le" || cs == "utf32") return 4;
  if (cs == "utf8" || cs == "utf8mb3" || cs == "ujis" || cs == "eucjpms") return 3;
  if (cs == "ucs2" || cs == "big5" || cs == "gbk" || cs == "sjis" || cs == "cp932" || cs == "euckr" ||
      cs == "gb2312") {
    return 2;
  }
  if (cs == "gb18030") return 4;
  if (cs == "latin1" || cs == "latin2" || cs == "latin5" || cs == "latin7" || cs == "ascii" || cs == "binary" ||
      cs == "cp1250" || cs == "cp1251" || cs == "cp1256" || cs == "cp1257" || cs == "cp850" || cs == "cp852" ||
      cs == "cp866" || cs == "greek" || cs == "hebrew" || cs == "koi8r" || cs == "koi8u" || cs == "tis620" ||
      cs == "swe7" || cs == "armscii8" || cs == "dec8" || cs == "hp8" || cs == "keybcs2" || cs == "macce" ||
      cs == "macroman" || cs == "geostd8") {
    return 1;
  }
  return 4;
}

}  // namespace migrate
