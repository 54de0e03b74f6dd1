// The version of migrate, set by CMake from project(VERSION …).
#pragma once

namespace migrate {
inline constexpr const char* kMigrateVersion = MIGRATE_VERSION;
}  // namespace migrate
