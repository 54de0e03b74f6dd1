CREATE TABLE users_copy AS SELECT * FROM users;
CREATE TABLE IF NOT EXISTS archive.old_users AS SELECT id FROM users WHERE false;
CREATE MATERIALIZED VIEW user_counts AS SELECT count(*) FROM users;
SELECT * INTO users_backup FROM users;
