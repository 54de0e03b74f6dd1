// Transforms from libpg_query's JSON parse tree into the Change model, one file per statement
// kind (transform_<kind>.cc). TransformStatement dispatches on the wrapped statement node;
// statements not modelled become Unanalyzed. Each TransformX takes the statement's object.
#pragma once

#include <vector>

#include "model/change.h"
#include "sql/postgres/json_node.h"

namespace migrate::pg {

void TransformStatement(JsonNode stmt, std::vector<Change>* out);

void TransformCreateTable(JsonNode s, std::vector<Change>* out);
void TransformCreateTableAs(JsonNode s, std::vector<Change>* out);
void TransformAlterTable(JsonNode s, std::vector<Change>* out);
void TransformIndex(JsonNode s, std::vector<Change>* out);
void TransformReindex(JsonNode s, std::vector<Change>* out);
void TransformDrop(JsonNode s, std::vector<Change>* out);
void TransformRename(JsonNode s, std::vector<Change>* out);
void TransformAlterObjectSchema(JsonNode s, std::vector<Change>* out);
void TransformInsert(JsonNode s, std::vector<Change>* out);
void TransformUpdate(JsonNode s, std::vector<Change>* out);
void TransformDelete(JsonNode s, std::vector<Change>* out);
void TransformTruncate(JsonNode s, std::vector<Change>* out);
void TransformCreateEnum(JsonNode s, std::vector<Change>* out);
void TransformAlterEnum(JsonNode s, std::vector<Change>* out);
void TransformVacuum(JsonNode s, std::vector<Change>* out);
void TransformCluster(JsonNode s, std::vector<Change>* out);
void TransformLock(JsonNode s, std::vector<Change>* out);
void TransformTransaction(JsonNode s, std::vector<Change>* out);

}  // namespace migrate::pg
