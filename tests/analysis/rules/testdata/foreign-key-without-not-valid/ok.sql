ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;
ALTER TABLE orders ADD COLUMN account_id bigint;

CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id));
ALTER TABLE invoices ADD CONSTRAINT invoices_user_fk FOREIGN KEY (id) REFERENCES users (id);
ALTER TABLE invoices ADD COLUMN payer_id bigint REFERENCES users (id);
