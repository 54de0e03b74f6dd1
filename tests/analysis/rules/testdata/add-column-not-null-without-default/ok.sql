ALTER TABLE users ADD COLUMN tenant_id bigint;
ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';
ALTER TABLE users ADD COLUMN seq bigserial;
ALTER TABLE users ADD COLUMN handle text GENERATED ALWAYS AS (lower(name)) STORED;

CREATE TABLE orders (id bigint);
ALTER TABLE orders ADD COLUMN user_id bigint NOT NULL;
