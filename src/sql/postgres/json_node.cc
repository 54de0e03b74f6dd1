#include "sql/postgres/json_node.h"

namespace migrate::pg {

std::string_view JsonNode::Kind() const {
  if (!ok() || !v_->IsObject() || v_->MemberCount() != 1) return {};
  const auto& name = v_->MemberBegin()->name;
  return {name.GetString(), name.GetStringLength()};
}

JsonNode JsonNode::Inner() const {
  if (!ok() || !v_->IsObject() || v_->MemberCount() != 1) return {};
  return JsonNode(&v_->MemberBegin()->value);
}

JsonNode JsonNode::operator[](const char* field) const {
  if (!ok() || !v_->IsObject()) return {};
  auto it = v_->FindMember(field);
  return it == v_->MemberEnd() ? JsonNode() : JsonNode(&it->value);
}

std::string_view JsonNode::Str(const char* field) const {
  JsonNode n = (*this)[field];
  if (!n.ok() || !n.v_->IsString()) return {};
  return {n.v_->GetString(), n.v_->GetStringLength()};
}

bool JsonNode::Bool(const char* field) const {
  JsonNode n = (*this)[field];
  return n.ok() && n.v_->IsBool() && n.v_->GetBool();
}

int JsonNode::Int(const char* field) const {
  JsonNode n = (*this)[field];
  return n.ok() && n.v_->IsInt() ? n.v_->GetInt() : 0;
}

std::vector<JsonNode> JsonNode::List(const char* field) const {
  std::vector<JsonNode> out;
  JsonNode n = (*this)[field];
  if (!n.ok() || !n.v_->IsArray()) return out;
  out.reserve(n.v_->Size());
  for (const auto& item : n.v_->GetArray()) out.emplace_back(&item);
  return out;
}

size_t JsonNode::ListSize(const char* field) const {
  JsonNode n = (*this)[field];
  return n.ok() && n.v_->IsArray() ? n.v_->Size() : 0;
}

}  // namespace migrate::pg
