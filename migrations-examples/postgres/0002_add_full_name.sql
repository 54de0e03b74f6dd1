-- Step 1 of the rename: add users.full_name beside users.name and keep the two in sync, so that
-- app 1.x (which writes name) and app 2.0.0 (which writes full_name) can run side by side.

-- migrate:expand

-- A nullable column without a default is a catalog-only change: no rewrite, no scan.
ALTER TABLE users ADD COLUMN full_name text;

-- The sync trigger. Old instances write name, new instances write full_name; whichever one a
-- write sets is copied into the other, so both columns stay correct during the rollout.
-- It also fills full_name on any write to a row the backfill has not reached yet, so the
-- CHECK below holds for every row written from now on.
CREATE OR REPLACE FUNCTION users_sync_full_name() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- 1.x inserts name only; 2.0.0 inserts full_name only.
    NEW.full_name := COALESCE(NEW.full_name, NEW.name);
    NEW.name := COALESCE(NEW.name, NEW.full_name);
  ELSE
    IF NEW.name IS DISTINCT FROM OLD.name AND NEW.full_name IS NOT DISTINCT FROM OLD.full_name THEN
      NEW.full_name := NEW.name;        -- an old instance changed name
    ELSIF NEW.full_name IS DISTINCT FROM OLD.full_name AND NEW.name IS NOT DISTINCT FROM OLD.name THEN
      NEW.name := NEW.full_name;        -- a new instance changed full_name
    END IF;
    NEW.full_name := COALESCE(NEW.full_name, NEW.name);  -- a row not backfilled yet
  END IF;
  RETURN NEW;
END
$$;

-- BEFORE triggers run before NOT NULL and CHECK constraints are tested, so the values filled in
-- here are the ones the constraints see.
CREATE TRIGGER users_sync_full_name
  BEFORE INSERT OR UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION users_sync_full_name();

-- The first half of a safe SET NOT NULL: a CHECK added NOT VALID is a catalog-only change (no
-- scan of existing rows) but is enforced at once for every new write. The trigger above
-- guarantees that every write sets full_name, so the running app already complies.
ALTER TABLE users ADD CONSTRAINT users_full_name_not_null
  CHECK (full_name IS NOT NULL) NOT VALID;

-- migrate:backfill batch=1000

-- Copy name into full_name for the rows that existed before the trigger. migrate runs this in
-- batches of 1000 rows, each in its own short transaction, and can resume after an interruption;
-- `WHERE full_name IS NULL` makes a repeated batch a no-op.
UPDATE users SET full_name = name WHERE full_name IS NULL;
