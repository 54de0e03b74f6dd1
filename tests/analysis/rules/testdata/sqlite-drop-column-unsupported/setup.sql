CREATE TABLE orgs (id INTEGER PRIMARY KEY);
CREATE TABLE teams (id INTEGER PRIMARY KEY);
CREATE TABLE users (
  id      INTEGER PRIMARY KEY,
  email   TEXT UNIQUE,
  org_id  INTEGER,
  team_id INTEGER REFERENCES teams (id),
  age     INTEGER CHECK (age >= 0),
  nick    TEXT,
  code    TEXT,
  bio     TEXT,
  FOREIGN KEY (org_id) REFERENCES orgs (id),
  CHECK (nick <> '')
);
CREATE INDEX users_code_idx ON users (code);
CREATE INDEX users_lower_bio ON users (lower(bio));
