// Runs a program as a subprocess for the end-to-end tests: stdout and stderr captured separately,
// the exit code or terminating signal, and a timeout after which the child is killed.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace migrate::testing {

struct RunOptions {
  std::string cwd;  // empty: the current directory
  // Environment changes on top of the parent's: a value sets the variable, nullopt removes it.
  std::map<std::string, std::optional<std::string>> env;
  std::chrono::milliseconds timeout{30000};
  // Connect the child's stdout to a pseudo-terminal instead of a pipe (to test colour output).
  bool stdout_tty = false;
  std::string stdin_data;  // written to the child's stdin, which is then closed
};

struct RunResult {
  int exit_code = -1;    // valid when exited is true
  bool exited = false;   // the child called exit()
  int term_signal = 0;   // the signal that ended it, when it did not exit
  bool timed_out = false;
  bool start_failed = false;  // fork/exec/pipe failed; `err` says why
  std::string out;       // stdout
  std::string err;       // stderr
  double seconds = 0;    // wall-clock time

  // One line for test failure messages: how it ended, plus stderr.
  std::string Describe() const;
};

// argv[0] is the program (a path; PATH is not searched).
RunResult RunBinary(const std::vector<std::string>& argv, const RunOptions& options = {});

}  // namespace migrate::testing
