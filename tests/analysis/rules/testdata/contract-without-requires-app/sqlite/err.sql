-- migrate:contract
ALTER TABLE users DROP COLUMN note;
