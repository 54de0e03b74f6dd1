// The check function of every rule, one per file in this folder; registry.cc lists them.
#pragma once

#include "analysis/rule.h"

namespace migrate::rules {

void CheckRenameColumn(const RuleContext& ctx, RuleOutput& out);
void CheckRenameTable(const RuleContext& ctx, RuleOutput& out);
void CheckAddColumnNotNullWithoutDefault(const RuleContext& ctx, RuleOutput& out);
void CheckUnsafeColumnTypeChange(const RuleContext& ctx, RuleOutput& out);
void CheckContractOutsideContractSection(const RuleContext& ctx, RuleOutput& out);
void CheckContractWithoutRequiresApp(const RuleContext& ctx, RuleOutput& out);
void CheckBackfillOutsideBackfillSection(const RuleContext& ctx, RuleOutput& out);
void CheckDdlInBackfillSection(const RuleContext& ctx, RuleOutput& out);
void CheckCreateIndexWithoutConcurrently(const RuleContext& ctx, RuleOutput& out);
void CheckDropIndexWithoutConcurrently(const RuleContext& ctx, RuleOutput& out);
void CheckReindexWithoutConcurrently(const RuleContext& ctx, RuleOutput& out);
void CheckConcurrentlyInTransaction(const RuleContext& ctx, RuleOutput& out);
void CheckForeignKeyWithoutNotValid(const RuleContext& ctx, RuleOutput& out);
void CheckCheckWithoutNotValid(const RuleContext& ctx, RuleOutput& out);
void CheckSetNotNullWithoutCheck(const RuleContext& ctx, RuleOutput& out);
void CheckUniqueWithoutConcurrentIndex(const RuleContext& ctx, RuleOutput& out);
void CheckVolatileDefault(const RuleContext& ctx, RuleOutput& out);
void CheckSerialColumn(const RuleContext& ctx, RuleOutput& out);
void CheckStoredGeneratedColumn(const RuleContext& ctx, RuleOutput& out);
void CheckTruncate(const RuleContext& ctx, RuleOutput& out);
void CheckVacuumFull(const RuleContext& ctx, RuleOutput& out);
void CheckCluster(const RuleContext& ctx, RuleOutput& out);
void CheckLockTable(const RuleContext& ctx, RuleOutput& out);
void CheckDropDatabase(const RuleContext& ctx, RuleOutput& out);
void CheckDropSchema(const RuleContext& ctx, RuleOutput& out);
void CheckRenameEnumValue(const RuleContext& ctx, RuleOutput& out);
void CheckUnanalyzedStatement(const RuleContext& ctx, RuleOutput& out);

}  // namespace migrate::rules
