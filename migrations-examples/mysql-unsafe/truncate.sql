-- Hazard truncate: TRUNCATE TABLE drops and re-creates the table, every row gone at once.
-- (In a gated contract section, so only this hazard is reported.)
-- migrate:contract requires-app=2.0.0
TRUNCATE TABLE users;
