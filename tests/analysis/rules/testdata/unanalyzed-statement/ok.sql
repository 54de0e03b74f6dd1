CREATE TABLE orders (id bigint PRIMARY KEY);
COMMENT ON TABLE orders IS 'one row per order';
GRANT SELECT ON orders TO reporting;
CREATE FUNCTION order_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders $$;
SET lock_timeout = '1s';
