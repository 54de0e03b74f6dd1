-- Hazard ddl-in-backfill-section: a schema change inside a backfill section, which can be neither batched nor resumed.
-- migrate:backfill batch=1000
ALTER TABLE users ADD COLUMN full_name VARCHAR(255);
