-- Hazard truncate: TRUNCATE deletes every row at once under an ACCESS EXCLUSIVE lock.
-- (In a gated contract section, so only this hazard is reported.)
-- migrate:contract requires-app=2.0.0
TRUNCATE users;
