ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
ALTER TABLE legacy_sessions ADD PRIMARY KEY (id);
ALTER TABLE users ADD COLUMN code text UNIQUE;
