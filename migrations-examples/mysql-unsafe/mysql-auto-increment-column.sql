-- Hazard mysql-auto-increment-column: an AUTO_INCREMENT column rebuilds the table under LOCK=SHARED.
ALTER TABLE events ADD COLUMN id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;
