-- Hazard mysql-foreign-key-copy: with foreign_key_checks on, ADD FOREIGN KEY copies the table while writes wait.
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
