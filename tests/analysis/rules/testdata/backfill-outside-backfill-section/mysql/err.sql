UPDATE users SET note = '' WHERE note IS NULL;
DELETE FROM users WHERE email IS NULL;
INSERT INTO users (name) SELECT name FROM users WHERE id < 10;
