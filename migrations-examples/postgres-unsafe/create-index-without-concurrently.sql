-- Hazard create-index-without-concurrently: CREATE INDEX blocks writes to the table for the whole build.
CREATE INDEX users_email_idx ON users (email);
