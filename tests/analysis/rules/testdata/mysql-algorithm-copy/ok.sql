-- The server picks INSTANT or INPLACE by itself; asking for them makes it fail fast instead of copying.
ALTER TABLE users ADD COLUMN nickname VARCHAR(50), ALGORITHM=INSTANT;
ALTER TABLE users ADD INDEX users_email_idx (email), ALGORITHM=INPLACE, LOCK=NONE;
-- A table created in this expand section is new: nothing uses it yet.
CREATE TABLE imports (id BIGINT PRIMARY KEY, payload TEXT);
ALTER TABLE imports ADD COLUMN source VARCHAR(20), ALGORITHM=COPY;
