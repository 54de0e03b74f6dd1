// Small helpers shared by the drivers (not part of the engine-facing API): cleaning up error
// messages so they are one line and never carry a password.
#pragma once

#include <string>
#include <string_view>

namespace migrate::driver_util {

// `message` trimmed of trailing whitespace, passwords in URLs and key=value strings replaced by
// "***", and any literal occurrence of `password` (when non-empty) too.
std::string SafeMessage(std::string_view message, const std::string& password = "");

}  // namespace migrate::driver_util
