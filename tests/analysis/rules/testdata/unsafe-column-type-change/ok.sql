-- varchar(100) → varchar(200) and → text are binary-coercible widenings.
ALTER TABLE users ALTER COLUMN name TYPE varchar(200);
ALTER TABLE users ALTER COLUMN name TYPE text;
ALTER TABLE users ALTER COLUMN email TYPE varchar;

CREATE TABLE scratch (n int);
ALTER TABLE scratch ALTER COLUMN n TYPE bigint;
