-- migrate:expand
ALTER TABLE users DROP COLUMN note;
ALTER TABLE users ADD COLUMN full_name text, DROP COLUMN name;
DROP VIEW active_users;

-- migrate:backfill
DROP TABLE users;
