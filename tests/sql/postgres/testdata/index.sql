CREATE INDEX users_email_idx ON users (email);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_uidx ON users USING btree (lower(email), org_id);
CREATE INDEX ON public.users (created_at DESC);
DROP INDEX users_email_idx;
DROP INDEX CONCURRENTLY IF EXISTS users_email_uidx;
DROP INDEX a_idx, b_idx;
REINDEX INDEX users_email_idx;
REINDEX TABLE CONCURRENTLY users;
REINDEX (CONCURRENTLY) INDEX users_email_idx;
