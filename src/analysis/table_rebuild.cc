#include "analysis/table_rebuild.h"

#include <algorithm>

#include "base/strings.h"

namespace migrate {
namespace {

// SQLite compares identifiers without regard to case.
bool SameName(const std::string& a, const std::string& b) { return ToLower(a) == ToLower(b); }

SectionKind KindOf(const MigrationFile& file, size_t statement) {
  return file.sections[file.statements[statement].section].kind;
}

// The first change of type T in statement i that satisfies pred, or nullptr.
template <typename T, typename Pred>
const T* Match(const MigrationFile& file, size_t i, Pred pred) {
  for (const Change& c : file.statements[i].changes) {
    if (const T* t = std::get_if<T>(&c); t && pred(*t)) return t;
  }
  return nullptr;
}

// The last statement in [from, before) not yet part of a recipe with a matching change of type T.
template <typename T, typename Pred>
size_t FindBack(const MigrationFile& file, const std::vector<bool>& used, size_t from, size_t before, Pred pred) {
  for (size_t i = before; i-- > from;) {
    if (!used[i] && Match<T>(file, i, pred)) return i;
  }
  return kNoStep;
}

// The first statement in [from, to) not yet part of a recipe with a matching change of type T.
template <typename T, typename Pred>
size_t FindForward(const MigrationFile& file, const std::vector<bool>& used, size_t from, size_t to, Pred pred) {
  for (size_t i = from; i < to; ++i) {
    if (!used[i] && Match<T>(file, i, pred)) return i;
  }
  return kNoStep;
}

// A table created earlier in the expand section of `first` is new: nothing uses it yet.
bool IsNewTable(const MigrationFile& file, const std::string& table, size_t first) {
  const int section = file.statements[first].section;
  if (file.sections[section].kind != SectionKind::kExpand) return false;
  for (size_t i = first; i-- > 0 && file.statements[i].section == section;) {
    if (Match<CreateTable>(file, i, [&](const CreateTable& c) { return SameName(c.table, table); })) return true;
  }
  return false;
}

void Judge(const MigrationFile& file, TableRebuild* r) {
  std::vector<size_t> steps;
  for (size_t s : {r->create, r->fill, r->drop, r->rename}) {
    if (s != kNoStep) steps.push_back(s);
  }
  r->first = *std::min_element(steps.begin(), steps.end());
  r->first_statement = &file.statements[r->first];
  if (r->rename_first) {
    r->problem = "renames " + r->table + " away before its replacement exists";
    return;
  }
  const bool one_section = std::all_of(steps.begin(), steps.end(), [&](size_t s) {
    return file.statements[s].section == file.statements[r->first].section;
  });
  const bool swap_ok = KindOf(file, r->drop) == SectionKind::kContract &&
                       KindOf(file, r->rename) == SectionKind::kContract;
  const bool create_ok = r->create == kNoStep || KindOf(file, r->create) == SectionKind::kExpand;
  const bool fill_ok = r->fill == kNoStep ? r->create == kNoStep
                                          : r->fill != r->create && KindOf(file, r->fill) == SectionKind::kBackfill;
  r->online = swap_ok && create_ok && fill_ok;
  if (r->online) return;
  if (one_section) {
    r->problem = std::string("runs in one ") + SectionKindName(KindOf(file, r->first)) + " section";
    return;
  }
  std::vector<std::string> why;
  if (!create_ok) why.push_back("CREATE TABLE " + r->copy + " is not in an expand section");
  if (r->fill == kNoStep && r->create != kNoStep) {
    why.push_back("nothing copies the rows of " + r->table + " into " + r->copy);
  } else if (r->fill != kNoStep && r->fill == r->create) {
    why.push_back("CREATE TABLE " + r->copy + " … AS SELECT copies every row in one statement");
  } else if (!fill_ok) {
    why.push_back("the copy into " + r->copy + " is not in a backfill section");
  }
  if (!swap_ok) {
    why.push_back("the swap (DROP TABLE " + r->table + ", ALTER TABLE " + r->copy + " RENAME TO " + r->table +
                  ") is not in a contract section");
  }
  r->problem = "is not spread over expand, backfill and contract (" + Join(why, "; ") + ")";
}

}  // namespace

bool TableRebuild::HasStep(size_t statement) const {
  return statement != kNoStep &&
         (statement == create || statement == fill || statement == drop || statement == rename);
}

bool TableRebuild::Absorbs(std::string_view rule) {
  return rule == "rename-table" || rule == "contract-outside-contract-section" ||
         rule == "backfill-outside-backfill-section";
}

std::string TableRebuild::Steps() const {
  std::vector<std::pair<size_t, std::string>> steps;
  const std::string built = rename_first ? table : copy;
  const std::string old = rename_first ? copy : table;
  if (create != kNoStep) steps.push_back({create, "CREATE TABLE " + built});
  if (fill != kNoStep && fill != create) steps.push_back({fill, "INSERT INTO " + built + " … SELECT"});
  if (drop != kNoStep) steps.push_back({drop, "DROP TABLE " + old});
  if (rename != kNoStep) {
    steps.push_back({rename, rename_first ? "ALTER TABLE " + table + " RENAME TO " + copy
                                          : "ALTER TABLE " + copy + " RENAME TO " + table});
  }
  std::sort(steps.begin(), steps.end());
  std::vector<std::string> out;
  for (auto& [_, text] : steps) out.push_back(std::move(text));
  return Join(out, "; ");
}

std::vector<TableRebuild> FindTableRebuilds(const MigrationFile& file) {
  std::vector<TableRebuild> out;
  const size_t n = file.statements.size();
  std::vector<bool> used(n, false);
  for (size_t k = 0; k < n; ++k) {
    if (used[k]) continue;
    const RenameTable* rename = Match<RenameTable>(file, k, [](const RenameTable& r) { return !r.view; });
    if (rename == nullptr) continue;
    TableRebuild r;
    r.rename = k;
    // The recipe: CREATE TABLE new_x; INSERT INTO new_x SELECT …; DROP TABLE x; ALTER TABLE new_x RENAME TO x.
    r.table = rename->new_name;
    r.copy = rename->table;
    r.drop = FindBack<DropTable>(file, used, 0, k, [&](const DropTable& d) { return SameName(d.table, r.table); });
    if (r.drop != kNoStep) {
      r.create = FindBack<CreateTable>(file, used, 0, r.drop,
                                       [&](const CreateTable& c) { return SameName(c.table, r.copy); });
      if (r.create != kNoStep &&
          Match<CreateTable>(file, r.create, [](const CreateTable& c) { return c.as_select; })) {
        r.fill = r.create;
      } else {
        r.fill = FindBack<Dml>(file, used, r.create == kNoStep ? 0 : r.create + 1, r.drop, [&](const Dml& d) {
          return d.kind == DmlKind::kInsertSelect && SameName(d.table, r.copy);
        });
      }
    } else {
      // The variant that renames first: ALTER TABLE x RENAME TO old_x; CREATE TABLE x …;
      // INSERT INTO x SELECT … FROM old_x; DROP TABLE old_x.
      r = TableRebuild{};
      r.rename_first = true;
      r.rename = k;
      r.table = rename->table;
      r.copy = rename->new_name;
      r.create = FindForward<CreateTable>(file, used, k + 1, n,
                                          [&](const CreateTable& c) { return SameName(c.table, r.table); });
      if (r.create == kNoStep) continue;
      r.drop = FindForward<DropTable>(file, used, r.create + 1, n,
                                      [&](const DropTable& d) { return SameName(d.table, r.copy); });
      if (r.drop == kNoStep) continue;
      r.fill = FindForward<Dml>(file, used, r.create + 1, r.drop, [&](const Dml& d) {
        return d.kind == DmlKind::kInsertSelect && SameName(d.table, r.table);
      });
    }
    Judge(file, &r);
    if (IsNewTable(file, r.table, r.first)) continue;
    for (size_t s : {r.create, r.fill, r.drop, r.rename}) {
      if (s != kNoStep) used[s] = true;
    }
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](const TableRebuild& a, const TableRebuild& b) { return a.first < b.first; });
  return out;
}

}  // namespace migrate
