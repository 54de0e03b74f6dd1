-- Hazard stored-generated-column: ADD COLUMN … GENERATED ALWAYS AS … STORED rewrites the table.
ALTER TABLE users ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) STORED;
