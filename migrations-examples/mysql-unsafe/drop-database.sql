-- Hazard drop-database: DROP DATABASE (or DROP SCHEMA) is never part of an online migration.
-- (In a gated contract section, so only this hazard is reported.)
-- migrate:contract requires-app=2.0.0
DROP DATABASE legacy;
