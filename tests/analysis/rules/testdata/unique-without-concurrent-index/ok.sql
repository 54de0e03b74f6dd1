CREATE UNIQUE INDEX CONCURRENTLY users_email_key_idx ON users (email);
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key_idx;

CREATE TABLE orders (id bigint, code text);
ALTER TABLE orders ADD PRIMARY KEY (id);
ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code);
ALTER TABLE orders ADD COLUMN ref text UNIQUE;
