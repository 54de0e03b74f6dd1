-- migrate:expand
CREATE TABLE orders (id bigint, user_id bigint);
CREATE INDEX orders_user_id_idx ON orders (user_id);
DROP INDEX orders_user_id_idx;

-- migrate:contract requires-app=2.0.0
DROP INDEX CONCURRENTLY users_email_idx;
DROP INDEX CONCURRENTLY IF EXISTS users_old_idx;
