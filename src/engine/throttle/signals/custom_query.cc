#include "engine/throttle/signals/custom_query.h"

#include <cstdlib>

namespace migrate {

SignalReading CustomQuerySignal::Read() {
  SignalReading reading{"throttle query", true, 0, max_, "", ""};
  Result<Rows> r = conn_->Query(sql_);
  if (!r.ok()) {
    reading.readable = false;
    reading.detail = r.status().message();
  } else if (r->rows.empty() || r->rows[0].empty() || !r->rows[0][0]) {
    reading.readable = false;
    reading.detail = "the query returned no number";
  } else {
    char* end = nullptr;
    reading.value = std::strtod(r->rows[0][0]->c_str(), &end);
    if (end == r->rows[0][0]->c_str()) {
      reading.readable = false;
      reading.detail = "the query returned '" + *r->rows[0][0] + "', not a number";
    }
  }
  return reading;
}

}  // namespace migrate
