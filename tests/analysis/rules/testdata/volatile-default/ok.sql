ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT now();
ALTER TABLE users ADD COLUMN score int DEFAULT 0;
ALTER TABLE users ADD COLUMN kind text NOT NULL DEFAULT 'basic'::text;
ALTER TABLE users ADD COLUMN token uuid;
ALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();

CREATE TABLE sessions (id bigint);
ALTER TABLE sessions ADD COLUMN token uuid DEFAULT gen_random_uuid();
