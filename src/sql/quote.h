// Quoting for SQL the engine writes itself (rollback inverses, backfill batches, state queries).
// Identifiers are always quoted, so reserved words and mixed case survive: PostgreSQL and SQLite
// use "name", MySQL/MariaDB `name`, with the quote character doubled inside. Values normally go
// to the server as bound parameters; QuoteLiteral is only for the places where parameters are
// impossible (DDL, e.g. a comment or a default written into a statement).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/change.h"

namespace migrate {

// "name" (PostgreSQL, SQLite) or `name` (MySQL), the quote character doubled inside.
std::string QuoteIdentifier(Dialect dialect, std::string_view name);

// A possibly qualified name as the Change model holds it ("public.users", "app.\"My Table\"",
// "`db`.`t`"): split on dots outside quotes, each part's existing quotes ("…", `…`, […]) removed
// and their doubled quote characters undone, then each part quoted with QuoteIdentifier.
// "public.users" → "public"."users"; an empty name gives "".
std::string QuoteQualifiedName(Dialect dialect, std::string_view name);

// The parts of a qualified name, unquoted ("a.\"b.c\"" → {"a", "b.c"}).
std::vector<std::string> SplitQualifiedName(std::string_view name);
// The last part of a qualified name, unquoted ("public.users" → "users"); the name itself when it
// has no part.
std::string UnqualifiedName(std::string_view name);

// '…' with ' doubled: a standard SQL string literal (PostgreSQL with standard_conforming_strings,
// the default since 9.1; SQLite). Only for SQL where parameters are impossible (DDL); values
// otherwise go to the server as bound parameters.
std::string QuoteLiteral(std::string_view value);
// The same for a dialect: on MySQL/MariaDB a backslash is an escape character inside '…' (unless
// sql_mode has NO_BACKSLASH_ESCAPES), so backslashes are doubled too.
std::string QuoteLiteral(Dialect dialect, std::string_view value);

}  // namespace migrate
