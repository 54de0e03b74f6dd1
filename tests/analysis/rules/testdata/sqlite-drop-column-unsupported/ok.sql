-- migrate:contract requires-app=2.0.0
-- Its own CHECK and its own REFERENCES clause go with the column.
ALTER TABLE users DROP COLUMN age;
ALTER TABLE users DROP COLUMN team_id;
-- The index goes first.
DROP INDEX users_code_idx;
ALTER TABLE users DROP COLUMN code;
-- A table the replay does not know is not judged.
ALTER TABLE sessions DROP COLUMN token;
