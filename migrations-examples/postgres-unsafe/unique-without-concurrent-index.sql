-- Hazard unique-without-concurrent-index: ADD UNIQUE builds its index under an ACCESS EXCLUSIVE lock.
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
