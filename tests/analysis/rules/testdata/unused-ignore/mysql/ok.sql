-- migrate:contract requires-app=2.0.0
-- migrate:ignore truncate reason="users is empty in every environment"
TRUNCATE TABLE users;
