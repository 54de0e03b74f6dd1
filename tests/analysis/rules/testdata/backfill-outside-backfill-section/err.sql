UPDATE users SET note = '' WHERE note IS NULL;
DELETE FROM users;
INSERT INTO users (id, name) SELECT id, name FROM legacy_users;

-- migrate:contract requires-app=2.0.0
UPDATE users SET age = NULL;
