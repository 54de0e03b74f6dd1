-- Hazard contract-outside-contract-section: dropping a column the running app may still read.
ALTER TABLE users DROP COLUMN name;
