ALTER TABLE users ADD COLUMN code TEXT;
CREATE UNIQUE INDEX users_code_key ON users (code);
ALTER TABLE users ADD COLUMN score INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN ratio REAL DEFAULT (-1.5);
ALTER TABLE users ADD COLUMN created_at TEXT;
ALTER TABLE users ADD COLUMN slug TEXT GENERATED ALWAYS AS (lower(name)) VIRTUAL;
ALTER TABLE users ADD COLUMN team_id INTEGER REFERENCES teams (id);
-- A table created in this section has no rows: a non-constant default is accepted.
CREATE TABLE tags (id INTEGER PRIMARY KEY);
ALTER TABLE tags ADD COLUMN created_at TEXT DEFAULT CURRENT_TIMESTAMP;
