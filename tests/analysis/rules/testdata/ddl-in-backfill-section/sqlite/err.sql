-- migrate:backfill batch=1000
UPDATE users SET note = '' WHERE note IS NULL;
ALTER TABLE users ADD COLUMN flag INTEGER;
CREATE INDEX users_note_idx ON users (note);
PRAGMA foreign_keys = OFF;
