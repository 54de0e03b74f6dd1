-- migrate:expand
ALTER TABLE users ADD COLUMN full_name text;

-- migrate:contract requires-app=2.0.0
ALTER TABLE users DROP COLUMN note;
DROP INDEX CONCURRENTLY users_email_idx;
DROP VIEW active_users;
