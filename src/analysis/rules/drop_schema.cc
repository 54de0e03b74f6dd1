#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckDropSchema(const RuleContext& ctx, RuleOutput& out) {
  ForEach<DropObject>(ctx, [&](const DropObject& c) {
    if (c.kind != ObjectKind::kSchema) return;
    out.Report("DROP SCHEMA " + c.name + (c.cascade ? " CASCADE drops every object in it at once"
                                                    : " removes a whole namespace of objects"),
               "drop the schema's tables, views and types one by one, each in a contract section "
               "gated on the app versions that stopped using it");
  });
}

}  // namespace migrate::rules
