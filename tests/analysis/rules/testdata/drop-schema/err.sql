-- migrate:contract requires-app=2.0.0
DROP SCHEMA legacy CASCADE;
DROP SCHEMA IF EXISTS reporting;
