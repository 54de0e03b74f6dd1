-- Hazard concurrently-in-transaction: PostgreSQL refuses CONCURRENTLY inside BEGIN … COMMIT.
BEGIN;
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
COMMIT;
