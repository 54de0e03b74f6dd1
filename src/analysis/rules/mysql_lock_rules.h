// What the mysql-* lock rules share: which rule reports a statement whose predicted online DDL
// (ctx.online_ddl, see analysis/mysql_online_ddl.h) blocks writes, so that each hazard is reported
// once. An explicit ALGORITHM=COPY is mysql-algorithm-copy's, an explicit LOCK=SHARED|EXCLUSIVE
// mysql-blocking-lock's; otherwise each blocking action goes to the rule for its kind (a type
// change to unsafe-column-type-change, FULLTEXT/SPATIAL, FOREIGN KEY, CONVERT TO CHARACTER SET,
// AUTO_INCREMENT to their own rules) and the rest to mysql-table-copy. A statement the server
// would refuse runs nothing: mysql-online-ddl-refused alone reports it.
#pragma once

#include <string>

#include "analysis/mysql_online_ddl.h"
#include "analysis/rule.h"

namespace migrate::rules {

// The shadow-table copy tools, for suggestions.
inline constexpr const char* kShadowCopyTools = "gh-ost, pt-online-schema-change or Spirit";

inline bool ExplicitCopy(const OnlineDdlPrediction& p) { return p.requested_algorithm == "COPY"; }
inline bool ExplicitBlockingLock(const OnlineDdlPrediction& p) {
  return p.requested_lock == "SHARED" || p.requested_lock == "EXCLUSIVE";
}

// " on MySQL 8.0"
inline std::string OnServer(const RuleContext& ctx) { return " on " + ctx.settings.mysql_version.DisplayName(); }

// "ALGORITHM=COPY, LOCK=SHARED on MySQL 8.0"
inline std::string Predicted(const RuleContext& ctx) {
  return ctx.online_ddl->Summary() + OnServer(ctx);
}

// The action blocks writes on its own: only COPY, or a lock stronger than NONE.
inline bool BlocksWrites(const DdlAction& a) { return a.algorithm == DdlAlgorithm::kCopy || a.lock != DdlLock::kNone; }

// True when the rule for `a`'s kind should report it: the statement runs, blocks writes, no
// explicit clause rule reports it, and its table existed before this expand section.
inline bool ReportBlockingAction(const RuleContext& ctx, const DdlAction& a) {
  const OnlineDdlPrediction* p = ctx.online_ddl;
  if (p == nullptr || !p->blocks_writes() || ExplicitCopy(*p) || ExplicitBlockingLock(*p)) return false;
  return BlocksWrites(a) && ctx.IsExistingTable(a.table);
}

// The table the statement alters ("" when none).
inline std::string PredictionTable(const OnlineDdlPrediction& p) {
  return p.actions.empty() ? std::string() : p.actions.front().table;
}

}  // namespace migrate::rules
