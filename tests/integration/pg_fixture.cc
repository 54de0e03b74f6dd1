// See pg_fixture.h.
#include "integration/pg_fixture.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace migrate::itest {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The URL with its database replaced by `db`.
std::string WithDatabase(const std::string& url, const std::string& db) {
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  size_t query = url.find('?');
  if (slash == std::string::npos || (query != std::string::npos && slash > query)) {
    return url.substr(0, query) + "/" + db + (query == std::string::npos ? "" : url.substr(query));
  }
  size_t end = query == std::string::npos ? url.size() : query;
  return url.substr(0, slash + 1) + db + url.substr(end);
}

}  // namespace

std::string Show(const testing::RunResult& r) { return r.Describe() + "\n--- stdout:\n" + r.out; }

::testing::AssertionResult PgContains(const std::string& haystack, const std::string& needle) {
  if (haystack.find(needle) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected to find \"" << needle << "\" in:\n" << haystack;
}

BackgroundProcess::BackgroundProcess(pid_t pid, std::string out_path, std::string err_path)
    : pid_(pid), out_path_(std::move(out_path)), err_path_(std::move(err_path)), started_(std::chrono::steady_clock::now()) {}

BackgroundProcess::~BackgroundProcess() {
  if (!reaped_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status_, 0);
  }
}

void BackgroundProcess::Signal(int sig) {
  if (!reaped_) ::kill(pid_, sig);
}

bool BackgroundProcess::Running() {
  if (reaped_) return false;
  pid_t r = ::waitpid(pid_, &status_, WNOHANG);
  if (r == pid_) reaped_ = true;
  return !reaped_;
}

testing::RunResult BackgroundProcess::Wait(std::chrono::milliseconds timeout) {
  testing::RunResult out;
  auto end = std::chrono::steady_clock::now() + timeout;
  while (Running()) {
    if (std::chrono::steady_clock::now() > end) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status_, 0);
      reaped_ = true;
      out.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  if (WIFEXITED(status_)) {
    out.exited = true;
    out.exit_code = WEXITSTATUS(status_);
  } else if (WIFSIGNALED(status_)) {
    out.term_signal = WTERMSIG(status_);
  }
  out.out = Stdout();
  out.err = Stderr();
  return out;
}

std::string BackgroundProcess::Stderr() const { return ReadAll(err_path_); }
std::string BackgroundProcess::Stdout() const { return ReadAll(out_path_); }

void PgTest::SetUp() {
  const char* env = std::getenv("MIGRATE_TEST_POSTGRES_URL");
  if (env == nullptr || *env == '\0') {
    const char* req = std::getenv("MIGRATE_REQUIRE_SERVERS");
    if (req != nullptr && std::string(req) == "1") {
      FAIL() << "MIGRATE_TEST_POSTGRES_URL is not set and MIGRATE_REQUIRE_SERVERS=1 (run `eval \"$(scripts/dev-db env)\"`)";
    }
    GTEST_SKIP() << "MIGRATE_TEST_POSTGRES_URL is not set (scripts/dev-db env)";
  }
  admin_url_ = env;
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string(info->test_suite_name()) + "_" + info->name();
  std::string clean;
  for (char c : name) clean += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
  clean = clean.substr(0, 40);
  db_name_ = "mig_" + clean + "_" + std::to_string(::getpid());
  url_ = WithDatabase(admin_url_, db_name_);

  Result<DatabaseUrl> admin = ParseDatabaseUrl(admin_url_);
  ASSERT_TRUE(admin.ok()) << admin.status().message();
  Result<std::unique_ptr<Connection>> ac = migrate::Connect(*admin);
  ASSERT_TRUE(ac.ok()) << ac.status().message();
  ASSERT_TRUE((*ac)->Execute("DROP DATABASE IF EXISTS " + db_name_ + " WITH (FORCE)").ok());
  Status s = (*ac)->Execute("CREATE DATABASE " + db_name_);
  ASSERT_TRUE(s.ok()) << s.message();
  created_ = true;
  conn_ = Connect();
  ASSERT_NE(conn_, nullptr);

  std::string tmpl = (std::filesystem::temp_directory_path() / "migrate-pg-XXXXXX").string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  ASSERT_NE(::mkdtemp(buf.data()), nullptr);
  tmp_ = buf.data();
  dir_ = tmp_ + "/migrations";
  std::filesystem::create_directories(dir_);
}

