#include "sql/postgres/nodes.h"
#include "sql/postgres/transform.h"

namespace migrate::pg {
namespace {

// ALTER TABLE … ADD CONSTRAINT; a Constraint node may also carry NOT NULL/DEFAULT-free kinds.
void AddConstraintChange(const std::string& table, const PgQuery__Node* def, std::vector<Change>* out) {
  if (def == nullptr || def->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) {
    out->push_back(Unanalyzed{"ALTER TABLE … ADD CONSTRAINT"});
    return;
  }
  out->push_back(AddConstraint{table, ConvertConstraint(*def->constraint)});
}

}  // namespace

void TransformAlterTable(const PgQuery__AlterTableStmt& s, std::vector<Change>* out) {
  const std::string table = RelationName(s.relation);
  const bool on_index = s.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX;
  for (size_t i = 0; i < s.n_cmds; ++i) {
    const PgQuery__Node* n = s.cmds[i];
    if (n->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD) continue;
    const PgQuery__AlterTableCmd& cmd = *n->alter_table_cmd;
    const std::string column = cmd.name ? cmd.name : "";
    if (on_index) {
      // ALTER INDEX … SET (…) / SET TABLESPACE / ATTACH PARTITION: no effect on running code.
      out->push_back(NoSchemaEffect{"ALTER INDEX"});
      continue;
    }
    switch (cmd.subtype) {
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumnRecurse:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumnToView:
        if (cmd.def && cmd.def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
          out->push_back(AddColumn{table, ConvertColumnDef(*cmd.def->column_def),
                                   static_cast<bool>(cmd.missing_ok)});
        } else {
          out->push_back(Unanalyzed{"ALTER TABLE … ADD COLUMN"});
        }
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumnRecurse:
        out->push_back(DropColumn{table, column, static_cast<bool>(cmd.missing_ok)});
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
        if (cmd.def) {
          out->push_back(SetDefault{table, column, ConvertExpr(cmd.def)});
        } else {
          out->push_back(DropDefault{table, column});
        }
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
        out->push_back(SetNotNull{table, column});
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
        out->push_back(DropNotNull{table, column});
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType: {
        AlterColumnType change{table, column, {}, false};
        if (cmd.def && cmd.def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
          change.type = ConvertTypeName(cmd.def->column_def->type_name);
          change.has_using = cmd.def->column_def->raw_default != nullptr;
        }
        out->push_back(std::move(change));
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraintRecurse:
        AddConstraintChange(table, cmd.def, out);
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraintRecurse:
        out->push_back(DropConstraint{table, column, static_cast<bool>(cmd.missing_ok)});
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraintRecurse:
        out->push_back(ValidateConstraint{table, column});
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity: {
        // ALTER COLUMN … ADD GENERATED … AS IDENTITY on an existing column: no rewrite.
        out->push_back(NoSchemaEffect{"ALTER COLUMN … ADD IDENTITY"});
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStatistics:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetOptions:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetOptions:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStorage:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetCompression:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetRelOptions:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ReplaceRelOptions:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrig:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaTrig:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigAll:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigAll:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigUser:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigUser:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRowSecurity:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRowSecurity:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ForceRowSecurity:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_NoForceRowSecurity:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ReplicaIdentity:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetIdentity:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropIdentity:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ClusterOn:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropCluster:
        out->push_back(NoSchemaEffect{"ALTER TABLE (table options)"});
        break;
      default:
        out->push_back(Unanalyzed{"ALTER TABLE"});
        break;
    }
  }
}

}  // namespace migrate::pg
