-- migrate:expand
CREATE TABLE drafts (id INTEGER PRIMARY KEY);
DROP TABLE drafts;

-- migrate:contract requires-app=2.0.0
DROP TRIGGER IF EXISTS users_sync_name;
ALTER TABLE users DROP COLUMN note;
DROP TABLE users;
