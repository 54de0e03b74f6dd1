-- migrate:contract requires-app=web@2.0.0
ALTER TABLE users DROP COLUMN note;
ALTER TABLE users DROP COLUMN age;
