ALTER TABLE users DROP COLUMN note;
DROP INDEX IF EXISTS users_email_idx;
DROP TRIGGER IF EXISTS users_sync_name;
DROP VIEW IF EXISTS active_users;
DROP TABLE users;
