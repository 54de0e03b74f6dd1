-- INSTANT: metadata only.
ALTER TABLE users ADD COLUMN nickname VARCHAR(50);
ALTER TABLE users ALTER COLUMN email SET DEFAULT '';
-- In place without a rebuild: a VARCHAR that keeps its 1-byte length prefix (60 × 4 = 240 bytes).
ALTER TABLE users MODIFY name VARCHAR(60) NOT NULL;
CREATE INDEX users_email_idx ON users (email);
CREATE TABLE imports (id BIGINT PRIMARY KEY, payload TEXT);
ALTER TABLE imports FORCE;
