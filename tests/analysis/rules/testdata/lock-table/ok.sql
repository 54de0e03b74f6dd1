ALTER TABLE users ADD COLUMN full_name text;

CREATE TABLE scratch (id bigint);
LOCK TABLE scratch IN ACCESS EXCLUSIVE MODE;
