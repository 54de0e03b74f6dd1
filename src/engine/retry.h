// The lock-timeout retry policy (SPEC §5): a statement that gave up waiting for its lock (a
// kRetryable status) is tried again after an exponentially growing pause with jitter, until
// `retry_for` has passed since the first attempt. Other failures end at once.
#pragma once

#include <functional>
#include <random>

#include "base/duration.h"
#include "base/status.h"
#include "engine/clock.h"

namespace migrate {

struct RetryPolicy {
  Millis retry_for{5 * 60 * 1000};
  Millis initial{200};
  Millis max{10'000};
};

// The pause before retry number `retry` (1-based): min(max, initial·2^(retry-1)), of which the
// upper half is random ("equal jitter"), so concurrent migrators do not retry in step.
Millis BackoffDelay(const RetryPolicy& policy, int retry, std::mt19937_64& rng);

// Calls attempt(n) for n = 1, 2, … until it returns a status that is not kRetryable, or the
// policy's time is up (then the last kRetryable status is returned with a note), or `cancel`
// fires during a pause (kCancelled). on_retry is told each retryable failure and the pause.
Status RunWithRetry(const RetryPolicy& policy, Clock& clock, CancelToken* cancel,
                    const std::function<Status(int attempt)>& attempt,
                    const std::function<void(const Status& failure, int attempt, Millis pause)>& on_retry);

}  // namespace migrate
