-- migrate:contract requires-app=2.0.0
DROP INDEX users_email_idx;
DROP INDEX IF EXISTS users_old_idx;
