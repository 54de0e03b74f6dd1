-- In place: 50 → 60 characters keeps the 1-byte length prefix (240 bytes in utf8mb4) …
ALTER TABLE users MODIFY code VARCHAR(60) NOT NULL;
-- … and 100 → 200 keeps the 2-byte one (400 → 800 bytes).
ALTER TABLE users MODIFY name VARCHAR(200) NOT NULL;
-- An ENUM member appended at the end.
ALTER TABLE users MODIFY status ENUM('active', 'banned', 'deleted') NOT NULL DEFAULT 'active';
-- Same type, only nullability: not a type change (an in-place rebuild, see mysql-inplace-rebuild).
ALTER TABLE users MODIFY age INT NOT NULL DEFAULT 0;
-- A new table is exempt.
CREATE TABLE imports (id INT PRIMARY KEY, payload TEXT);
ALTER TABLE imports MODIFY id BIGINT NOT NULL;
