#include <string_view>

#include "sql/postgres/nodes.h"
#include "sql/postgres/transform.h"

namespace migrate::pg {
namespace {

// ALTER TABLE subcommands that change table options, triggers, ownership or statistics: no
// effect on what queries of a running app see.
bool IsTableOption(std::string_view subtype) {
  static constexpr std::string_view kOptions[] = {
      "AT_SetStatistics", "AT_SetOptions", "AT_ResetOptions", "AT_SetStorage", "AT_SetCompression",
      "AT_ChangeOwner", "AT_SetRelOptions", "AT_ResetRelOptions", "AT_ReplaceRelOptions",
      "AT_EnableTrig", "AT_EnableAlwaysTrig", "AT_EnableReplicaTrig", "AT_DisableTrig",
      "AT_EnableTrigAll", "AT_DisableTrigAll", "AT_EnableTrigUser", "AT_DisableTrigUser",
      "AT_EnableRule", "AT_EnableAlwaysRule", "AT_EnableReplicaRule", "AT_DisableRule",
      "AT_EnableRowSecurity", "AT_DisableRowSecurity", "AT_ForceRowSecurity",
      "AT_NoForceRowSecurity", "AT_ReplicaIdentity", "AT_SetIdentity", "AT_DropIdentity",
      "AT_AddIdentity", "AT_ClusterOn", "AT_DropCluster", "AT_AlterConstraint", "AT_SetLogged",
      "AT_SetUnLogged", "AT_SetTableSpace", "AT_SetAccessMethod", "AT_GenericOptions",
      "AT_AlterColumnGenericOptions"};
  for (auto o : kOptions) if (o == subtype) return true;
  return false;
}

}  // namespace

void TransformAlterTable(JsonNode s, std::vector<Change>* out) {
  const std::string table = RelationName(s["relation"]);
  const std::string_view objtype = s.Str("objtype");
  if (objtype == "OBJECT_INDEX" || objtype == "OBJECT_SEQUENCE") {
    // ALTER INDEX/SEQUENCE … SET (…), SET TABLESPACE, ATTACH PARTITION: invisible to queries.
    out->push_back(NoSchemaEffect{objtype == "OBJECT_INDEX" ? "ALTER INDEX" : "ALTER SEQUENCE"});
    return;
  }
  for (JsonNode n : s.List("cmds")) {
    if (!n.Is("AlterTableCmd")) continue;
    const JsonNode cmd = n.Inner();
    const std::string_view subtype = cmd.Str("subtype");
    const std::string column(cmd.Str("name"));
    const JsonNode def = cmd["def"];
    if (subtype == "AT_AddColumn" || subtype == "AT_AddColumnRecurse" || subtype == "AT_AddColumnToView") {
      if (def.Is("ColumnDef")) {
        out->push_back(AddColumn{table, ConvertColumnDef(def.Inner()), cmd.Bool("missing_ok")});
      } else {
        out->push_back(Unanalyzed{"ALTER TABLE … ADD COLUMN"});
      }
    } else if (subtype == "AT_DropColumn" || subtype == "AT_DropColumnRecurse") {
      out->push_back(DropColumn{table, column, cmd.Bool("missing_ok")});
    } else if (subtype == "AT_ColumnDefault") {
      if (def) out->push_back(SetDefault{table, column, ConvertExpr(def)});
      else out->push_back(DropDefault{table, column});
    } else if (subtype == "AT_SetNotNull") {
      out->push_back(SetNotNull{table, column});
    } else if (subtype == "AT_DropNotNull") {
      out->push_back(DropNotNull{table, column});
    } else if (subtype == "AT_AlterColumnType") {
      AlterColumnType change{table, column, {}, false};
      if (def.Is("ColumnDef")) {
        change.type = ConvertTypeName(def.Inner()["typeName"]);
        change.has_using = def.Inner()["raw_default"].ok();
      }
      out->push_back(std::move(change));
    } else if (subtype == "AT_AddConstraint" || subtype == "AT_AddConstraintRecurse") {
      if (def.Is("Constraint")) out->push_back(AddConstraint{table, ConvertConstraint(def.Inner())});
      else out->push_back(Unanalyzed{"ALTER TABLE … ADD CONSTRAINT"});
    } else if (subtype == "AT_DropConstraint" || subtype == "AT_DropConstraintRecurse") {
      out->push_back(DropConstraint{table, column, cmd.Bool("missing_ok")});
    } else if (subtype == "AT_ValidateConstraint" || subtype == "AT_ValidateConstraintRecurse") {
      out->push_back(ValidateConstraint{table, column});
    } else if (IsTableOption(subtype)) {
      out->push_back(NoSchemaEffect{"ALTER TABLE (table options)"});
    } else {
      out->push_back(Unanalyzed{"ALTER TABLE " + std::string(subtype.substr(subtype.find('_') + 1))});
    }
  }
}

}  // namespace migrate::pg
