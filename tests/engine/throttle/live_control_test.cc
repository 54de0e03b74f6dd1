#include "engine/throttle/live_control.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "testing/test_util.h"

namespace migrate {
namespace {

TEST(ParseControlTextTest, ReadsEveryKey) {
  ControlState s;
  ASSERT_TRUE(ParseControlText("# live control\npause = true\nmax-rows-per-second = 5000\n"
                               "target-batch-time = 100ms\nbatch-size = 2000 # fixed\n",
                               "c", &s)
                  .ok());
  EXPECT_TRUE(s.paused);
  EXPECT_EQ(s.pause_reason, "pause = true in c");
  EXPECT_EQ(*s.max_rows_per_second, 5000);
  EXPECT_EQ(s.target_batch_time->count(), 100);
  EXPECT_EQ(*s.batch_size, 2000);
}

TEST(ParseControlTextTest, ErrorsNameTheLine) {
  ControlState s;
  Status st = ParseControlText("pause = false\nspeed = 11\n", "ctl", &s);
  EXPECT_EQ(st.code(), StatusCode::kInput);
  EXPECT_EQ(st.message(), "ctl:2: unknown key 'speed' (known: pause, max-rows-per-second, target-batch-time, batch-size)");
  EXPECT_FALSE(ParseControlText("pause = maybe\n", "ctl", &s).ok());
  EXPECT_FALSE(ParseControlText("max-rows-per-second = -1\n", "ctl", &s).ok());
  EXPECT_FALSE(ParseControlText("target-batch-time = soon\n", "ctl", &s).ok());
  EXPECT_FALSE(ParseControlText("pause\n", "ctl", &s).ok());
}

TEST(LiveControlTest, PauseFileAndControlFileChangesAreSeenWithoutRestart) {
  auto dir = testing::MakeTempDir("ctl");
  const std::string pause = (dir / "pause").string(), control = (dir / "migrate.control").string();
  LiveControl live(pause, control);
  std::string error;
  EXPECT_FALSE(live.Read(&error).paused);

  testing::WriteAll(pause, "");
  ControlState s = live.Read(&error);
  EXPECT_TRUE(s.paused);
  EXPECT_EQ(s.pause_reason, "pause file " + pause + " exists");
  std::filesystem::remove(pause);
  EXPECT_FALSE(live.Read(&error).paused);

  ASSERT_TRUE(SetControlKey(control, "pause", "true").ok());
  EXPECT_TRUE(live.Read(&error).paused);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a new mtime
  ASSERT_TRUE(SetControlKey(control, "max-rows-per-second", "100").ok());
  ASSERT_TRUE(SetControlKey(control, "pause", "false").ok());
  s = live.Read(&error);
  EXPECT_FALSE(s.paused);
  EXPECT_EQ(*s.max_rows_per_second, 100);
  EXPECT_EQ(testing::ReadAll(control), "pause = false\nmax-rows-per-second = 100\n");

  // A broken edit keeps the last good settings and says so once.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  testing::WriteAll(control, "max-rows-per-second = lots\n");
  s = live.Read(&error);
  EXPECT_EQ(*s.max_rows_per_second, 100);
  EXPECT_NE(error.find("keeping the previous settings"), std::string::npos) << error;
}

TEST(SetControlKeyTest, RefusesBadValues) {
  auto dir = testing::MakeTempDir("ctl");
  Status s = SetControlKey((dir / "c").string(), "batch-size", "many");
  EXPECT_EQ(s.code(), StatusCode::kUsage);
}

}  // namespace
}  // namespace migrate
