-- Dropping the primary key and adding another in one statement is an in-place rebuild.
ALTER TABLE users DROP PRIMARY KEY, ADD PRIMARY KEY (id, name);
-- A VIRTUAL generated column is INSTANT.
ALTER TABLE users ADD COLUMN name_lower VARCHAR(100) AS (LOWER(name)) VIRTUAL;
-- ENGINE=InnoDB on an InnoDB table is an in-place null rebuild (see mysql-inplace-rebuild).
ALTER TABLE users ENGINE=InnoDB;
CREATE TABLE imports (id BIGINT PRIMARY KEY, payload TEXT);
ALTER TABLE imports DROP PRIMARY KEY;
