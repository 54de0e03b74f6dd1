CREATE INDEX idx_users_name ON users (name);
CREATE UNIQUE INDEX IF NOT EXISTS main.uq_email ON users (email COLLATE NOCASE ASC, lower(name) DESC);
CREATE INDEX idx_active ON users (org_id) WHERE deleted_at IS NULL AND active = 1;
CREATE INDEX "quoted idx" ON "users" ("name");
DROP INDEX idx_users_name;
DROP INDEX IF EXISTS main.uq_email;
REINDEX;
REINDEX users;
REINDEX main.idx_active;
