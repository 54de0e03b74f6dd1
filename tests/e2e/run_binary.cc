// See run_binary.h. fork/exec with three pipes (or a pseudo-terminal for stdout) and a poll loop,
// so neither stream can fill up and block the child while the other is being read.
#include "e2e/run_binary.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

extern char** environ;

namespace migrate::testing {
namespace {

using Clock = std::chrono::steady_clock;

void CloseFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

RunResult StartFailed(const std::string& what) {
  RunResult r;
  r.start_failed = true;
  r.err = what + ": " + std::strerror(errno);
  return r;
}

// Opens a pseudo-terminal in raw mode (no CR/LF translation); returns {master, slave}.
bool OpenPty(int* master, int* slave) {
  *master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (*master < 0) return false;
  if (::grantpt(*master) != 0 || ::unlockpt(*master) != 0) return false;
  const char* name = ::ptsname(*master);
  if (name == nullptr) return false;
  *slave = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (*slave < 0) return false;
  termios t{};
  if (::tcgetattr(*slave, &t) == 0) {
    ::cfmakeraw(&t);
    ::tcsetattr(*slave, TCSANOW, &t);
  }
  return true;
}

}  // namespace

std::string RunResult::Describe() const {
  std::string s;
  if (start_failed) s = "could not start";
  else if (timed_out) s = "timed out";
  else if (exited) s = "exit code " + std::to_string(exit_code);
  else s = "killed by signal " + std::to_string(term_signal) + " (" + strsignal(term_signal) + ")";
  return s + "; stderr: " + err;
}

RunResult RunBinary(const std::vector<std::string>& argv, const RunOptions& options) {
  static std::once_flag ignore_sigpipe;
  std::call_once(ignore_sigpipe, [] { ::signal(SIGPIPE, SIG_IGN); });

  // Everything the child needs is prepared before fork(): after it, only async-signal-safe calls.
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  std::map<std::string, std::string> env_map;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string kv(*e);
    size_t eq = kv.find('=');
    if (eq != std::string::npos) env_map[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : options.env) {
    if (v) env_map[k] = *v;
    else env_map.erase(k);
  }
  std::vector<std::string> env_strings;
  for (const auto& [k, v] : env_map) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);

  int in_pipe[2] = {-1, -1}, out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1}, exec_pipe[2] = {-1, -1};
  if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0 || ::pipe2(exec_pipe, O_CLOEXEC) != 0) {
    return StartFailed("pipe");
  }
  if (options.stdout_tty) {
    if (!OpenPty(&out_pipe[0], &out_pipe[1])) return StartFailed("pseudo-terminal");
  } else if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    return StartFailed("pipe");
  }

  const Clock::time_point start = Clock::now();
  pid_t pid = ::fork();
  if (pid < 0) return StartFailed("fork");
  if (pid == 0) {
    ::setpgid(0, 0);  // its own process group, so a timeout kills whatever it started too
    ::dup2(in_pipe[0], STDIN_FILENO);
    ::dup2(out_pipe[1], STDOUT_FILENO);
    ::dup2(err_pipe[1], STDERR_FILENO);
    if (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0) {
      int e = errno;
      (void)!::write(exec_pipe[1], &e, sizeof e);
      ::_exit(127);
    }
    ::execve(args[0], args.data(), envp.data());
    int e = errno;
    (void)!::write(exec_pipe[1], &e, sizeof e);
    ::_exit(127);
  }

  CloseFd(in_pipe[0]);
  CloseFd(out_pipe[1]);
  CloseFd(err_pipe[1]);
  CloseFd(exec_pipe[1]);

  RunResult result;
  int exec_errno = 0;
  if (::read(exec_pipe[0], &exec_errno, sizeof exec_errno) == sizeof exec_errno) {
    CloseFd(exec_pipe[0]);
    ::waitpid(pid, nullptr, 0);
    errno = exec_errno;
    RunResult r = StartFailed("exec " + argv[0]);
    CloseFd(in_pipe[1]);
    CloseFd(out_pipe[0]);
    CloseFd(err_pipe[0]);
    return r;
  }
  CloseFd(exec_pipe[0]);

  size_t written = 0;
  if (options.stdin_data.empty()) CloseFd(in_pipe[1]);
  else ::fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);

  const Clock::time_point deadline = start + options.timeout;
  char buf[65536];
  while (out_pipe[0] >= 0 || err_pipe[0] >= 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      result.timed_out = true;
      break;
    }
    pollfd fds[3];
    int n = 0;
    int out_idx = -1, err_idx = -1, in_idx = -1;
    if (out_pipe[0] >= 0) { out_idx = n; fds[n++] = {out_pipe[0], POLLIN, 0}; }
    if (err_pipe[0] >= 0) { err_idx = n; fds[n++] = {err_pipe[0], POLLIN, 0}; }
    if (in_pipe[1] >= 0) { in_idx = n; fds[n++] = {in_pipe[1], POLLOUT, 0}; }
    int rc = ::poll(fds, n, static_cast<int>(std::min<long long>(left, 1000)));
    if (rc < 0) {
      if (errno == EINTR) continue;
      break;
    }
    auto drain = [&](int idx, int& fd, std::string& sink) {
      if (idx < 0 || fds[idx].revents == 0) return;
      ssize_t got = ::read(fd, buf, sizeof buf);
      if (got > 0) sink.append(buf, static_cast<size_t>(got));
      else if (got == 0 || (errno != EINTR && errno != EAGAIN)) CloseFd(fd);  // EOF (EIO on a pty)
    };
    drain(out_idx, out_pipe[0], result.out);
    drain(err_idx, err_pipe[0], result.err);
    if (in_idx >= 0 && fds[in_idx].revents != 0) {
      ssize_t put = ::write(in_pipe[1], options.stdin_data.data() + written, options.stdin_data.size() - written);
      if (put > 0) written += static_cast<size_t>(put);
      if (put < 0 && errno != EAGAIN && errno != EINTR) CloseFd(in_pipe[1]);
      if (written == options.stdin_data.size()) CloseFd(in_pipe[1]);
    }
  }
  CloseFd(in_pipe[1]);
  CloseFd(out_pipe[0]);
  CloseFd(err_pipe[0]);

  int status = 0;
  if (result.timed_out) {
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  } else {
    // Both streams are closed; the child is exiting. Still bounded by the deadline.
    while (true) {
      pid_t w = ::waitpid(pid, &status, WNOHANG);
      if (w == pid) break;
      if (w < 0 && errno != EINTR) break;
      if (Clock::now() >= deadline) {
        result.timed_out = true;
        ::kill(-pid, SIGKILL);
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        break;
      }
      ::usleep(2000);
    }
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!result.timed_out) {
    if (WIFEXITED(status)) {
      result.exited = true;
      result.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
      result.term_signal = WTERMSIG(status);
    }
  }
  return result;
}

}  // namespace migrate::testing
