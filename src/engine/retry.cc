#include "engine/retry.h"

#include <algorithm>

namespace migrate {

Millis BackoffDelay(const RetryPolicy& policy, int retry, std::mt19937_64& rng) {
  int64_t base = policy.initial.count();
  for (int i = 1; i < retry && base < policy.max.count(); ++i) base *= 2;
  base = std::min(base, static_cast<int64_t>(policy.max.count()));
  int64_t half = base / 2;
  std::uniform_int_distribution<int64_t> jitter(0, base - half);
  return Millis(half + jitter(rng));
}

Status RunWithRetry(const RetryPolicy& policy, Clock& clock, CancelToken* cancel,
                    const std::function<Status(int attempt)>& attempt,
                    const std::function<void(const Status&, int, Millis)>& on_retry) {
  std::mt19937_64 rng(static_cast<uint64_t>(clock.NowMillis()));
  const int64_t deadline = clock.NowMillis() + policy.retry_for.count();
  for (int n = 1;; ++n) {
    Status s = attempt(n);
    if (s.code() != StatusCode::kRetryable) return s;
    Millis pause = BackoffDelay(policy, n, rng);
    if (clock.NowMillis() + pause.count() > deadline) {
      return Status::Retryable(s.message() + " (gave up after " + std::to_string(n) + " attempts in " +
                               FormatDuration(policy.retry_for) + ")");
    }
    if (on_retry) on_retry(s, n, pause);
    if (!clock.SleepFor(pause, cancel)) return Status::Cancelled("cancelled while waiting to retry");
  }
}

}  // namespace migrate
