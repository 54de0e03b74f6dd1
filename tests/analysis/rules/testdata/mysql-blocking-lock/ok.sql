ALTER TABLE users ADD INDEX users_email_idx (email), LOCK=NONE;
ALTER TABLE users ADD COLUMN nickname VARCHAR(50), LOCK=DEFAULT;
CREATE TABLE imports (id BIGINT PRIMARY KEY, payload TEXT);
ALTER TABLE imports ADD INDEX imports_payload_idx (payload(20)), LOCK=EXCLUSIVE;
