-- Hazard drop-schema: DROP SCHEMA removes a whole namespace of objects at once.
-- (In a gated contract section, so only this hazard is reported.)
-- migrate:contract requires-app=2.0.0
DROP SCHEMA legacy CASCADE;
