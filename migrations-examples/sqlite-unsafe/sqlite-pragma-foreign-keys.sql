-- Hazard sqlite-pragma-foreign-keys: inside the migration's transaction this does nothing, so a
-- table rebuild that relies on it runs with foreign keys still enforced.
PRAGMA foreign_keys = OFF;
