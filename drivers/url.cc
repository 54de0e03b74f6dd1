// Database URLs (SPEC §3): parsing into DatabaseUrl, and redaction of passwords for anything that
// gets printed. Parsing is strict about structure (scheme, port, percent escapes) and lenient about
// content: query parameters are passed to the driver as they are.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "drivers/driver.h"

namespace migrate {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes; false on a malformed escape.
bool PercentDecode(std::string_view in, std::string* out) {
  out->clear();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out->push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size()) return false;
    int hi = HexDigit(in[i + 1]), lo = HexDigit(in[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

// Encodes the characters that would change the structure of a URL.
std::string PercentEncode(std::string_view in) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : in) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
  return out;
}

bool IsSecretParam(std::string_view key) {
  std::string k = Lower(key);
  return k == "password" || k == "pass" || k == "pwd" || k == "sslpassword";
}

Status BadUrl(std::string_view url, std::string_view why) {
  return Status::Usage("invalid database URL \"" + RedactUrls(url) + "\": " + std::string(why));
}

// Parses "k=v&k2=v2" into params.
Status ParseQuery(std::string_view url, std::string_view query,
                  std::map<std::string, std::string>* params) {
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(start, amp - start);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string key, value;
      if (!PercentDecode(pair.substr(0, eq), &key) ||
          (eq != std::string_view::npos && !PercentDecode(pair.substr(eq + 1), &value))) {
        return BadUrl(url, "malformed percent escape in query parameters");
      }
      if (key.empty()) return BadUrl(url, "empty query parameter name");
      (*params)[key] = value;
    }
    start = amp + 1;
  }
  return Status::Ok();
}

Result<DatabaseUrl> ParseSqlite(std::string_view url, std::string_view rest) {
  DatabaseUrl out;
  out.dialect = Dialect::kSqlite;
  std::string_view path = rest;
  if (StartsWith(path, "//")) path.remove_prefix(2);  // sqlite:///abs → /abs, sqlite://rel → rel
  if (path != ":memory:") {
    size_t q = path.find('?');
    if (q != std::string_view::npos) {
      Status s = ParseQuery(url, path.substr(q + 1), &out.params);
      if (!s.ok()) return s;
      path = path.substr(0, q);
    }
  }
  if (path.empty()) return BadUrl(url, "missing database file path (sqlite:path, sqlite::memory:)");
  std::string decoded;
  if (!PercentDecode(path, &decoded)) return BadUrl(url, "malformed percent escape in path");
  out.path = decoded;
  return out;
}

Result<DatabaseUrl> ParseServer(std::string_view url, Dialect dialect, std::string_view rest) {
  DatabaseUrl out;
  out.dialect = dialect;
  // Fragment: not meaningful for databases.
  if (size_t hash = rest.find('#'); hash != std::string_view::npos) {
    return BadUrl(url, "unexpected '#' (percent-encode it as %23)");
  }
  size_t authority_end = rest.find_first_of("/?");
  if (authority_end == std::string_view::npos) authority_end = rest.size();
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view tail = rest.substr(authority_end);

  // userinfo@hostport; the last '@' separates them, so an unencoded '@' in a password works.
  size_t at = authority.rfind('@');
  std::string_view hostport = authority;
  if (at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    hostport = authority.substr(at + 1);
    size_t colon = userinfo.find(':');
    if (!PercentDecode(userinfo.substr(0, colon), &out.user)) {
      return BadUrl(url, "malformed percent escape in user name");
    }
    if (colon != std::string_view::npos &&
        !PercentDecode(userinfo.substr(colon + 1), &out.password)) {
      return BadUrl(url, "malformed percent escape in password");
    }
  }

  // host[:port], host may be [IPv6].
  std::string_view port_text;
  if (StartsWith(hostport, "[")) {
    size_t close = hostport.find(']');
    if (close == std::string_view::npos) return BadUrl(url, "unterminated IPv6 address");
    out.host = std::string(hostport.substr(1, close - 1));
    std::string_view after = hostport.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return BadUrl(url, "unexpected text after IPv6 address");
      port_text = after.substr(1);
      if (port_text.empty()) return BadUrl(url, "empty port");
    }
  } else {
    size_t colon = hostport.rfind(':');
    if (colon != std::string_view::npos) {
      port_text = hostport.substr(colon + 1);
      hostport = hostport.substr(0, colon);
      if (port_text.empty()) return BadUrl(url, "empty port");
    }
    if (!PercentDecode(hostport, &out.host)) return BadUrl(url, "malformed percent escape in host");
  }
  if (!port_text.empty()) {
    if (port_text.size() > 5) return BadUrl(url, "port out of range 1-65535");
    int port = 0;
    for (char c : port_text) {
      if (c < '0' || c > '9') return BadUrl(url, "port is not a number");
      port = port * 10 + (c - '0');
    }
    if (port < 1 || port > 65535) return BadUrl(url, "port out of range 1-65535");
    out.port = port;
  }

  // /database?params
  std::string_view query;
  if (size_t q = tail.find('?'); q != std::string_view::npos) {
    query = tail.substr(q + 1);
    tail = tail.substr(0, q);
  }
  if (StartsWith(tail, "/")) tail.remove_prefix(1);
  if (tail.find('/') != std::string_view::npos) {
    return BadUrl(url, "database name contains '/' (percent-encode it as %2F)");
  }
  if (!PercentDecode(tail, &out.database)) {
    return BadUrl(url, "malformed percent escape in database name");
  }
  Status s = ParseQuery(url, query, &out.params);
  if (!s.ok()) return s;
  return out;
}

}  // namespace

Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url) {
  if (url.empty()) return Status::Usage("empty database URL");
  size_t colon = url.find(':');
  if (colon == std::string_view::npos) {
    return BadUrl(url, "missing scheme (postgres://, mysql://, sqlite:)");
  }
  std::string scheme = Lower(url.substr(0, colon));
  std::string_view rest = url.substr(colon + 1);
  if (scheme == "sqlite" || scheme == "sqlite3") return ParseSqlite(url, rest);

  Dialect dialect;
  if (scheme == "postgres" || scheme == "postgresql") {
    dialect = Dialect::kPostgres;
  } else if (scheme == "mysql" || scheme == "mariadb") {
    dialect = Dialect::kMysql;
  } else {
    return BadUrl(url, "unknown scheme \"" + scheme +
                           "\" (expected postgres://, postgresql://, mysql://, mariadb:// or sqlite:)");
  }
  if (!StartsWith(rest, "//")) return BadUrl(url, "expected \"" + scheme + "://\"");
  return ParseServer(url, dialect, rest.substr(2));
}

