ALTER TABLE users RENAME COLUMN name TO full_name;
ALTER TABLE users CHANGE COLUMN note notes TEXT;
