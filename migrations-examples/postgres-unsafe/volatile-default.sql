-- Hazard volatile-default: ADD COLUMN with a VOLATILE default rewrites the table under ACCESS EXCLUSIVE.
ALTER TABLE users ADD COLUMN api_token uuid DEFAULT gen_random_uuid();
