// See db_fixture.h.
#include "integration/db_fixture.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace migrate::dbtest {

namespace fs = std::filesystem;

bool RequireServers() {
  const char* v = std::getenv("MIGRATE_REQUIRE_SERVERS");
  return v && std::string(v) == "1";
}

void SleepMs(int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

bool WaitFor(const std::function<bool()>& pred, std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    SleepMs(50);
  }
  return pred();
}

::testing::AssertionResult Contains(const std::string& text, const std::string& needle) {
  if (text.find(needle) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected to find \"" << needle << "\" in:\n" << text;
}

std::string DialectParamName(const ::testing::TestParamInfo<Dialect>& info) { return DialectName(info.param); }

namespace {

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Sanitize(const std::string& name) {
  std::string out;
  for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
  if (out.size() > 40) out = out.substr(out.size() - 40);
  return out;
}

}  // namespace

// ---- Background ------------------------------------------------------------------------------

Background::~Background() {
  if (pid_ > 0 && !status_) {
    ::kill(pid_, SIGKILL);
    int st = 0;
    ::waitpid(pid_, &st, 0);
  }
}

Background& Background::operator=(Background&& o) noexcept {
  pid_ = o.pid_;
  status_ = o.status_;
  out_path_ = std::move(o.out_path_);
  err_path_ = std::move(o.err_path_);
  o.pid_ = -1;
  return *this;
}

bool Background::running() {
  if (pid_ <= 0 || status_) return false;
  int st = 0;
  pid_t r = ::waitpid(pid_, &st, WNOHANG);
  if (r == pid_) {
    status_ = WIFEXITED(st) ? WEXITSTATUS(st) : -WTERMSIG(st);
    return false;
  }
  return true;
}

std::optional<int> Background::Wait(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (running()) {
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    SleepMs(10);
  }
  return status_;
}

void Background::Kill(int sig) {
  if (pid_ > 0 && !status_) ::kill(pid_, sig);
}

std::string Background::Out() const { return ReadWhole(out_path_); }
std::string Background::Err() const { return ReadWhole(err_path_); }

// ---- TestDb ----------------------------------------------------------------------------------

TestDb::TestDb(Dialect dialect, const std::string& test_name) : dialect_(dialect) {
  std::string tmpl = (fs::temp_directory_path() / ("mig_" + Sanitize(test_name) + "_XXXXXX")).string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) {
    skip_reason_ = std::string("mkdtemp: ") + std::strerror(errno);
    return;
  }
  tmp_ = buf.data();
  dir_ = tmp_ + "/migrations";
  fs::create_directories(dir_);

  if (dialect == Dialect::kSqlite) {
    url_ = "sqlite:" + tmp_ + "/app.db";
    available_ = true;
    return;
  }
  const char* env = std::getenv("MIGRATE_TEST_MYSQL_URL");
  if (!env || !*env) {
    skip_reason_ = "MIGRATE_TEST_MYSQL_URL is not set (eval \"$(scripts/dev-db env)\")";
    return;
  }
  admin_url_ = env;
  Result<DatabaseUrl> parsed = ParseDatabaseUrl(admin_url_);
  if (!parsed.ok()) {
    skip_reason_ = "MIGRATE_TEST_MYSQL_URL: " + parsed.status().message();
    return;
  }
  Result<std::unique_ptr<Connection>> admin = migrate::Connect(*parsed);
  if (!admin.ok()) {
    skip_reason_ = "cannot connect to MariaDB: " + admin.status().message();
    return;
  }
  db_name_ = "mig_" + Sanitize(test_name) + "_" + std::to_string(::getpid());
  Status s = (*admin)->Execute("DROP DATABASE IF EXISTS `" + db_name_ + "`");
  if (s.ok()) s = (*admin)->Execute("CREATE DATABASE `" + db_name_ + "`");
  if (!s.ok()) {
    skip_reason_ = "CREATE DATABASE " + db_name_ + ": " + s.message();
    return;
  }
  url_ = "mysql://" + parsed->user + (parsed->password.empty() ? "" : ":" + parsed->password) + "@" +
         (parsed->host.empty() ? "127.0.0.1" : parsed->host) + (parsed->port ? ":" + std::to_string(parsed->port) : "") +
         "/" + db_name_;
  available_ = true;
}

TestDb::~TestDb() {
  conn_.reset();
  if (!db_name_.empty()) {
    Result<DatabaseUrl> parsed = ParseDatabaseUrl(admin_url_);
    if (parsed.ok()) {
      Result<std::unique_ptr<Connection>> admin = migrate::Connect(*parsed);
      if (admin.ok()) (void)(*admin)->Execute("DROP DATABASE IF EXISTS `" + db_name_ + "`");
    }
  }
  if (!tmp_.empty() && !std::getenv("MIGRATE_TEST_KEEP")) {
    std::error_code ec;
    fs::remove_all(tmp_, ec);
  }
}

void TestDb::Write(const std::string& name, const std::string& text) const {
  std::ofstream out(dir_ + "/" + name, std::ios::binary | std::ios::trunc);
  out << text;
}

void TestDb::Remove(const std::string& name) const { fs::remove(dir_ + "/" + name); }

std::string TestDb::Read(const std::string& name) const { return ReadWhole(dir_ + "/" + name); }

void TestDb::WriteConfig(const std::string& text) const {
  std::ofstream out(tmp_ + "/migrate.toml", std::ios::binary | std::ios::trunc);
  out << text;
}

