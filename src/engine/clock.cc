#include "engine/clock.h"

#include <chrono>
#include <thread>

namespace migrate {

int64_t SystemClock::NowMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

bool SystemClock::SleepFor(Millis d, CancelToken* cancel) {
  if (cancel) return cancel->WaitFor(d);
  std::this_thread::sleep_for(d);
  return true;
}

}  // namespace migrate