void PgTest::TearDown() {
  conn_.reset();
  if (created_ && std::getenv("MIGRATE_TEST_KEEP_DB") == nullptr) {
    Result<DatabaseUrl> admin = ParseDatabaseUrl(admin_url_);
    if (admin.ok()) {
      Result<std::unique_ptr<Connection>> ac = migrate::Connect(*admin);
      if (ac.ok()) (void)(*ac)->Execute("DROP DATABASE IF EXISTS " + db_name_ + " WITH (FORCE)");
    }
  }
  if (!tmp_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(tmp_, ec);
  }
}

std::unique_ptr<Connection> PgTest::Connect(const std::string& app_name) {
  Result<DatabaseUrl> u = ParseDatabaseUrl(url_);
  EXPECT_TRUE(u.ok()) << u.status().message();
  if (!u.ok()) return nullptr;
  ConnectOptions options;
  options.application_name = app_name;
  Result<std::unique_ptr<Connection>> c = migrate::Connect(*u, options);
  EXPECT_TRUE(c.ok()) << c.status().message();
  if (!c.ok()) return nullptr;
  // The test role is `migrate`: PostgreSQL's default search_path ("$user", public) would put the
  // test's unqualified tables into migrate's state schema once it exists. Apps use public.
  Status s = (*c)->Execute("SET search_path TO public");
  EXPECT_TRUE(s.ok()) << s.message();
  return std::move(c).value();
}

Rows PgTest::Sql(const std::string& sql) {
  Result<Rows> r = conn_->Query(sql);
  EXPECT_TRUE(r.ok()) << sql << ": " << r.status().message();
  if (!r.ok()) return Rows{};
  return *r;
}

std::string PgTest::Scalar(const std::string& sql) {
  Rows r = Sql(sql);
  if (r.rows.empty() || r.rows[0].empty() || !r.rows[0][0]) return "";
  return *r.rows[0][0];
}

int64_t PgTest::Int(const std::string& sql) {
  std::string v = Scalar(sql);
  return v.empty() ? 0 : std::stoll(v);
}

int64_t PgTest::IntOr(const std::string& sql, int64_t fallback) {
  Result<Rows> r = conn_->Query(sql);
  if (!r.ok() || r->rows.empty() || r->rows[0].empty() || !r->rows[0][0]) return fallback;
  return std::stoll(*r->rows[0][0]);
}

bool PgTest::SchemaExists(const std::string& schema) {
  return Int("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'") > 0;
}

void PgTest::WriteMigration(const std::string& name, const std::string& content) {
  std::ofstream out(dir_ + "/" + name, std::ios::binary | std::ios::trunc);
  out << content;
}

void PgTest::RemoveMigration(const std::string& name) { std::filesystem::remove(dir_ + "/" + name); }

std::vector<std::string> PgTest::MigrateArgv(const std::string& command, const std::vector<std::string>& extra) {
  std::vector<std::string> argv = {MIGRATE_BINARY, command, "--database", url_, "--dir", dir_, "--app", "api"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

testing::RunResult PgTest::Migrate(const std::string& command, const std::vector<std::string>& extra,
                                   std::chrono::milliseconds timeout) {
  testing::RunOptions options;
  options.cwd = tmp_;
  options.timeout = timeout;
  options.env["MIGRATE_DATABASE_URL"] = std::nullopt;
  options.env["DATABASE_URL"] = std::nullopt;
  return testing::RunBinary(MigrateArgv(command, extra), options);
}

std::unique_ptr<BackgroundProcess> PgTest::StartMigrate(const std::string& command, const std::vector<std::string>& extra) {
  return StartProcess(MigrateArgv(command, extra));
}

std::unique_ptr<BackgroundProcess> PgTest::StartProcess(std::vector<std::string> argv,
                                                        const std::map<std::string, std::string>& env) {
  static int counter = 0;
  ++counter;
  std::string out_path = tmp_ + "/bg" + std::to_string(counter) + ".out";
  std::string err_path = tmp_ + "/bg" + std::to_string(counter) + ".err";
  std::vector<char*> cargv;
  for (std::string& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, 1);
    ::dup2(err, 2);
    int devnull = ::open("/dev/null", O_RDONLY);
    ::dup2(devnull, 0);
    if (::chdir(tmp_.c_str()) != 0) _exit(126);
    ::unsetenv("MIGRATE_DATABASE_URL");
    ::unsetenv("DATABASE_URL");
    for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
    // The test runner may have blocked signals; the child starts with a clean mask.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execvp(cargv[0], cargv.data());
    _exit(127);
  }
  EXPECT_GT(pid, 0) << "fork failed";
  return std::make_unique<BackgroundProcess>(pid, out_path, err_path);
}

}  // namespace migrate::itest
