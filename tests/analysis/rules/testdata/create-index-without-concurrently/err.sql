CREATE INDEX users_age_idx ON users (age);
CREATE UNIQUE INDEX IF NOT EXISTS users_lower_email_key ON users (lower(email));
CREATE INDEX ON payments (created_at);
