-- Hazard reindex-without-concurrently: REINDEX blocks writes (and reads through the index) until it finishes.
REINDEX INDEX users_email_idx;
