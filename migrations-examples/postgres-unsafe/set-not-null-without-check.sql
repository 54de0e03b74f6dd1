-- Hazard set-not-null-without-check: SET NOT NULL without a validated CHECK (col IS NOT NULL) scans the table under ACCESS EXCLUSIVE.
-- (In a gated contract section, so only this hazard is reported.)
-- migrate:contract requires-app=2.0.0
ALTER TABLE users ALTER COLUMN full_name SET NOT NULL;
