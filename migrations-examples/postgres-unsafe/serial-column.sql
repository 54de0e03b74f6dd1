-- Hazard serial-column: ADD COLUMN bigserial numbers every existing row, rewriting the table.
ALTER TABLE users ADD COLUMN position bigserial;
