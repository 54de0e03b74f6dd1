// Cancellation: SIGINT/SIGTERM set a CancelToken, which cancels the statement running on the
// registered connections and wakes sleeping retries. The engine then records how far it got,
// releases the migrator lock and exits (SPEC §5). A second signal exits at once.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "base/duration.h"
#include "drivers/driver.h"

namespace migrate {

class CancelToken {
 public:
  void Cancel();
  bool cancelled() const { return cancelled_.load(); }
  // Waits up to `d`; false when cancelled (before or during the wait).
  bool WaitFor(Millis d);
  // Connections whose running statement Cancel() interrupts. Unwatch() waits for a Cancel() in
  // progress: after it returns the connection may be destroyed.
  void Watch(Connection* conn);
  void Unwatch(Connection* conn);

 private:
  std::atomic<bool> cancelled_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::set<Connection*> watched_;
};

// Blocks SIGINT and SIGTERM in the calling thread (and the threads it starts afterwards) and
// turns them into token->Cancel() on a watcher thread. Create it before starting other threads.
class SignalWatcher {
 public:
  explicit SignalWatcher(CancelToken* token);
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

 private:
  std::thread thread_;
};

}  // namespace migrate
