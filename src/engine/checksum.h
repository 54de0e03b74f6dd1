// The checksum of a migration file (SPEC §5): SHA-256 of its text with a UTF-8 BOM stripped and
// CRLF line ends read as LF, so a checkout on Windows does not look like an edit.
#pragma once

#include <string>
#include <string_view>

namespace migrate {

// Lower-case hex SHA-256 of the normalised text.
std::string MigrationChecksum(std::string_view file_text);

}  // namespace migrate
