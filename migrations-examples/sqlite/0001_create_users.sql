-- The starting point: app version 1.x reads and writes users.name.
--
-- The story told by this directory: rename users.name to users.full_name without downtime, on
-- SQLite. A plain `ALTER TABLE users RENAME COLUMN name TO full_name` would break every running
-- 1.x instance at once, so the rename is spread over expand, backfill and contract:
--
--   0001  create the table (app 1.x uses name)
--   0002  expand:   add full_name, and triggers that keep name and full_name in sync
--         backfill: copy name into full_name for existing rows, in batches
--   ...   deploy app 2.0.0, which reads and writes full_name only
--   0003  contract (waits until every instance runs 2.0.0 or later):
--                   drop the triggers, then the old column
--
-- name is nullable. App 2.0.0 inserts rows without it, and in SQLite a trigger cannot fill in a
-- column before the NOT NULL check (only BEFORE triggers run before it, and they cannot change
-- the row), while removing a NOT NULL constraint would mean rebuilding the table.

-- A table created in this migration is new and unused by any app, so it may be created with all
-- its constraints and indexes at once.
CREATE TABLE users (
  id         INTEGER PRIMARY KEY,
  name       TEXT,
  email      TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX users_email_key ON users (email);
