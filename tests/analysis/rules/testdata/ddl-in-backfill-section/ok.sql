-- migrate:expand
ALTER TABLE users ADD COLUMN full_name text;

-- migrate:backfill
SET LOCAL statement_timeout = '5s';
UPDATE users SET full_name = name WHERE full_name IS NULL;
DELETE FROM users WHERE age < 0;
COMMENT ON COLUMN users.full_name IS 'filled from name';
