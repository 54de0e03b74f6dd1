-- The starting point: app version 1.x reads and writes users.name.
--
-- The story told by this directory: rename users.name to users.full_name on MySQL (or MariaDB)
-- without downtime. A plain `ALTER TABLE users RENAME COLUMN name TO full_name` is INSTANT, but it
-- would break every running 1.x instance at once, so the rename is spread over expand, backfill
-- and contract:
--
--   0001  create the table (app 1.x uses name)
--   0002  expand:   add full_name and keep both columns in sync with two triggers
--         backfill: copy name into full_name for existing rows, in batches
--   ...   deploy app 2.0.0, which reads and writes full_name only
--   0003  contract (waits until every instance runs 2.0.0 or later):
--                   make full_name NOT NULL, drop the triggers and the old column

-- A table created in this migration's expand section is new and unused by any app, so it may
-- be created with all its constraints and indexes at once.
CREATE TABLE users (
  id         BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name       VARCHAR(255) NOT NULL,
  email      VARCHAR(255) NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY users_email_key (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
