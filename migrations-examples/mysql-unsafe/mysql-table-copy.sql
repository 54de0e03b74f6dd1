-- Hazard mysql-table-copy: a STORED generated column can only be added by copying the table (ALGORITHM=COPY).
ALTER TABLE users ADD COLUMN email_lower VARCHAR(255) AS (LOWER(email)) STORED;
