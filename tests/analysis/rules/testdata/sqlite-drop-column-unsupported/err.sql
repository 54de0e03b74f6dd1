-- migrate:contract requires-app=2.0.0
ALTER TABLE users DROP COLUMN id;
ALTER TABLE users DROP COLUMN email;
ALTER TABLE users DROP COLUMN org_id;
ALTER TABLE users DROP COLUMN nick;
ALTER TABLE users DROP COLUMN code;
ALTER TABLE users DROP COLUMN bio;
