-- The rename spread over expand, backfill and contract.
-- migrate:expand
ALTER TABLE users ADD COLUMN full_name TEXT;
-- A table created in this section is new: nothing uses it yet.
CREATE TABLE imports (id INTEGER PRIMARY KEY, src TEXT);
ALTER TABLE imports RENAME COLUMN src TO source;

-- migrate:backfill batch=1000
UPDATE users SET full_name = name WHERE full_name IS NULL;

-- migrate:contract requires-app=2.0.0
ALTER TABLE users DROP COLUMN name;
