-- Hazard mysql-blocking-lock: LOCK=SHARED blocks the app's writes for the whole index build.
ALTER TABLE users ADD INDEX users_email_idx (email), LOCK=SHARED;
