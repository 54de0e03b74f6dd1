-- A table created in this section is new: nothing uses it yet.
CREATE TABLE imports (id INTEGER PRIMARY KEY, src TEXT);
ALTER TABLE imports RENAME TO staged_imports;
-- The rename step of a table rebuild spread over sections is the rebuild's (sqlite-table-rebuild).
-- migrate:contract requires-app=2.0.0
DROP TABLE users;
ALTER TABLE new_users RENAME TO users;
