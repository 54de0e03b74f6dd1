-- migrate:ignore truncate reason="left over from an earlier version of this file"
ALTER TABLE users ADD COLUMN full_name VARCHAR(255);
