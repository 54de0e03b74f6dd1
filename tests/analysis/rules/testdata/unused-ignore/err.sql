-- migrate:ignore truncate reason="left over from an earlier version of this file"
ALTER TABLE users ADD COLUMN full_name text;

-- migrate:ignore rename-column,create-index-without-concurrently reason="the app does not read name yet"
ALTER TABLE users RENAME COLUMN name TO display_name;
