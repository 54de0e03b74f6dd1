REINDEX INDEX users_email_idx;
REINDEX TABLE users;
