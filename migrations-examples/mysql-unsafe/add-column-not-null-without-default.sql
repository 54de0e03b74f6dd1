-- Hazard add-column-not-null-without-default: MySQL fills old rows with '' and the running app's inserts fail in strict mode.
ALTER TABLE users ADD COLUMN full_name VARCHAR(255) NOT NULL;
