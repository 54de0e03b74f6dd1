#include "rewrite/sync_triggers.h"

#include <cstdint>
#include <cstdio>

#include "sql/quote.h"

namespace migrate {
namespace {

// "{}" in `pattern` replaced by `value`.
std::string Convert(const std::string& pattern, const std::string& value) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.compare(i, 2, "{}") == 0) {
      out += value;
      ++i;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

uint32_t Fnv1a(const std::string& s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

// The schema part of a qualified table name, quoted and followed by '.', or "".
std::string SchemaPrefix(Dialect d, const std::string& table) {
  std::vector<std::string> parts = SplitQualifiedName(table);
  std::string prefix;
  for (size_t i = 0; i + 1 < parts.size(); ++i) prefix += QuoteIdentifier(d, parts[i]) + ".";
  return prefix;
}

std::string Postgres(const SyncPair& p, std::string* function) {
  const Dialect d = Dialect::kPostgres;
  const std::string o = QuoteIdentifier(d, p.old_column), n = QuoteIdentifier(d, p.new_column);
  *function = SchemaPrefix(d, p.table) + QuoteIdentifier(d, SyncTriggerName(p));
  return "CREATE OR REPLACE FUNCTION " + *function +
         "() RETURNS trigger LANGUAGE plpgsql AS $migrate$\n"
         "BEGIN\n"
         "  IF TG_OP = 'INSERT' THEN\n"
         "    IF NEW." + n + " IS NULL THEN\n"
         "      NEW." + n + " := " + Convert(p.to_new, "NEW." + o) + ";\n"
         "    ELSE\n"
         "      NEW." + o + " := " + Convert(p.to_old, "NEW." + n) + ";\n"
         "    END IF;\n"
         "  ELSIF NEW." + o + " IS DISTINCT FROM OLD." + o + " AND NEW." + n + " IS NOT DISTINCT FROM OLD." + n + " THEN\n"
         "    NEW." + n + " := " + Convert(p.to_new, "NEW." + o) + ";\n"
         "  ELSIF NEW." + n + " IS DISTINCT FROM OLD." + n + " AND NEW." + o + " IS NOT DISTINCT FROM OLD." + o + " THEN\n"
         "    NEW." + o + " := " + Convert(p.to_old, "NEW." + n) + ";\n"
         "  ELSIF NEW." + n + " IS NULL AND OLD." + n + " IS NULL THEN\n"
         "    NEW." + n + " := " + Convert(p.to_new, "NEW." + o) + ";  -- a row the backfill has not reached yet\n"
         "  END IF;\n"
         "  RETURN NEW;\n"
         "END\n"
         "$migrate$";
}

}  // namespace

std::string SyncTriggerName(const SyncPair& pair) {
  std::string name = "migrate_sync_" + UnqualifiedName(pair.table) + "_" + pair.old_column + "_" + pair.new_column;
  if (name.size() <= 55) return name;
  char hash[16];
  std::snprintf(hash, sizeof(hash), "_%08x", Fnv1a(name));
  return name.substr(0, 46) + hash;
}

std::vector<std::string> CreateSyncTriggers(Dialect d, const SyncPair& p) {
  const std::string table = QuoteQualifiedName(d, p.table);
  const std::string base = SyncTriggerName(p);
  const std::string o = QuoteIdentifier(d, p.old_column), n = QuoteIdentifier(d, p.new_column);
  switch (d) {
    case Dialect::kPostgres: {
      std::string function;
      std::string create_function = Postgres(p, &function);
      return {create_function, "CREATE TRIGGER " + QuoteIdentifier(d, base) + " BEFORE INSERT OR UPDATE ON " + table +
                                   " FOR EACH ROW EXECUTE FUNCTION " + function + "()"};
    }
    case Dialect::kMysql: {
      const std::string prefix = SchemaPrefix(d, p.table);
      // One SET each; its assignments run left to right, so the second sees the first's result.
      return {"CREATE TRIGGER " + prefix + QuoteIdentifier(d, base + "_ins") + " BEFORE INSERT ON " + table +
                  " FOR EACH ROW SET NEW." + o + " = IF(NEW." + n + " IS NULL, NEW." + o + ", " +
                  Convert(p.to_old, "NEW." + n) + "), NEW." + n + " = COALESCE(NEW." + n + ", " +
                  Convert(p.to_new, "NEW." + o) + ")",
              "CREATE TRIGGER " + prefix + QuoteIdentifier(d, base + "_upd") + " BEFORE UPDATE ON " + table +
                  " FOR EACH ROW SET NEW." + n + " = IF((NOT (NEW." + o + " <=> OLD." + o + ") AND (NEW." + n +
                  " <=> OLD." + n + ")) OR (NEW." + n + " IS NULL AND OLD." + n + " IS NULL), " +
                  Convert(p.to_new, "NEW." + o) + ", NEW." + n + "), NEW." + o +
                  " = IF(NOT (NEW." + n + " <=> OLD." + n + ") AND (NEW." + o + " <=> OLD." + o + "), " +
                  Convert(p.to_old, "NEW." + n) + ", NEW." + o + ")"};
    }
    case Dialect::kSqlite: {
      const std::string prefix = SchemaPrefix(d, p.table);
      const std::string bare = QuoteIdentifier(d, UnqualifiedName(p.table));  // trigger bodies: unqualified
      // Each follow-up UPDATE matches no row when it would change nothing, so it fires nothing.
      return {
          "CREATE TRIGGER " + prefix + QuoteIdentifier(d, base + "_ins") + " AFTER INSERT ON " + table +
              " FOR EACH ROW WHEN NEW." + n + " IS NULL OR NEW." + o + " IS NOT " + Convert(p.to_old, "NEW." + n) +
              " BEGIN UPDATE " + bare + " SET " + n + " = COALESCE(NEW." + n + ", " + Convert(p.to_new, "NEW." + o) +
              "), " + o + " = CASE WHEN NEW." + n + " IS NULL THEN NEW." + o + " ELSE " + Convert(p.to_old, "NEW." + n) +
              " END WHERE rowid = NEW.rowid; END",
          "CREATE TRIGGER " + prefix + QuoteIdentifier(d, base + "_old") + " AFTER UPDATE OF " + o + " ON " + table +
              " FOR EACH ROW WHEN NEW." + o + " IS NOT OLD." + o + " AND NEW." + n + " IS OLD." + n + " BEGIN UPDATE " +
              bare + " SET " + n + " = " + Convert(p.to_new, "NEW." + o) + " WHERE rowid = NEW.rowid AND " + n +
              " IS NOT " + Convert(p.to_new, "NEW." + o) + "; END",
          "CREATE TRIGGER " + prefix + QuoteIdentifier(d, base + "_new") + " AFTER UPDATE OF " + n + " ON " + table +
              " FOR EACH ROW WHEN NEW." + n + " IS NOT OLD." + n + " AND NEW." + o + " IS OLD." + o + " BEGIN UPDATE " +
              bare + " SET " + o + " = " + Convert(p.to_old, "NEW." + n) + " WHERE rowid = NEW.rowid AND " + o +
              " IS NOT " + Convert(p.to_old, "NEW." + n) + "; END"};
    }
  }
  return {};
}

std::vector<std::string> DropSyncTriggers(Dialect d, const SyncPair& p) {
  const std::string base = SyncTriggerName(p);
  const std::string prefix = SchemaPrefix(d, p.table);
  switch (d) {
    case Dialect::kPostgres:
      return {"DROP TRIGGER IF EXISTS " + QuoteIdentifier(d, base) + " ON " + QuoteQualifiedName(d, p.table),
              "DROP FUNCTION IF EXISTS " + prefix + QuoteIdentifier(d, base) + "()"};
    case Dialect::kMysql:
      return {"DROP TRIGGER IF EXISTS " + prefix + QuoteIdentifier(d, base + "_ins"),
              "DROP TRIGGER IF EXISTS " + prefix + QuoteIdentifier(d, base + "_upd")};
    case Dialect::kSqlite:
      return {"DROP TRIGGER IF EXISTS " + prefix + QuoteIdentifier(d, base + "_ins"),
              "DROP TRIGGER IF EXISTS " + prefix + QuoteIdentifier(d, base + "_old"),
              "DROP TRIGGER IF EXISTS " + prefix + QuoteIdentifier(d, base + "_new")};
  }
  return {};
}

}  // namespace migrate
