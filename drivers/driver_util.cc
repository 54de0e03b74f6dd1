// Message hygiene for the drivers: see driver_util.h.
#include "drivers/driver_util.h"

#include <cctype>

#include "drivers/driver.h"

namespace migrate::driver_util {

std::string SafeMessage(std::string_view message, const std::string& password) {
  std::string out = RedactUrls(message);
  if (!password.empty()) {
    for (size_t pos = out.find(password); pos != std::string::npos;
         pos = out.find(password, pos + 3)) {
      out.replace(pos, password.size(), "***");
    }
  }
  while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
  return out;
}

}  // namespace migrate::driver_util
