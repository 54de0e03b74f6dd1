CREATE INDEX users_name_idx ON users (name);
CREATE TABLE documents (id BIGINT PRIMARY KEY, body TEXT);
CREATE FULLTEXT INDEX documents_body_ft ON documents (body);
