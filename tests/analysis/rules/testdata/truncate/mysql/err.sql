-- migrate:contract requires-app=2.0.0
TRUNCATE TABLE users;
