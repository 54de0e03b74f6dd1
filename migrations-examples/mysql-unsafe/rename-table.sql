-- Hazard rename-table: renaming a table breaks the running app, which still queries the old name.
RENAME TABLE users TO customers;
