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
// MySQL / MariaDB
void CheckMysqlAlgorithmCopy(const RuleContext& ctx, RuleOutput& out);
void CheckMysqlBlockingLock(const RuleContext& ctx, RuleOutput& out);
void CheckMysqlTableCopy(const RuleContext& ctx, RuleOutput& out);
void CheckMysqlFulltextIndex(const RuleContext& ctx, RuleOutput& out);
void CheckMysqlSpatialIndex(const RuleContext& ctx, RuleOutput& out);
void CheckMysqlForeignKeyCopy(const RuleContext& ctx, RuleOutput& out);
void CheckMysqlConvertCharset(const RuleContext& ctx, RuleOutput& out);
void CheckMysqlAutoIncrementColumn(const RuleContext& ctx, RuleOutput& out);
void CheckMysqlInplaceRebuild(const RuleContext& ctx, RuleOutput& out);
void CheckMysqlOnlineDdlRefused(const RuleContext& ctx, RuleOutput& out);
// SQLite
void CheckSqliteAddColumnUnsupported(const RuleContext& ctx, RuleOutput& out);
void CheckSqliteDropColumnUnsupported(const RuleContext& ctx, RuleOutput& out);
void CheckSqliteTableRebuild(const RuleContext& ctx, RuleOutput& out);
void CheckSqlitePragmaForeignKeys(const RuleContext& ctx, RuleOutput& out);
void CheckSqlitePragmaLegacyAlterTable(const RuleContext& ctx, RuleOutput& out);

}  // namespace migrate::rules
