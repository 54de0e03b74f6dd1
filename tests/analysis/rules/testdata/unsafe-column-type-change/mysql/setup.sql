CREATE TABLE users (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(50) NOT NULL,
  name VARCHAR(100) NOT NULL,
  email VARCHAR(255),
  age INT,
  note TEXT,
  status ENUM('active', 'banned') NOT NULL DEFAULT 'active'
);
