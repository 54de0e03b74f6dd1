ALTER TABLE users RENAME TO customers;
ALTER VIEW active_users RENAME TO current_users;
ALTER TABLE users SET SCHEMA archive;
