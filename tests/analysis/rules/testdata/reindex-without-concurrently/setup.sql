CREATE TABLE users (
  id bigint PRIMARY KEY,
  name varchar(100),
  email text,
  age int,
  note text
);
CREATE INDEX users_email_idx ON users (email);
CREATE VIEW active_users AS SELECT * FROM users;
CREATE TYPE mood AS ENUM ('sad', 'ok');
