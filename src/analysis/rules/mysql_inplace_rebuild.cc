#include "analysis/rules/mysql_lock_rules.h"
#include "analysis/rules/rules.h"
#include "base/strings.h"

namespace migrate::rules {

void CheckMysqlInplaceRebuild(const RuleContext& ctx, RuleOutput& out) {
  const OnlineDdlPrediction* p = ctx.online_ddl;
  if (p == nullptr || p->refused || p->algorithm != DdlAlgorithm::kInplace || !p->rebuilds ||
      p->lock != DdlLock::kNone) {
    return;
  }
  const std::string table = PredictionTable(*p);
  if (!ctx.IsExistingTable(table)) return;
  const MysqlVersion& v = ctx.settings.mysql_version;
  std::vector<std::string> causes;
  std::string newer;  // a version in which the rebuilding action is INSTANT
  for (const DdlAction& a : p->actions) {
    if (!a.inplace_rebuilds || (v.is_mariadb() && a.algorithm == DdlAlgorithm::kInstant)) continue;
    causes.push_back(a.what);
    const DdlSupport& s = v.is_mariadb() ? OnlineDdlRowFor(a.op).mariadb : OnlineDdlRowFor(a.op).mysql;
    if (a.algorithm == DdlAlgorithm::kInstant && p->requested_algorithm == "INPLACE") {
      newer = "; without ALGORITHM=INPLACE the server would do " + a.what + " instantly";
    } else if (s.instant_since[0] != 0 && newer.empty()) {
      newer = "; " + a.what + " is INSTANT from " + (v.is_mariadb() ? "MariaDB " : "MySQL ") +
              std::to_string(s.instant_since[0]) + "." + std::to_string(s.instant_since[1]) +
              (s.instant_since[2] ? "." + std::to_string(s.instant_since[2]) : std::string());
    }
  }
  out.Report(Join(causes, ", ") + " rebuilds " + table + " in place: predicted " + Predicted(ctx) +
                 ". Reads and writes go on, but the rebuild takes about as long as copying the table, and "
                 "replicas apply it only afterwards, lagging behind for as long" + newer,
             std::string("fine for a small table; for a large one run it with a shadow-table copy (") +
                 kShadowCopyTools + "), which throttles on replica lag, or in a quiet hour");
}

}  // namespace migrate::rules
