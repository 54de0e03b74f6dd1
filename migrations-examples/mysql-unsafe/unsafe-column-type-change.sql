-- Hazard unsafe-column-type-change: MODIFY to another type copies the table (the current type is unknown here).
ALTER TABLE users MODIFY id BIGINT NOT NULL AUTO_INCREMENT;
