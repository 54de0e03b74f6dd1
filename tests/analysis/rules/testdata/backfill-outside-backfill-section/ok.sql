-- migrate:expand
ALTER TABLE users ADD COLUMN full_name text;
INSERT INTO users (id, name) VALUES (0, 'system');

-- migrate:backfill batch=1000
UPDATE users SET full_name = name WHERE full_name IS NULL;
DELETE FROM users WHERE age < 0;
INSERT INTO users (id, name) SELECT id, name FROM legacy_users;
