ALTER TABLE users ALTER COLUMN name TYPE varchar(50);
ALTER TABLE users ALTER COLUMN age TYPE bigint;
ALTER TABLE users ALTER COLUMN note TYPE varchar(200) USING substr(note, 1, 200);
ALTER TABLE payments ALTER COLUMN amount TYPE numeric(12,2);
