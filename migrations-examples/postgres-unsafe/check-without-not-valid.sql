-- Hazard check-without-not-valid: a validated CHECK scans the table under an ACCESS EXCLUSIVE lock.
ALTER TABLE users ADD CONSTRAINT users_email_not_empty CHECK (email <> '');
