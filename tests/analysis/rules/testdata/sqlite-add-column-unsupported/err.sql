-- Refused on any table.
ALTER TABLE users ADD COLUMN code TEXT UNIQUE;
ALTER TABLE users ADD COLUMN uid INTEGER PRIMARY KEY;
-- Refused on a table that has rows.
ALTER TABLE users ADD COLUMN created_at TEXT DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE users ADD COLUMN token TEXT DEFAULT (lower(hex(randomblob(16))));
ALTER TABLE users ADD COLUMN slug TEXT GENERATED ALWAYS AS (lower(name)) STORED;
ALTER TABLE users ADD COLUMN team_id INTEGER REFERENCES teams (id) DEFAULT 1;
-- A table created in this section is empty, but UNIQUE is still refused.
CREATE TABLE tags (id INTEGER PRIMARY KEY);
ALTER TABLE tags ADD COLUMN label TEXT UNIQUE;
