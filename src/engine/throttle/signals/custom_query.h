// A custom throttle query (the --throttle-query of gh-ost): any query returning one number; the
// backfill slows as it nears the threshold and pauses above it. NULL or an error is unreadable.
#pragma once

#include <string>

#include "drivers/driver.h"
#include "engine/throttle/signal.h"

namespace migrate {

class CustomQuerySignal : public ThrottleSignal {
 public:
  CustomQuerySignal(Connection* conn, std::string sql, double max) : conn_(conn), sql_(std::move(sql)), max_(max) {}
  SignalReading Read() override;

 private:
  Connection* conn_;
  std::string sql_;
  double max_;
};

}  // namespace migrate