std::string DatabaseUrl::Redacted() const {
  if (dialect == Dialect::kSqlite) {
    std::string out = "sqlite:" + path;
    char sep = '?';
    for (const auto& [key, value] : params) {
      out += sep + key + "=" + (IsSecretParam(key) ? "***" : value);
      sep = '&';
    }
    return out;
  }
  std::string out = dialect == Dialect::kPostgres ? "postgres://" : "mysql://";
  if (!user.empty() || !password.empty()) {
    out += PercentEncode(user);
    if (!password.empty()) out += ":***";
    out += "@";
  }
  if (host.find(':') != std::string::npos) {
    out += "[" + host + "]";
  } else {
    out += host;
  }
  if (port != 0) out += ":" + std::to_string(port);
  if (!database.empty()) out += "/" + PercentEncode(database);
  char sep = '?';
  for (const auto& [key, value] : params) {
    out += sep + PercentEncode(key) + "=" + (IsSecretParam(key) ? "***" : PercentEncode(value));
    sep = '&';
  }
  return out;
}

std::string RedactUrls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t sep = text.find("://", i);
    size_t secret = std::string_view::npos;
    // password=… (libpq key/value strings, URL query parameters)
    for (std::string_view key : {"password=", "PASSWORD="}) {
      size_t p = text.find(key, i);
      if (p != std::string_view::npos && (secret == std::string_view::npos || p < secret)) {
        secret = p;
      }
    }
    if (sep == std::string_view::npos && secret == std::string_view::npos) break;
    if (secret != std::string_view::npos && (sep == std::string_view::npos || secret < sep)) {
      size_t value = secret + 9;
      size_t end = value;
      bool quoted = end < text.size() && text[end] == '\'';
      if (quoted) {
        ++end;
        while (end < text.size() && text[end] != '\'') end += text[end] == '\\' ? 2 : 1;
        if (end < text.size()) ++end;
        end = std::min(end, text.size());
      } else {
        while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
               text[end] != '&' && text[end] != ';' && text[end] != '"') {
          ++end;
        }
      }
      out.append(text.substr(i, value - i));
      if (end > value) out += "***";
      i = end;
      continue;
    }
    // scheme://user:pass@…: the userinfo runs to the last '@' before whitespace, '/', quote.
    size_t start = sep + 3;
    size_t end = start;
    size_t at = std::string_view::npos;
    while (end < text.size()) {
      char c = text[end];
      if (std::isspace(static_cast<unsigned char>(c)) || c == '/' || c == '"' || c == '\'' ||
          c == '<' || c == '>' || c == '?') {
        break;
      }
      if (c == '@') at = end;
      ++end;
    }
    if (at != std::string_view::npos) {
      size_t colon = text.find(':', start);
      if (colon != std::string_view::npos && colon < at) {
        out.append(text.substr(i, colon + 1 - i));
        out += "***";
        i = at;  // resumes at '@'
        continue;
      }
    }
    out.append(text.substr(i, start - i));
    i = start;
  }
  if (i < text.size()) out.append(text.substr(i));
  return out;
}

}  // namespace migrate
