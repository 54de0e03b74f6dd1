// Transforms from libpg_query's parse tree into the Change model, one file per statement kind
// (transform_<kind>.cc). TransformStatement dispatches; unknown statements become Unanalyzed.
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <vector>

#include "model/change.h"

namespace migrate::pg {

void TransformStatement(const PgQuery__Node& stmt, std::vector<Change>* out);

void TransformCreateTable(const PgQuery__CreateStmt& s, std::vector<Change>* out);
void TransformCreateTableAs(const PgQuery__CreateTableAsStmt& s, std::vector<Change>* out);
void TransformAlterTable(const PgQuery__AlterTableStmt& s, std::vector<Change>* out);
void TransformIndex(const PgQuery__IndexStmt& s, std::vector<Change>* out);
void TransformReindex(const PgQuery__ReindexStmt& s, std::vector<Change>* out);
void TransformDrop(const PgQuery__DropStmt& s, std::vector<Change>* out);
void TransformRename(const PgQuery__RenameStmt& s, std::vector<Change>* out);
void TransformAlterObjectSchema(const PgQuery__AlterObjectSchemaStmt& s, std::vector<Change>* out);
void TransformInsert(const PgQuery__InsertStmt& s, std::vector<Change>* out);
void TransformUpdate(const PgQuery__UpdateStmt& s, std::vector<Change>* out);
void TransformDelete(const PgQuery__DeleteStmt& s, std::vector<Change>* out);
void TransformTruncate(const PgQuery__TruncateStmt& s, std::vector<Change>* out);
void TransformCreateEnum(const PgQuery__CreateEnumStmt& s, std::vector<Change>* out);
void TransformAlterEnum(const PgQuery__AlterEnumStmt& s, std::vector<Change>* out);
void TransformVacuum(const PgQuery__VacuumStmt& s, std::vector<Change>* out);
void TransformCluster(const PgQuery__ClusterStmt& s, std::vector<Change>* out);
void TransformLock(const PgQuery__LockStmt& s, std::vector<Change>* out);

}  // namespace migrate::pg
