UPDATE users SET note = '' WHERE note IS NULL;
DELETE FROM users WHERE email IS NULL;
INSERT INTO users_archive SELECT * FROM users;
REPLACE INTO users_archive SELECT * FROM users;
