-- migrate:contract requires-app=2.0.0
DROP DATABASE legacy;
DROP DATABASE IF EXISTS scratch;
