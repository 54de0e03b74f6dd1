#include "engine/cancel.h"

#include <csignal>
#include <pthread.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

namespace migrate {

void CancelToken::Cancel() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    cancelled_ = true;
  }
  cv_.notify_all();
  // Under the lock: Unwatch() then waits for a cancel in progress, so the owner may destroy the
  // connection as soon as Unwatch() returns (the cancelled statement returns before Cancel() does).
  std::lock_guard<std::mutex> lock(mu_);
  for (Connection* c : watched_) c->Cancel();
}

bool CancelToken::WaitFor(Millis d) {
  std::unique_lock<std::mutex> lock(mu_);
  return !cv_.wait_for(lock, d, [&] { return cancelled_.load(); });
}

void CancelToken::Watch(Connection* conn) {
  std::lock_guard<std::mutex> lock(mu_);
  watched_.insert(conn);
}

void CancelToken::Unwatch(Connection* conn) {
  std::lock_guard<std::mutex> lock(mu_);
  watched_.erase(conn);
}

namespace {
// SIGUSR2 tells the watcher thread to stop when the SignalWatcher goes away.
sigset_t WatchedSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR2);
  return set;
}
}  // namespace

SignalWatcher::SignalWatcher(CancelToken* token) {
  sigset_t set = WatchedSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  thread_ = std::thread([token, set] {
    int signals = 0;
    while (true) {
      int sig = 0;
      if (sigwait(&set, &sig) != 0) continue;
      if (sig == SIGUSR2) return;
      if (++signals > 1) {
        // A second signal: the user insists. The state already records the failed statement.
        _exit(130);
      }
      spdlog::warn("{} received: cancelling the running statement (send it again to exit at once)",
                   sig == SIGINT ? "SIGINT" : "SIGTERM");
      token->Cancel();
    }
  });
}

SignalWatcher::~SignalWatcher() {
  pthread_kill(thread_.native_handle(), SIGUSR2);
  thread_.join();
}

}  // namespace migrate
