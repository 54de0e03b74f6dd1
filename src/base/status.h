// Status and Result<T>: errors as values at the seams (LevelDB's Status). A failing function
// returns a Status (or Result<T>) whose code maps onto the CLI's exit codes in main.cc only.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace migrate {

enum class StatusCode {
  kOk = 0,
  kUsage,      // bad command line
  kConfig,     // bad migrate.toml
  kInput,      // unreadable or malformed input file
  kIo,         // filesystem failure
  kLintErrors, // apply refused: the files have lint findings of severity error (exit 1)
  kGateClosed, // a contract gate is closed: try again later (exit 3)
  kLockBusy,   // the migrator lock was not acquired in time (exit 4)
  kDatabase,   // a database error (exit 5)
  kRetryable,  // a database error worth retrying: lock timeout, deadlock, busy (exit 5 if final)
  kCancelled,  // the running statement was cancelled (SIGINT/SIGTERM) (exit 5)
  kValidation, // checksum mismatch, out-of-order or edited migration (exit 6)
  kInternal,   // a bug: should never be seen
};

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status Usage(std::string m) { return {StatusCode::kUsage, std::move(m)}; }
  static Status Config(std::string m) { return {StatusCode::kConfig, std::move(m)}; }
  static Status Input(std::string m) { return {StatusCode::kInput, std::move(m)}; }
  static Status Io(std::string m) { return {StatusCode::kIo, std::move(m)}; }
  static Status Database(std::string m) { return {StatusCode::kDatabase, std::move(m)}; }
  static Status Retryable(std::string m) { return {StatusCode::kRetryable, std::move(m)}; }
  static Status Cancelled(std::string m) { return {StatusCode::kCancelled, std::move(m)}; }
  static Status Validation(std::string m) { return {StatusCode::kValidation, std::move(m)}; }
  static Status GateClosed(std::string m) { return {StatusCode::kGateClosed, std::move(m)}; }
  static Status LockBusy(std::string m) { return {StatusCode::kLockBusy, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the Status explaining why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Status status) : v_(std::move(status)) {}

  bool ok() const { return std::holds_alternative<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(v_);
  }

 private:
  std::variant<T, Status> v_;
};

}  // namespace migrate
