// A read-only view of libpg_query's JSON parse tree (pg_query_parse), parsed with RapidJSON.
// libpg_query's JSON is a fast path: its protobuf output costs several times the parse itself.
// Field names are the json_name of pg_query.proto (e.g. "typeName", "removeType"); a field that
// is absent, false, 0 or empty is simply missing from the JSON, which the accessors map to the
// empty value. Nodes typed `Node` in the proto are wrapped: {"ColumnDef": {…}}.
#pragma once

#include <rapidjson/document.h>

#include <string_view>
#include <vector>

namespace migrate::pg {

class JsonNode {
 public:
  JsonNode() = default;
  explicit JsonNode(const rapidjson::Value* v) : v_(v) {}

  bool ok() const { return v_ != nullptr && !v_->IsNull(); }
  explicit operator bool() const { return ok(); }

  // For a wrapped node {"Kind": {…}}: "Kind", and the object inside.
  std::string_view Kind() const;
  JsonNode Inner() const;
  bool Is(std::string_view kind) const { return Kind() == kind; }

  JsonNode operator[](const char* field) const;
  std::string_view Str(const char* field) const;
  bool Bool(const char* field) const;
  int Int(const char* field) const;
  // The elements of an array field (empty when absent).
  std::vector<JsonNode> List(const char* field) const;
  size_t ListSize(const char* field) const;

 private:
  const rapidjson::Value* v_ = nullptr;
};

}  // namespace migrate::pg
