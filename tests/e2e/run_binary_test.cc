// Tests of the subprocess helper used by the end-to-end suites.
#include "e2e/run_binary.h"

#include <gtest/gtest.h>
#include <signal.h>

namespace migrate::testing {
namespace {

TEST(CliRunBinaryHelper, CapturesStdoutStderrAndExitCodeSeparately) {
  RunResult r = RunBinary({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"});
  ASSERT_FALSE(r.start_failed) << r.err;
  EXPECT_TRUE(r.exited);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
}

TEST(CliRunBinaryHelper, ReportsSignals) {
  RunResult r = RunBinary({"/bin/sh", "-c", "kill -SEGV $$"});
  EXPECT_FALSE(r.exited);
  EXPECT_EQ(r.term_signal, SIGSEGV);
}

TEST(CliRunBinaryHelper, KillsOnTimeout) {
  RunOptions opts;
  opts.timeout = std::chrono::milliseconds(300);
  RunResult r = RunBinary({"/bin/sh", "-c", "sleep 20"}, opts);
  EXPECT_TRUE(r.timed_out);
  EXPECT_LT(r.seconds, 10);
}

TEST(CliRunBinaryHelper, CwdEnvStdinAndTty) {
  RunOptions opts;
  opts.cwd = "/";
  opts.env["RUN_BINARY_TEST"] = "yes";
  opts.env["HOME"] = std::nullopt;
  opts.stdin_data = "piped";
  RunResult r = RunBinary({"/bin/sh", "-c", "pwd; echo ${RUN_BINARY_TEST}-${HOME-unset}; cat; [ -t 1 ] && echo tty"}, opts);
  EXPECT_EQ(r.out, "/\nyes-unset\npiped");
  opts.stdin_data.clear();
  opts.stdout_tty = true;
  r = RunBinary({"/bin/sh", "-c", "[ -t 1 ] && echo tty"}, opts);
  EXPECT_EQ(r.out, "tty\n");
}

TEST(CliRunBinaryHelper, LargeOutputOnBothStreamsDoesNotDeadlock) {
  RunResult r = RunBinary({"/bin/sh", "-c", "i=0; while [ $i -lt 20000 ]; do echo xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; echo yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy >&2; i=$((i+1)); done"});
  EXPECT_TRUE(r.exited);
  EXPECT_EQ(r.out.size(), 20000u * 40);
  EXPECT_EQ(r.err.size(), 20000u * 33);
}

TEST(CliRunBinaryHelper, MissingProgramIsAStartFailure) {
  RunResult r = RunBinary({"/no/such/program"});
  EXPECT_TRUE(r.start_failed);
  EXPECT_NE(r.err.find("No such file"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace migrate::testing
