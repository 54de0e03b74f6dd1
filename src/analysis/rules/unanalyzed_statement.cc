#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckUnanalyzedStatement(const RuleContext& ctx, RuleOutput& out) {
  ForEach<Unanalyzed>(ctx, [&](const Unanalyzed& c) {
    out.Report("not analysed: migrate does not model " + (c.what.empty() ? std::string("this statement") : c.what) +
                   ", so its locks and compatibility were not checked",
               "review it by hand; if it is safe, say why with -- migrate:ignore unanalyzed-statement "
               "reason=\"…\"");
  });
}

}  // namespace migrate::rules
