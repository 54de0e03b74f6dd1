-- Hazard sqlite-table-rebuild: the table-rebuild recipe in one section. The running app sees
-- orders swapped for a table of another shape, and the copy blocks every writer until it ends.
CREATE TABLE new_orders (id INTEGER PRIMARY KEY, total INTEGER NOT NULL DEFAULT 0);
INSERT INTO new_orders (id, total) SELECT id, CAST(total AS INTEGER) FROM orders;
DROP TABLE orders;
ALTER TABLE new_orders RENAME TO orders;
