ALTER TABLE users DROP COLUMN note;
ALTER TABLE users DROP INDEX users_email_idx;
DROP TABLE users;
