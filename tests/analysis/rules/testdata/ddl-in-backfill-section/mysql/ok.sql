-- migrate:backfill batch=1000
SET SESSION sql_mode = 'STRICT_ALL_TABLES';
UPDATE users SET note = '' WHERE note IS NULL;
