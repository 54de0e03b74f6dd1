CREATE TABLE customers (id bigint PRIMARY KEY, name text);
ALTER TABLE customers RENAME TO clients;
