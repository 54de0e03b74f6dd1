-- migrate:expand
ALTER TABLE users ADD COLUMN full_name text;

-- migrate:contract
ALTER TABLE users DROP COLUMN note;
ALTER TABLE users DROP COLUMN age;
