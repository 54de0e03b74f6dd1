-- Step 2 of the rename: once every app instance runs 2.0.0 (which reads and writes full_name
-- only), finish the job: remove the sync triggers and users.name.

-- The contract section waits for the gate: migrate contract runs it only when every live
-- instance of the app is at version 2.0.0 or later. Until then old instances still use name.
-- migrate:contract requires-app=2.0.0

-- App 2.0.0 no longer writes name. Once the triggers are gone nothing fills it in, and its
-- inserts would fail on the NOT NULL name without a default. A default for name is INSTANT (a
-- data dictionary change), unlike making it nullable (a table rebuild), and bridges the moments
-- between the statements below.
ALTER TABLE users ALTER COLUMN name SET DEFAULT '';

-- Remove the sync triggers before the column they read.
DROP TRIGGER users_full_name_insert;
DROP TRIGGER users_full_name_update;

-- No running instance reads or writes name any more. DROP COLUMN is INSTANT on MySQL 8.0.29+ and
-- MariaDB 10.4+.
ALTER TABLE users DROP COLUMN name, ALGORITHM=INSTANT;

-- full_name stays nullable here: making it NOT NULL (MODIFY … NOT NULL) rebuilds the table in
-- place, fine for a small table and reported as a warning by mysql-inplace-rebuild for a big one.
