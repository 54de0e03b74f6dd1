-- Step 2 of the rename: once every app instance runs 2.0.0 (which reads and writes full_name
-- only), finish the job: make full_name NOT NULL and remove name and the sync trigger.

-- The contract section waits for the gate: migrate contract runs it only when every live
-- instance of the app is at version 2.0.0 or later. Until then old instances still use name.
-- migrate:contract requires-app=2.0.0

-- The second half of a safe SET NOT NULL. VALIDATE scans the table under SHARE UPDATE
-- EXCLUSIVE: reads and writes go on. It succeeds because the backfill filled every old row and
-- the trigger every row written since.
ALTER TABLE users VALIDATE CONSTRAINT users_full_name_not_null;

-- With a validated CHECK (full_name IS NOT NULL) in place, PostgreSQL 12 and later skip the
-- full-table scan of SET NOT NULL: a catalog-only change.
ALTER TABLE users ALTER COLUMN full_name SET NOT NULL;

-- The CHECK is now redundant with the column's NOT NULL.
ALTER TABLE users DROP CONSTRAINT users_full_name_not_null;

-- App 2.0.0 no longer writes name. Once the trigger is gone nothing fills it in, so its NOT NULL
-- must go first, or inserts between the next statements and DROP COLUMN would fail.
ALTER TABLE users ALTER COLUMN name DROP NOT NULL;

-- Remove the sync trigger and its function before the column it reads.
DROP TRIGGER users_sync_full_name ON users;
DROP FUNCTION users_sync_full_name();

-- Finally remove the old column. No running instance reads or writes it any more.
ALTER TABLE users DROP COLUMN name;
