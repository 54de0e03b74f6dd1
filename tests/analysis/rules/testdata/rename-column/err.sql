ALTER TABLE users RENAME COLUMN name TO full_name;

-- Tables the replay does not know count as existing.
ALTER TABLE legacy_orders RENAME total TO amount;
