INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.com');
-- migrate:backfill batch=1000
UPDATE users SET note = '' WHERE note IS NULL;
