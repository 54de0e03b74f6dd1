-- migrate:expand
ALTER TABLE users ADD COLUMN flag INTEGER;
-- migrate:backfill batch=1000
UPDATE users SET flag = 0 WHERE flag IS NULL;
