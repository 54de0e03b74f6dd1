-- Changing only the default character set leaves the existing columns alone.
ALTER TABLE users DEFAULT CHARSET=utf8mb4;
CREATE TABLE imports (id BIGINT PRIMARY KEY, payload TEXT);
ALTER TABLE imports CONVERT TO CHARACTER SET utf8mb4;
