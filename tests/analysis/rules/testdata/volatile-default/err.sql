ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();
ALTER TABLE users ADD COLUMN jitter float8 NOT NULL DEFAULT random() * 10;
ALTER TABLE users ADD COLUMN code text DEFAULT make_code();
