-- Step 2 of the rename: once every app instance runs 2.0.0 (which reads and writes full_name
-- only), remove name and the sync triggers.

-- The contract section waits for the gate: migrate contract runs it only when every live
-- instance of the app is at version 2.0.0 or later. Until then old instances still use name.
-- migrate:contract requires-app=2.0.0

-- The triggers first: SQLite refuses to drop a column that a trigger names.
DROP TRIGGER users_sync_insert;
DROP TRIGGER users_sync_name;
DROP TRIGGER users_sync_full_name;

-- Finally remove the old column (SQLite 3.35 or later). It is in no index, key, CHECK, view or
-- trigger any more, so SQLite accepts it. DROP COLUMN rewrites every row to remove the column's
-- data, and writers wait for it; on a very large table, run the contract at a quiet time.
ALTER TABLE users DROP COLUMN name;

-- full_name stays nullable: before SQLite 3.53, adding NOT NULL to an existing column means
-- rebuilding the table (see `migrate explain sqlite-table-rebuild`). App 2.0.0 always writes it.
