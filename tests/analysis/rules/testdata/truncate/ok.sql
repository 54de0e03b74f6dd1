-- migrate:expand
CREATE TABLE import_staging (id bigint, payload text);
TRUNCATE import_staging;

-- migrate:backfill batch=500
DELETE FROM users WHERE age < 0;
