-- migrate:contract requires-app=2.0.0
DROP DATABASE legacy;
-- In MySQL and MariaDB a schema is a database.
DROP SCHEMA IF EXISTS archive;
