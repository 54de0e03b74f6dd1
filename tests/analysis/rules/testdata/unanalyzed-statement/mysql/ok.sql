CREATE TABLE orders (id BIGINT PRIMARY KEY);
GRANT SELECT ON orders TO 'reporting'@'%';
SET SESSION lock_wait_timeout = 5;
