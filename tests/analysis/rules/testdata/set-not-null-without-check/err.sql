-- migrate:expand
ALTER TABLE users ADD CONSTRAINT users_note_not_null CHECK (note IS NOT NULL) NOT VALID;

-- migrate:contract requires-app=2.0.0
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
-- The CHECK on note exists but was never validated: PostgreSQL still scans.
ALTER TABLE users ALTER COLUMN note SET NOT NULL;
