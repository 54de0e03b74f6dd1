-- Hazard contract-without-requires-app: a contract section that does not name the app version it waits for.
-- migrate:contract
ALTER TABLE users DROP COLUMN name;
