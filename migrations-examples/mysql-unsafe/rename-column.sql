-- Hazard rename-column: renaming a column breaks the running app, which still uses the old name.
ALTER TABLE users RENAME COLUMN name TO full_name;
