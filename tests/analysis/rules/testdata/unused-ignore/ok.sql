-- migrate:contract requires-app=2.0.0
-- migrate:ignore truncate reason="users is empty in every environment"
TRUNCATE users;
-- migrate:ignore drop-index-without-concurrently,unused-ignore reason="tiny table"
DROP INDEX users_email_idx;
