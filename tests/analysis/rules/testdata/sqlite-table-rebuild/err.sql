-- migrate:expand
-- The recipe in one section: the app sees orders swapped, and the copy blocks every writer.
CREATE TABLE new_orders (id INTEGER PRIMARY KEY, total INTEGER NOT NULL DEFAULT 0);
INSERT INTO new_orders (id, total) SELECT id, CAST(total AS INTEGER) FROM orders;
DROP TABLE orders;
ALTER TABLE new_orders RENAME TO orders;
CREATE INDEX orders_total_idx ON orders (total);

-- The variant that renames the old table away first.
ALTER TABLE invoices RENAME TO old_invoices;
CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER);
INSERT INTO invoices (id, amount) SELECT id, amount FROM old_invoices;
DROP TABLE old_invoices;

-- Spread over sections, but the copy runs in the expand section, in one transaction.
CREATE TABLE new_users (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL);
INSERT INTO new_users (id, full_name) SELECT id, name FROM users;

-- migrate:contract requires-app=2.0.0
DROP TABLE users;
ALTER TABLE new_users RENAME TO users;
