ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0);
ALTER TABLE users ADD CHECK (email IS NOT NULL);
