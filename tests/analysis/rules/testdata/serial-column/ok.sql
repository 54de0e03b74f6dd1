CREATE SEQUENCE users_seq_seq;
ALTER TABLE users ADD COLUMN seq bigint;
ALTER TABLE users ALTER COLUMN seq SET DEFAULT nextval('users_seq_seq');

CREATE TABLE orders (id bigserial PRIMARY KEY, n int GENERATED ALWAYS AS IDENTITY);
ALTER TABLE orders ADD COLUMN m serial;
