-- migrate:contract requires-app=2.0.0
DROP TABLE IF EXISTS legacy_sessions;
DROP VIEW active_users;
