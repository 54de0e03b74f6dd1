-- Hazard add-column-not-null-without-default: fails on a table with rows and breaks the running app's inserts.
ALTER TABLE users ADD COLUMN full_name text NOT NULL;
