-- INT → BIGINT copies the table.
ALTER TABLE users MODIFY age BIGINT;
-- 50 → 100 characters: 200 → 400 bytes, the length prefix grows from 1 to 2 bytes.
ALTER TABLE users MODIFY code VARCHAR(100) NOT NULL;
-- Narrowing, under a new name (CHANGE), and a member inserted before the end.
ALTER TABLE users CHANGE email contact_email VARCHAR(100);
ALTER TABLE users MODIFY status ENUM('new', 'active', 'banned') NOT NULL DEFAULT 'active';
-- The earlier migrations do not show this table.
ALTER TABLE accounts MODIFY balance DECIMAL(12,2) NOT NULL;
