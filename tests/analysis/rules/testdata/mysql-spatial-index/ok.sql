CREATE INDEX places_name_idx ON places (name);
CREATE TABLE regions (id BIGINT PRIMARY KEY, area POLYGON NOT NULL SRID 4326);
ALTER TABLE regions ADD SPATIAL INDEX regions_area_sp (area);
