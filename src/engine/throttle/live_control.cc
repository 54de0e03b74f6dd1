#include "engine/throttle/live_control.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "base/strings.h"

namespace migrate {

Status ParseControlText(std::string_view text, const std::string& path, ControlState* state) {
  ControlState s;
  int line_no = 0;
  for (const std::string& raw : Split(text, '\n')) {
    ++line_no;
    std::string line(Trim(raw.substr(0, raw.find('#'))));
    if (line.empty()) continue;
    size_t eq = line.find('=');
    std::string where = path + ":" + std::to_string(line_no) + ": ";
    if (eq == std::string::npos) return Status::Input(where + "expected `key = value`");
    std::string key(Trim(line.substr(0, eq))), value(Trim(line.substr(eq + 1)));
    if (key == "pause") {
      if (value != "true" && value != "false") return Status::Input(where + "pause must be true or false");
      s.paused = value == "true";
      if (s.paused) s.pause_reason = "pause = true in " + path;
    } else if (key == "max-rows-per-second" || key == "batch-size") {
      char* end = nullptr;
      double v = std::strtod(value.c_str(), &end);
      if (value.empty() || *end != '\0' || v < 0) return Status::Input(where + key + " must be a number >= 0");
      if (key == "batch-size") s.batch_size = static_cast<int64_t>(v);
      else s.max_rows_per_second = v;
    } else if (key == "target-batch-time") {
      Result<Millis> d = ParseDuration(value);
      if (!d.ok() || d->count() <= 0) return Status::Input(where + "target-batch-time must be a duration such as 250ms");
      s.target_batch_time = *d;
    } else {
      return Status::Input(where + "unknown key '" + key + "' (known: pause, max-rows-per-second, target-batch-time, batch-size)");
    }
  }
  *state = s;
  return Status::Ok();
}

ControlState LiveControl::Read(std::string* error) {
  ControlState state;
  if (!control_file_.empty()) {
    struct stat st;
    if (stat(control_file_.c_str(), &st) == 0) {
      if (!seen_ || st.st_mtim.tv_sec != mtime_.tv_sec || st.st_mtim.tv_nsec != mtime_.tv_nsec ||
          static_cast<unsigned long long>(st.st_ino) != inode_ || static_cast<long long>(st.st_size) != size_) {
        seen_ = true;
        mtime_ = st.st_mtim;
        inode_ = static_cast<unsigned long long>(st.st_ino);
        size_ = static_cast<long long>(st.st_size);
        std::string text;
        ControlState parsed;
        if (!ReadFile(control_file_, &text)) {
          if (error) *error = control_file_ + ": cannot read";
        } else if (Status s = ParseControlText(text, control_file_, &parsed); !s.ok()) {
          if (error) *error = s.message() + " (keeping the previous settings)";
        } else {
          file_state_ = parsed;
        }
      }
      state = file_state_;
    } else if (seen_) {
      seen_ = false;
      file_state_ = ControlState{};
    }
  }
  struct stat pst;
  if (!pause_file_.empty() && stat(pause_file_.c_str(), &pst) == 0) {
    state.paused = true;
    state.pause_reason = "pause file " + pause_file_ + " exists";
  }
  return state;
}

Status SetControlKey(const std::string& path, const std::string& key, const std::string& value) {
  std::string text;
  ReadFile(path, &text);
  std::vector<std::string> lines;
  bool replaced = false;
  for (const std::string& line : Split(text, '\n')) {
    std::string trimmed(Trim(line));
    size_t eq = trimmed.find('=');
    if (eq != std::string::npos && Trim(trimmed.substr(0, eq)) == key) {
      if (!replaced) lines.push_back(key + " = " + value);
      replaced = true;
    } else if (!trimmed.empty()) {
      lines.push_back(line);
    }
  }
  if (!replaced) lines.push_back(key + " = " + value);
  ControlState check;
  std::string joined = Join(lines, "\n") + "\n";
  Status s = ParseControlText(joined, path, &check);
  if (!s.ok()) return Status::Usage(s.message());
  // Write beside, then rename: the backfill never reads a half-written file.
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << joined;
    if (!out) return Status::Io("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return Status::Io("cannot replace " + path);
  return Status::Ok();
}

}  // namespace migrate
