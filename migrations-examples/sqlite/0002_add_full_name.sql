-- Step 1 of the rename: add users.full_name beside users.name and keep the two in sync, so that
-- app 1.x (which writes name) and app 2.0.0 (which writes full_name) can run side by side.

-- migrate:expand

-- ADD COLUMN only rewrites the table's definition in sqlite_schema: no row is touched, however
-- large the table. A nullable column without a default is always accepted.
ALTER TABLE users ADD COLUMN full_name TEXT;

-- The sync triggers. SQLite triggers cannot change the row being written, so they run AFTER the
-- write and update the row they were fired for. They do not fire each other in a loop:
-- recursive triggers are off by default, and the WHEN clauses skip rows already in sync.

-- 1.x inserts name only, 2.0.0 inserts full_name only: fill in the other one.
CREATE TRIGGER users_sync_insert AFTER INSERT ON users
WHEN NEW.full_name IS NULL OR NEW.name IS NULL
BEGIN
  UPDATE users
     SET full_name = coalesce(NEW.full_name, NEW.name),
         name = coalesce(NEW.name, NEW.full_name)
   WHERE id = NEW.id;
END;

-- An old instance changed name: copy it into full_name.
CREATE TRIGGER users_sync_name AFTER UPDATE OF name ON users
WHEN NEW.name IS NOT OLD.name AND NEW.full_name IS OLD.full_name AND NEW.name IS NOT NEW.full_name
BEGIN
  UPDATE users SET full_name = NEW.name WHERE id = NEW.id;
END;

-- A new instance changed full_name: copy it into name, which old instances still read.
CREATE TRIGGER users_sync_full_name AFTER UPDATE OF full_name ON users
WHEN NEW.full_name IS NOT OLD.full_name AND NEW.name IS OLD.name AND NEW.full_name IS NOT NEW.name
BEGIN
  UPDATE users SET name = NEW.full_name WHERE id = NEW.id;
END;

-- migrate:backfill batch=1000

-- Copy name into full_name for the rows that existed before the triggers. migrate runs this in
-- batches of 1000 rows, each in its own short transaction, so SQLite's single write lock is
-- released between batches and the app's writes go on; `WHERE full_name IS NULL` makes a
-- repeated batch a no-op. The triggers stay quiet: the row ends up with name = full_name.
UPDATE users SET full_name = name WHERE full_name IS NULL;
