// A signal's sampling thread: calls `tick` every `interval` until the loop is destroyed (which
// stops and joins it). The signals that sample in the background (probe latency, app load) keep
// their samples under a mutex of their own; the loop only paces the calls.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "base/duration.h"

namespace migrate {

class BackgroundLoop {
 public:
  BackgroundLoop() = default;
  BackgroundLoop(const BackgroundLoop&) = delete;
  BackgroundLoop& operator=(const BackgroundLoop&) = delete;
  ~BackgroundLoop() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

  void Start(Millis interval, std::function<void()> tick) {
    thread_ = std::thread([this, interval, tick = std::move(tick)] {
      std::unique_lock<std::mutex> lock(mu_);
      while (!stop_) {
        lock.unlock();
        tick();
        lock.lock();
        cv_.wait_for(lock, interval, [&] { return stop_; });
      }
    });
  }
  bool running() const { return thread_.joinable(); }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
  bool stop_ = false;
};

}  // namespace migrate
