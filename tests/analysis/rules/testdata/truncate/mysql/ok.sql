-- migrate:backfill batch=10000
DELETE FROM users WHERE age IS NULL;
-- migrate:contract requires-app=2.0.0
DROP TABLE users;
