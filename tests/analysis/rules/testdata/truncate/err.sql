-- migrate:contract requires-app=2.0.0
TRUNCATE users;
TRUNCATE TABLE sessions, users RESTART IDENTITY;
