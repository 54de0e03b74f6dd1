-- Hazard mysql-convert-charset: CONVERT TO CHARACTER SET copies the table and retypes every text column.
ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
