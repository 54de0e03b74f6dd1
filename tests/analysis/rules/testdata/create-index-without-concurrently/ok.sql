CREATE INDEX CONCURRENTLY users_age_idx ON users (age);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON users (email);

-- New tables are unused: a plain CREATE INDEX on them blocks nobody.
CREATE TABLE orders (id bigint, user_id bigint);
CREATE INDEX orders_user_id_idx ON orders (user_id);
