-- Hazard drop-index-without-concurrently: DROP INDEX takes an ACCESS EXCLUSIVE lock on the table.
-- (In a gated contract section, so only this hazard is reported.)
-- migrate:contract requires-app=2.0.0
DROP INDEX users_email_idx;
