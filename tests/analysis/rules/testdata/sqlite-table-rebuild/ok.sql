-- migrate:expand
CREATE TABLE new_orders (id INTEGER PRIMARY KEY, total INTEGER NOT NULL DEFAULT 0);
CREATE INDEX new_orders_total_idx ON new_orders (total);
CREATE TRIGGER orders_sync_insert AFTER INSERT ON orders
BEGIN
  INSERT OR REPLACE INTO new_orders (id, total) VALUES (NEW.id, CAST(NEW.total AS INTEGER));
END;
CREATE TRIGGER orders_sync_update AFTER UPDATE ON orders
BEGIN
  DELETE FROM new_orders WHERE id = OLD.id;
  INSERT OR REPLACE INTO new_orders (id, total) VALUES (NEW.id, CAST(NEW.total AS INTEGER));
END;
CREATE TRIGGER orders_sync_delete AFTER DELETE ON orders
BEGIN
  DELETE FROM new_orders WHERE id = OLD.id;
END;

-- migrate:backfill batch=1000 table=orders key=id
INSERT INTO new_orders (id, total)
SELECT id, CAST(total AS INTEGER) FROM orders
WHERE NOT EXISTS (SELECT 1 FROM new_orders WHERE new_orders.id = orders.id);

-- migrate:contract requires-app=2.0.0
DROP TRIGGER orders_sync_insert;
DROP TRIGGER orders_sync_update;
DROP TRIGGER orders_sync_delete;
DROP TABLE orders;
ALTER TABLE new_orders RENAME TO orders;

-- Only the swap: new_users was created and filled by an earlier migration.
DROP TABLE users;
ALTER TABLE new_users RENAME TO users;
