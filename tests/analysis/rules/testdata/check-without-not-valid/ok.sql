ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_age_check;

CREATE TABLE orders (id bigint, total numeric);
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
