BEGIN;
ALTER TABLE users ADD COLUMN full_name text;
COMMIT;
CREATE INDEX CONCURRENTLY users_age_idx ON users (age);
REINDEX INDEX CONCURRENTLY users_email_idx;
