-- Hazard sqlite-add-column-unsupported: SQLite refuses ADD COLUMN with a non-constant default on
-- a table that has rows ("Cannot add a column with non-constant default"), so the migration fails.
ALTER TABLE users ADD COLUMN created_at TEXT DEFAULT CURRENT_TIMESTAMP;