std::vector<std::string> TestDb::Argv(const std::vector<std::string>& args) const {
  std::vector<std::string> argv = {MIGRATE_BINARY, "--database", url_, "--dir", dir_, "--app", "api"};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

RunResult TestDb::Migrate(const std::vector<std::string>& args, std::chrono::milliseconds timeout) const {
  testing::RunOptions options;
  options.cwd = tmp_;
  options.timeout = timeout;
  options.env = {{"MIGRATE_DATABASE_URL", std::nullopt}, {"DATABASE_URL", std::nullopt}};
  return testing::RunBinary(Argv(args), options);
}

Background TestDb::Start(const std::vector<std::string>& args) const { return StartProgram(Argv(args)); }

Background TestDb::StartProgram(std::vector<std::string> argv) const {
  static int counter = 0;
  ++counter;
  std::string out_path = tmp_ + "/bg" + std::to_string(counter) + ".out";
  std::string err_path = tmp_ + "/bg" + std::to_string(counter) + ".err";
  std::vector<char*> cargv;
  for (std::string& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string kv(*e);
    if (kv.rfind("MIGRATE_DATABASE_URL=", 0) == 0 || kv.rfind("DATABASE_URL=", 0) == 0) continue;
    env_strings.push_back(kv);
  }
  std::vector<char*> envp;
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  int out_fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int err_fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const std::string cwd = tmp_;
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(null_fd, STDIN_FILENO);
    ::dup2(out_fd, STDOUT_FILENO);
    ::dup2(err_fd, STDERR_FILENO);
    if (::chdir(cwd.c_str()) != 0) ::_exit(127);
    ::execve(cargv[0], cargv.data(), envp.data());
    ::_exit(127);
  }
  ::close(out_fd);
  ::close(err_fd);
  ::close(null_fd);
  return Background(pid, out_path, err_path);
}

std::unique_ptr<Connection> TestDb::Connect() const {
  Result<DatabaseUrl> parsed = ParseDatabaseUrl(url_);
  if (!parsed.ok()) {
    ADD_FAILURE() << parsed.status().message();
    return nullptr;
  }
  Result<std::unique_ptr<Connection>> c = migrate::Connect(*parsed);
  if (!c.ok()) {
    ADD_FAILURE() << c.status().message();
    return nullptr;
  }
  if (dialect_ == Dialect::kSqlite) (void)(*c)->SetLockTimeout(std::chrono::seconds(10));
  return std::move(c).value();
}

Connection& TestDb::conn() {
  if (!conn_) conn_ = Connect();
  return *conn_;
}

bool TestDb::Exec(const std::string& sql) {
  Status s = conn().Execute(sql);
  if (!s.ok()) ADD_FAILURE() << sql << ": " << s.message();
  return s.ok();
}

std::string TestDb::Scalar(const std::string& sql) {
  Result<Rows> r = conn().Query(sql);
  if (!r.ok()) return "<error: " + r.status().message() + ">";
  if (r->rows.empty() || r->rows[0].empty()) return "<no row>";
  return r->rows[0][0].value_or("NULL");
}

int64_t TestDb::Int(const std::string& sql) {
  std::string v = Scalar(sql);
  try {
    return std::stoll(v);
  } catch (...) {
    ADD_FAILURE() << sql << ": " << v;
    return -1;
  }
}

std::vector<std::string> TestDb::StateTables() {
  std::string sql = mysql() ? "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                              " AND table_name LIKE 'migrate\\_%' ORDER BY 1"
                            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'migrate\\_%' ESCAPE '\\'"
                              " ORDER BY 1";
  Result<Rows> r = conn().Query(sql);
  std::vector<std::string> out;
  if (!r.ok()) {
    ADD_FAILURE() << r.status().message();
    return out;
  }
  for (const auto& row : r->rows) out.push_back(row[0].value_or(""));
  return out;
}

bool TestDb::FillSequence(const std::string& table, const std::string& cols, const std::string& select_exprs,
                          int64_t count) {
  if (mysql()) {
    return Exec("INSERT INTO " + table + " (" + cols + ") SELECT " + select_exprs + " FROM (SELECT seq AS n FROM seq_1_to_" +
                std::to_string(count) + ") s");
  }
  return Exec("WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < " + std::to_string(count) +
              ") INSERT INTO " + table + " (" + cols + ") SELECT " + select_exprs + " FROM s");
}

// ---- fixtures --------------------------------------------------------------------------------

namespace {

std::string CurrentTestName() {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return info ? std::string(info->name()) : "test";
}

std::unique_ptr<TestDb> MakeDb(Dialect d) {
  auto db = std::make_unique<TestDb>(d, CurrentTestName());
  return db;
}

}  // namespace

#define MIGRATE_ITEST_SETUP(dialect)                                                   \
  db_ = MakeDb(dialect);                                                               \
  if (!db_->available()) {                                                             \
    if (dialect == Dialect::kMysql && !RequireServers()) GTEST_SKIP() << db_->skip_reason(); \
    FAIL() << db_->skip_reason();                                                      \
  }

void DbTest::SetUp() { MIGRATE_ITEST_SETUP(GetParam()); }
void MysqlTest::SetUp() { MIGRATE_ITEST_SETUP(Dialect::kMysql); }
void SqliteTest::SetUp() { MIGRATE_ITEST_SETUP(Dialect::kSqlite); }

}  // namespace migrate::dbtest
