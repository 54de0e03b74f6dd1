#include "engine/loader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

#include "base/strings.h"
#include "sql/directives.h"

namespace migrate {
namespace fs = std::filesystem;

std::optional<MigrationName> ParseMigrationName(std::string_view filename) {
  if (!EndsWith(filename, ".sql")) return std::nullopt;
  std::string_view stem = filename.substr(0, filename.size() - 4);
  MigrationName name;
  if (EndsWith(stem, ".down")) {
    name.down = true;
    stem.remove_suffix(5);
  } else if (EndsWith(stem, ".up")) {
    stem.remove_suffix(3);
  }
  size_t i = 0;
  while (i < stem.size() && std::isdigit(static_cast<unsigned char>(stem[i]))) ++i;
  if (i == 0 || i >= stem.size() || stem[i] != '_' || i + 1 == stem.size()) return std::nullopt;
  name.version = std::string(stem.substr(0, i));
  name.slug = std::string(stem.substr(i + 1));
  return name;
}

int CompareVersions(std::string_view a, std::string_view b) {
  auto strip = [](std::string_view v) {
    size_t z = v.find_first_not_of('0');
    return z == std::string_view::npos ? std::string_view() : v.substr(z);
  };
  a = strip(a);
  b = strip(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

Result<MigrationListing> ListMigrationDir(const std::string& dir) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) return Status::Io("cannot read directory " + dir + ": " + ec.message());
  MigrationListing out;
  std::vector<std::pair<MigrationName, std::string>> ups;
  std::map<std::string, std::string> seen;  // normalised version → path
  std::vector<fs::directory_entry> entries(fs::begin(it), fs::end(it));
  std::sort(entries.begin(), entries.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path() < b.path(); });
  for (const fs::directory_entry& e : entries) {
    if (!e.is_regular_file(ec)) continue;
    std::string filename = e.path().filename().string();
    if (!EndsWith(filename, ".sql")) continue;
    std::string path = e.path().string();
    std::optional<MigrationName> name = ParseMigrationName(filename);
    if (!name) {
      out.errors.push_back({path, "file name does not match <version>_<slug>.sql (version: digits)"});
      continue;
    }
    if (name->down) {
      out.rollbacks.push_back(path);
      continue;
    }
    std::string key(name->version.substr(std::min(name->version.find_first_not_of('0'), name->version.size())));
    if (auto prev = seen.find(key); prev != seen.end()) {
      out.errors.push_back({path, "version " + name->version + " is also used by " + prev->second});
      continue;
    }
    seen[key] = path;
    ups.emplace_back(std::move(*name), path);
  }
  std::sort(ups.begin(), ups.end(), [](const auto& a, const auto& b) {
    return CompareVersions(a.first.version, b.first.version) < 0;
  });
  for (auto& [_, path] : ups) out.migrations.push_back(path);
  std::sort(out.rollbacks.begin(), out.rollbacks.end());
  std::sort(out.errors.begin(), out.errors.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

namespace {

// Walks the statements of a split file, applying directives as they appear.
class FileBuilder {
 public:
  FileBuilder(MigrationFile* file, std::string_view text, const FrontEnd& fe)
      : file_(file), text_(text), lines_(text), fe_(fe) {}

  void Build() {
    SplitResult split = fe_.Split(text_);
    if (split.error) {
      Error(split.error->offset, split.error->message);
      return;
    }
    for (const RawStatement& raw : split.statements) {
      for (const Comment& c : raw.leading_comments) OnComment(c);
      OnStatement(raw);
    }
    for (const Comment& c : split.trailing_comments) OnComment(c);
    for (const Ignore& ig : pending_ignores_) {
      file_->errors.push_back({ig.pos, "migrate:ignore is not followed by a statement"});
    }
  }

 private:
  void Error(size_t offset, std::string message) {
    file_->errors.push_back({lines_.PosOf(offset), std::move(message)});
  }

  bool OnLineOfItsOwn(const Comment& c) const {
    size_t line_start = text_.rfind('\n', c.begin == 0 ? 0 : c.begin - 1);
    line_start = (line_start == std::string_view::npos || c.begin == 0) ? 0 : line_start + 1;
    return Trim(text_.substr(line_start, c.begin - line_start)).empty();
  }

  void OnComment(const Comment& c) {
    if (!c.line) return;
    auto parsed = ParseDirective(c.body);
    if (!parsed) return;
    const size_t body_offset = c.begin + 2;
    if (auto* err = std::get_if<DirectiveError>(&*parsed)) {
      Error(body_offset + err->offset, err->message);
      return;
    }
    if (!OnLineOfItsOwn(c)) {
      Error(c.begin, "a migrate: directive must be on a line of its own");
      return;
    }
    const Directive& d = std::get<Directive>(*parsed);
    const SourcePos pos = lines_.PosOf(c.begin);
    switch (d.kind) {
      case DirectiveKind::kUp:
        if (saw_up_ || in_down_) {
          Error(c.begin, "migrate:up may appear once, before migrate:down");
        }
        saw_up_ = true;
        return;
      case DirectiveKind::kDown:
        if (in_down_) Error(c.begin, "migrate:down given twice");
        in_down_ = true;
        return;
      case DirectiveKind::kIgnore: {
        Ignore ig;
        ig.rules = d.rules;
        ig.reason = d.options.at("reason");
        ig.pos = pos;
        pending_ignores_.push_back(std::move(ig));
        return;
      }
      case DirectiveKind::kExpand:
      case DirectiveKind::kBackfill:
      case DirectiveKind::kContract:
        OpenSection(d, pos, c.begin);
        return;
    }
  }

  void OpenSection(const Directive& d, SourcePos pos, size_t offset) {
    if (in_down_) {
      Error(offset, "sections belong to the migration, not to its migrate:down rollback script");
      return;
    }
    SectionKind kind = d.kind == DirectiveKind::kExpand     ? SectionKind::kExpand
                       : d.kind == DirectiveKind::kBackfill ? SectionKind::kBackfill
                                                            : SectionKind::kContract;
    if (!file_->sections.empty() && file_->sections.back().implicit && kind == SectionKind::kExpand) {
      Error(offset, "migrate:expand after statements that already form the file's implicit expand "
                    "section: put -- migrate:expand above the first statement");
      return;
    }
    if (!file_->sections.empty() && kind <= file_->sections.back().kind) {
      Error(offset, std::string("migrate:") + SectionKindName(kind) + " after migrate:" +
                        SectionKindName(file_->sections.back().kind) +
                        ": a file holds at most one section of each kind, in the order expand, "
                        "backfill, contract");
      return;
    }
    Section s;
    s.kind = kind;
    s.pos = pos;
    if (auto it = d.options.find("batch"); it != d.options.end()) s.batch = std::stoll(it->second);
    if (auto it = d.options.find("table"); it != d.options.end()) s.table = it->second;
    if (auto it = d.options.find("key"); it != d.options.end()) s.key = Split(it->second, ',');
    if (auto it = d.options.find("requires-app"); it != d.options.end()) s.requires_app = it->second;
    file_->sections.push_back(std::move(s));
  }

  void OnStatement(const RawStatement& raw) {
    Statement st;
    st.text = std::string(raw.text);
    st.offset = raw.begin;
    st.pos = lines_.PosOf(raw.begin);
    st.ignores = std::move(pending_ignores_);
    pending_ignores_.clear();
    ParseOutcome parsed = fe_.Parse(raw.text);
    if (auto* err = std::get_if<SyntaxError>(&parsed)) {
      Error(raw.begin + std::min(err->offset, raw.text.size()), err->message);
    } else {
      st.changes = std::get<std::vector<Change>>(std::move(parsed));
    }
    if (in_down_) {
      file_->rollback_statements.push_back(std::move(st));
      return;
    }
    if (file_->sections.empty()) {
      Section implicit;
      implicit.implicit = true;
      file_->sections.push_back(implicit);
    }
    st.section = static_cast<int>(file_->sections.size()) - 1;
    bool begins = false, ends = false;
    for (const Change& c : st.changes) {
      if (const auto* t = std::get_if<Transaction>(&c)) {
        begins = begins || t->kind == TxnKind::kBegin;
        ends = ends || t->kind != TxnKind::kBegin;
      }
    }
    st.in_transaction_block = in_txn_ && !ends;
    if (begins) in_txn_ = true;
    if (ends) in_txn_ = false;
    file_->statements.push_back(std::move(st));
  }

  MigrationFile* file_;
  std::string_view text_;
  LineIndex lines_;
  const FrontEnd& fe_;
  std::vector<Ignore> pending_ignores_;
  bool saw_up_ = false;
  bool in_down_ = false;
  bool in_txn_ = false;
};

}  // namespace

MigrationFile LoadMigration(const std::string& path, std::string_view text, const FrontEnd& front_end) {
  MigrationFile file;
  file.path = path;
  file.dialect = front_end.dialect();
  if (auto name = ParseMigrationName(fs::path(path).filename().string())) {
    file.version = name->version;
    file.slug = name->slug;
    file.rollback_script = name->down;
  }
  if (StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 BOM
  FileBuilder(&file, text, front_end).Build();
  return file;
}

MigrationFile LoadMigrationFile(const std::string& path, const FrontEnd& front_end) {
  std::string text;
  if (!ReadFile(path, &text)) {
    MigrationFile file;
    file.path = path;
    file.dialect = front_end.dialect();
    file.errors.push_back({SourcePos{1, 1}, "cannot read file"});
    return file;
  }
  return LoadMigration(path, text, front_end);
}

}  // namespace migrate
