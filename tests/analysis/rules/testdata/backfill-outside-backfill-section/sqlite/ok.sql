INSERT INTO users (id, name) VALUES (1, 'admin');
-- migrate:backfill batch=1000
UPDATE users SET note = '' WHERE note IS NULL;
