ALTER TABLE users ADD COLUMN email_lower text;

CREATE TABLE orders (qty int, price numeric, total numeric GENERATED ALWAYS AS (qty * price) STORED);
ALTER TABLE orders ADD COLUMN doubled numeric GENERATED ALWAYS AS (total * 2) STORED;
