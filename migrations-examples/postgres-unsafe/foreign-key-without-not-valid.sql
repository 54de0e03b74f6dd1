-- Hazard foreign-key-without-not-valid: a validated FOREIGN KEY blocks writes to both tables while it scans.
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
