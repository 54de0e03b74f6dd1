// Small string utilities shared across the code base.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace migrate {

std::string ToLower(std::string_view s);
std::string_view Trim(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
std::vector<std::string> Split(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
// Reads a whole file; false when it cannot be read.
bool ReadFile(const std::string& path, std::string* out);

}  // namespace migrate
