BEGIN;
CREATE INDEX CONCURRENTLY users_age_idx ON users (age);
REINDEX INDEX CONCURRENTLY users_email_idx;
COMMIT;

-- migrate:contract requires-app=2.0.0
START TRANSACTION;
DROP INDEX CONCURRENTLY users_email_idx;
ROLLBACK;
