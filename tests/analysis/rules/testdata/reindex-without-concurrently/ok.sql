REINDEX INDEX CONCURRENTLY users_email_idx;
REINDEX (CONCURRENTLY) TABLE users;

CREATE TABLE orders (id bigint, user_id bigint);
CREATE INDEX orders_user_id_idx ON orders (user_id);
REINDEX INDEX orders_user_id_idx;
REINDEX TABLE orders;
