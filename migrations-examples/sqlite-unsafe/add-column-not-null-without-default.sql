-- Hazard add-column-not-null-without-default: SQLite refuses it on a table that has rows
-- ("Cannot add a NOT NULL column with default value NULL").
ALTER TABLE users ADD COLUMN team TEXT NOT NULL;
