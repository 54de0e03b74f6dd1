-- Orphans were checked beforehand; with foreign_key_checks off the key is added in place.
SET foreign_key_checks = 0;
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
SET foreign_key_checks = 1;
-- A new table may get its keys at once.
CREATE TABLE payments (id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL);
ALTER TABLE payments ADD CONSTRAINT payments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);
