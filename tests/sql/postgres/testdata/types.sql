CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE app.status AS ENUM ();
ALTER TYPE mood ADD VALUE 'ecstatic';
ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' BEFORE 'ok';
ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';
CREATE TYPE pair AS (a int, b text);
CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
