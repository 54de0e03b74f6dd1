-- Hazard lock-table: LOCK TABLE holds its lock until the transaction ends, queueing the app's queries.
BEGIN;
LOCK TABLE users IN ACCESS EXCLUSIVE MODE;
COMMIT;
