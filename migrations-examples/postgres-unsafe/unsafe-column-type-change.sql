-- Hazard unsafe-column-type-change: a type change that may rewrite the table or narrow its values (the current type is unknown here).
ALTER TABLE users ALTER COLUMN id TYPE bigint;
