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
