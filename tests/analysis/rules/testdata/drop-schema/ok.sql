-- migrate:contract requires-app=2.0.0
DROP TABLE IF EXISTS legacy.sessions;
DROP TYPE mood;
