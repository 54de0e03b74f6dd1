#include <array>
#include <string>

#include "sql/postgres/nodes.h"
#include "sql/postgres/transform.h"

namespace migrate::pg {

void TransformVacuum(JsonNode s, std::vector<Change>* out) {
  if (!s.Bool("is_vacuumcmd")) {
    out->push_back(NoSchemaEffect{"ANALYZE"});
    return;
  }
  bool full = false;
  for (JsonNode o : s.List("options")) {
    if (!o.Is("DefElem") || o.Inner().Str("defname") != "full") continue;
    // FULL, FULL true, FULL on: anything but an explicit false.
    JsonNode arg = o.Inner()["arg"];
    std::string v = arg.Is("String") ? StringValue(arg) : "";
    bool off = v == "false" || v == "off" || (arg.Is("Integer") && arg.Inner().Int("ival") == 0) ||
               (arg.Is("Boolean") && !arg.Inner().Bool("boolval"));
    full = !arg.ok() || !off;
  }
  std::vector<JsonNode> rels = s.List("rels");
  if (rels.empty()) {
    out->push_back(Vacuum{"", full});
    return;
  }
  for (JsonNode r : rels) {
    out->push_back(Vacuum{r.Is("VacuumRelation") ? RelationName(r.Inner()["relation"]) : "", full});
  }
}

void TransformCluster(JsonNode s, std::vector<Change>* out) {
  out->push_back(Cluster{RelationName(s["relation"])});
}

void TransformLock(JsonNode s, std::vector<Change>* out) {
  // PostgreSQL's LOCKMODE numbering (lockdefs.h); the default mode is ACCESS EXCLUSIVE.
  static constexpr std::array<const char*, 9> kModes = {
      "ACCESS EXCLUSIVE", "ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE",
      "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"};
  int mode = s.Int("mode");
  std::string name = mode >= 1 && mode <= 8 ? kModes[mode] : kModes[0];
  for (JsonNode r : s.List("relations")) {
    if (r.Is("RangeVar")) out->push_back(LockTable{RelationName(r.Inner()), name});
  }
}

}  // namespace migrate::pg
