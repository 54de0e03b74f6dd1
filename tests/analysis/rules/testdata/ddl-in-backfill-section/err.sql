-- migrate:backfill
UPDATE users SET note = '' WHERE note IS NULL;
ALTER TABLE users ADD COLUMN full_name text;
CREATE INDEX CONCURRENTLY users_age_idx ON users (age);
