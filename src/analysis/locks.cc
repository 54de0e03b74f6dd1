#include "analysis/locks.h"

#include <array>

namespace migrate {
namespace {

// PostgreSQL table lock modes, weakest first.
enum PgLock { kNone, kAccessShare, kRowShare, kRowExclusive, kShareUpdateExclusive, kShare,
              kShareRowExclusive, kExclusive, kAccessExclusive };

constexpr std::array<const char*, 9> kPgLockNames = {
    "", "ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE",
    "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"};

PgLock PostgresLock(const Change& change) {
  return std::visit(
      [](const auto& c) -> PgLock {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, AddConstraint>) {
          // FOREIGN KEY takes SHARE ROW EXCLUSIVE on both tables; the rest ACCESS EXCLUSIVE.
          return c.constraint.kind == ConstraintKind::kForeignKey ? kShareRowExclusive : kAccessExclusive;
        } else if constexpr (std::is_same_v<T, ValidateConstraint>) {
          return kShareUpdateExclusive;
        } else if constexpr (std::is_same_v<T, CreateIndex>) {
          return c.concurrently ? kShareUpdateExclusive : kShare;
        } else if constexpr (std::is_same_v<T, DropIndex>) {
          return c.concurrently ? kShareUpdateExclusive : kAccessExclusive;
        } else if constexpr (std::is_same_v<T, Reindex>) {
          return c.concurrently ? kShareUpdateExclusive : kShare;
        } else if constexpr (std::is_same_v<T, Dml>) {
          return kRowExclusive;
        } else if constexpr (std::is_same_v<T, Vacuum>) {
          return c.full ? kAccessExclusive : kShareUpdateExclusive;
        } else if constexpr (std::is_same_v<T, LockTable>) {
          for (size_t i = 1; i < kPgLockNames.size(); ++i) {
            if (c.mode == kPgLockNames[i]) return static_cast<PgLock>(i);
          }
          return kAccessExclusive;
        } else if constexpr (std::is_same_v<T, DropTable> || std::is_same_v<T, RenameTable> ||
                             std::is_same_v<T, AddColumn> || std::is_same_v<T, DropColumn> ||
                             std::is_same_v<T, RenameColumn> || std::is_same_v<T, AlterColumnType> ||
                             std::is_same_v<T, SetNotNull> || std::is_same_v<T, DropNotNull> ||
                             std::is_same_v<T, SetDefault> || std::is_same_v<T, DropDefault> ||
                             std::is_same_v<T, DropConstraint> || std::is_same_v<T, Truncate> ||
                             std::is_same_v<T, Cluster>) {
          return kAccessExclusive;
        } else {
          return kNone;
        }
      },
      change);
}

}  // namespace

std::optional<LockInfo> StatementLock(const std::vector<Change>& changes, Dialect dialect, const LockContext& ctx) {
  if (dialect == Dialect::kMysql) {
    std::optional<OnlineDdlPrediction> p =
        PredictOnlineDdl(changes, OnlineDdlContext{ctx.settings.mysql_version, ctx.schema, ctx.session});
    if (!p || p->refused) return std::nullopt;
    return LockInfo{DdlLockName(p->lock), DdlAlgorithmName(p->algorithm)};
  }
  if (dialect != Dialect::kPostgres) return std::nullopt;
  PgLock strongest = kNone;
  for (const Change& c : changes) strongest = std::max(strongest, PostgresLock(c));
  if (strongest == kNone) return std::nullopt;
  return LockInfo{kPgLockNames[strongest], ""};
}

}  // namespace migrate
