-- Hazard contract-outside-contract-section: DROP COLUMN outside a contract section runs before old app instances are gone.
ALTER TABLE users DROP COLUMN name;
