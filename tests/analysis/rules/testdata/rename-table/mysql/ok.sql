CREATE TABLE imports (id INT PRIMARY KEY);
RENAME TABLE imports TO staged_imports;
