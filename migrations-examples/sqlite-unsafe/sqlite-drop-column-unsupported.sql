-- Hazard sqlite-drop-column-unsupported: SQLite refuses to drop an indexed column, so the contract
-- section fails when its gate opens.
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);
CREATE INDEX users_email_idx ON users (email);

-- migrate:contract requires-app=2.0.0
ALTER TABLE users DROP COLUMN email;
