ALTER TABLE users ADD COLUMN full_name VARCHAR(255);
-- migrate:contract requires-app=2.0.0
ALTER TABLE users DROP COLUMN note;
DROP INDEX users_email_idx ON users;
