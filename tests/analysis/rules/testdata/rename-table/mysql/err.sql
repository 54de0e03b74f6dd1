RENAME TABLE users TO customers;
ALTER TABLE customers RENAME TO clients;
