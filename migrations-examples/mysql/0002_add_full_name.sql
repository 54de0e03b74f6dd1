-- Step 1 of the rename: add users.full_name beside users.name and keep the two in sync, so that
-- app 1.x (which writes name) and app 2.0.0 (which writes full_name) can run side by side.

-- migrate:expand

-- A nullable column appended at the end: ALGORITHM=INSTANT on MySQL 8.0.12+ and MariaDB 10.3.2+,
-- a change to the data dictionary only; no rebuild, no copy. Asking for INSTANT makes the
-- statement fail at once, rather than fall back to a rebuild, on a server that cannot do it.
ALTER TABLE users ADD COLUMN full_name VARCHAR(255) NULL, ALGORITHM=INSTANT;

-- The sync triggers. MySQL triggers fire for one event each, and a body of one statement needs
-- no DELIMITER. Old instances write name, new instances write full_name; whichever one a write
-- sets is copied into the other, so both columns stay correct during the rollout.
--
-- On INSERT, 1.x sets only name and 2.0.0 only full_name. BEFORE triggers run before MySQL checks
-- NOT NULL (5.7 and later), so 2.0.0's inserts, which leave name out, get it filled in here.
CREATE TRIGGER users_full_name_insert BEFORE INSERT ON users FOR EACH ROW
  SET NEW.full_name = COALESCE(NEW.full_name, NEW.name),
      NEW.name = COALESCE(NEW.name, NEW.full_name);

-- On UPDATE, copy whichever column the statement changed into the other one (<=> is NULL-safe
-- equality); a row the backfill has not reached yet gets full_name from name.
CREATE TRIGGER users_full_name_update BEFORE UPDATE ON users FOR EACH ROW
  SET NEW.full_name = COALESCE(IF(NEW.name <=> OLD.name, NEW.full_name, NEW.name), NEW.name),
      NEW.name = IF(NEW.full_name <=> OLD.full_name, NEW.name, NEW.full_name);

-- migrate:backfill batch=1000

-- Copy name into full_name for the rows that existed before the triggers. migrate runs this in
-- batches of 1000 rows, each in its own short transaction, and can resume after an interruption;
-- `WHERE full_name IS NULL` makes a repeated batch a no-op.
UPDATE users SET full_name = name WHERE full_name IS NULL;
