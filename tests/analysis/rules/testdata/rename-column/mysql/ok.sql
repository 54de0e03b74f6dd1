-- CHANGE that keeps the name only redefines the column.
ALTER TABLE users CHANGE name name VARCHAR(100) NOT NULL;
CREATE TABLE imports (id INT PRIMARY KEY, src TEXT);
ALTER TABLE imports RENAME COLUMN src TO source;
