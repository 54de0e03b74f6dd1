-- Hazard ddl-in-backfill-section: a schema change cannot be batched or resumed.
-- migrate:backfill batch=1000
ALTER TABLE users ADD COLUMN full_name TEXT;
