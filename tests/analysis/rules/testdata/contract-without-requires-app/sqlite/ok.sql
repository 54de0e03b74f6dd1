-- migrate:contract requires-app=billing@2.0.0
ALTER TABLE users DROP COLUMN note;
